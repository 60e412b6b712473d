package io.usage4j.cli.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Fastly's Billing Usage Metrics v3, and its Invoices API through {@link FastlyInvoiceApi}.
 *
 * <ul>
 *   <li>{@code GET /billing/v3/usage-metrics?start_month=YYYY-MM&end_month=YYYY-MM}: both required, at
 *       most three months; answers {@code {"data": [Usagemetric...]}} (the list form real responses use).
 *   <li>{@code GET /billing/v3/service-usage-metrics?start_month&end_month&limit&cursor[&product_id&usage_type_name&service]}:
 *       each page is one usage-type block of one month ({@code data.details[]} per service) with the
 *       cursor of the next page at {@code data.meta.next_cursor}; the last page has no {@code next_cursor}.
 *       {@code limit} defaults to 1000, at most 10000.
 * </ul>
 *
 * <p>Quantities per service add up to the month's quantity of the usage type.
 */
final class FastlyApi {
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    static final String CUSTOMER_ID = "x4xCwxxJxGCx123Rx5xTx";
    static final YearMonth FIRST_MONTH = YearMonth.of(2024, 1);
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    record UsageType(String productId, String usageType, String name, String region, String unit, double monthly,
            int scale, boolean perService) {}

    record Service(String id, String name, double weight, boolean compute) {}

    static final List<UsageType> USAGE_TYPES = List.of(
            new UsageType("cdn_usage", "North America Bandwidth", "North America Bandwidth", "North America", "gb", 18_500, 3, true),
            new UsageType("cdn_usage", "Europe Bandwidth", "Europe Bandwidth", "Europe", "gb", 11_200, 3, true),
            new UsageType("cdn_usage", "Asia Pacific Bandwidth", "Asia Pacific Bandwidth", "Asia Pacific", "gb", 4_300, 3, true),
            new UsageType("cdn_usage", "North America Requests", "North America Requests", "North America", "unit", 1.25e9, 0, true),
            new UsageType("cdn_usage", "Europe Requests", "Europe Requests", "Europe", "unit", 8.4e8, 0, true),
            new UsageType("compute", "Compute Requests", "Compute Requests", null, "unit", 3.1e8, 0, true),
            new UsageType("compute", "Compute Duration", "Compute vCPU Duration", null, "vcpu-ms", 4.2e9, 0, false),
            new UsageType("image_optimizer", "Image Optimizer Requests", "Image Optimizer Requests", null, "unit", 2.1e7, 0, false));

    static final List<Service> SERVICES = List.of(
            new Service("SU1Z0isxPaozGVKXdv0eY", "www.example.com", 0.46, true),
            new Service("7i6HN3TK9wS159v2gPAZ8A", "api.example.com", 0.24, true),
            new Service("4kLw2Qm8Rb3Xy6Zt1Nc9Vd", "images.example.com", 0.17, false),
            new Service("9pHs5Jf2Ku8Mn4Bq7Wr3Ex", "static.example.net", 0.09, false),
            new Service("2gTy6Lc1Vb9Nz5Xq8Pm4Ak", "staging.example.com", 0.04, false));

    /**
     * A long tail of small tenant services that only serve requests in North America: 240 of them, so
     * that usage type takes three pages at a page size of 100 and clients have to follow the cursor.
     */
    static final List<Service> TENANTS = tenants(240);
    static final String LONG_TAIL_USAGE_TYPE = "North America Requests";

    private final Clock clock;
    private final Faults faults;
    private final FastlyInvoiceApi invoices;

    private static List<Service> tenants(int count) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        List<Service> tenants = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Random random = Noise.of("fastly-tenant", i);
            StringBuilder id = new StringBuilder();
            for (int c = 0; c < 22; c++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            tenants.add(new Service(id.toString(), String.format(java.util.Locale.ROOT, "tenant-%03d.saas.example.com", i),
                    0.0002 + 0.0008 * random.nextDouble(), false));
        }
        return List.copyOf(tenants);
    }

    FastlyApi(Clock clock, Faults faults) {
        this.clock = clock;
        this.faults = faults;
        this.invoices = new FastlyInvoiceApi(this, clock);
    }

    Response handle(Request request) {
        if (request.header("Fastly-Key").isEmpty()) {
            return error(401, "Unauthorized", "Provided credentials are missing or invalid");
        }
        if (request.path().equals(FastlyInvoiceApi.LIST) || request.path().startsWith(FastlyInvoiceApi.LIST + "/")) {
            return invoices.handle(request);
        }
        return switch (request.path()) {
            case "/billing/v3/usage-metrics" -> usageMetrics(request);
            case "/billing/v3/service-usage-metrics" -> serviceUsage(request);
            default -> error(404, "Not Found", "Record not found");
        };
    }

    private YearMonth thisMonth() {
        return YearMonth.from(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    private Response usageMetrics(Request request) {
        if (request.param("start_month").isEmpty() || request.param("end_month").isEmpty()) {
            return error(400, "Bad Request", "start_month and end_month are required");
        }
        Optional<YearMonth> start = month(request.param("start_month").get());
        Optional<YearMonth> end = month(request.param("end_month").get());
        if (start.isEmpty() || end.isEmpty()) {
            return error(400, "Bad Request", "start_month and end_month must be of the form YYYY-MM");
        }
        if (end.get().isBefore(start.get())) {
            return error(400, "Bad Request", "end_month must not be before start_month");
        }
        if (ChronoUnit.MONTHS.between(start.get(), end.get()) + 1 > 3) {
            return error(400, "Bad Request", "usage metrics are returned for a maximum period of three months at a time");
        }
        ArrayNode data = Json.array();
        for (YearMonth month = start.get(); !month.isAfter(end.get()); month = month.plusMonths(1)) {
            if (month.isBefore(FIRST_MONTH) || month.isAfter(thisMonth())) {
                continue;
            }
            for (UsageType type : USAGE_TYPES) {
                BigDecimal quantity = monthly(month, type);
                ObjectNode row = data.addObject();
                row.put("month", month.toString());
                row.put("usage_type", type.usageType());
                row.put("name", type.name());
                if (type.region() != null) {
                    row.put("region", type.region());
                }
                row.put("unit", type.unit());
                row.put("quantity", quantity);
                row.put("raw_quantity", type.unit().equals("gb")
                        ? quantity.movePointRight(9).setScale(0, RoundingMode.HALF_UP) : quantity);
                row.put("product_id", type.productId());
                row.put("last_updated_at", lastUpdated(month).toString());
            }
        }
        ObjectNode body = Json.object();
        body.set("data", data);
        return Response.json(200, Json.write(body));
    }

    private LocalDate lastUpdated(YearMonth month) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate afterMonth = month.plusMonths(1).atDay(1);
        return afterMonth.isAfter(today) ? today : afterMonth;
    }

    /** The month's quantity of {@code type}; the current month is counted up to today. */
    BigDecimal monthly(YearMonth month, UsageType type) {
        Random random = Noise.of("fastly", type.usageType(), month);
        double growth = 1 + 0.03 * ChronoUnit.MONTHS.between(FIRST_MONTH, month);
        double jitter = 0.88 + 0.24 * random.nextDouble();
        double share = 1.0;
        if (month.equals(thisMonth())) {
            share = (double) LocalDate.now(clock.withZone(ZoneOffset.UTC)).getDayOfMonth() / month.lengthOfMonth();
        }
        return Noise.round(type.monthly() * growth * jitter * share, type.scale());
    }

    record Row(YearMonth month, UsageType type, Service service, BigDecimal units) {}

    /** The month's quantity of {@code type} split across the services that use it; the shares add up exactly. */
    List<Row> perService(YearMonth month, UsageType type) {
        BigDecimal total = monthly(month, type);
        List<Service> using = new ArrayList<>(SERVICES.stream()
                .filter(s -> type.productId().equals("cdn_usage") || s.compute()).toList());
        if (type.usageType().equals(LONG_TAIL_USAGE_TYPE)) {
            using.addAll(TENANTS);
        }
        double weights = using.stream().mapToDouble(Service::weight).sum();
        List<Row> rows = new ArrayList<>();
        BigDecimal assigned = BigDecimal.ZERO;
        for (int i = 0; i < using.size(); i++) {
            Service service = using.get(i);
            BigDecimal units = i == using.size() - 1 ? total.subtract(assigned)
                    : Noise.round(total.doubleValue() * service.weight() / weights, type.scale());
            assigned = assigned.add(units);
            if (units.signum() > 0) {
                rows.add(new Row(month, type, service, units));
            }
        }
        return rows;
    }

    private Response serviceUsage(Request request) {
        YearMonth start;
        YearMonth end;
        Optional<String> startText = request.param("start_month");
        Optional<String> endText = request.param("end_month");
        start = startText.map(FastlyApi::month).orElse(Optional.of(thisMonth())).orElse(null);
        end = endText.map(FastlyApi::month).orElse(Optional.of(start == null ? thisMonth() : start)).orElse(null);
        if (start == null || end == null) {
            return error(400, "Bad Request", "start_month and end_month must be of the form YYYY-MM");
        }
        if (end.isBefore(start)) {
            return error(400, "Bad Request", "end_month must not be before start_month");
        }
        int limit = DEFAULT_LIMIT;
        if (request.param("limit").isPresent()) {
            try {
                limit = Integer.parseInt(request.param("limit").get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                return error(400, "Bad Request", "limit must be a number from 1 to " + MAX_LIMIT);
            }
        }
        Optional<String> productId = request.param("product_id");
        Optional<String> usageTypeName = request.param("usage_type_name");
        Optional<String> serviceId = request.param("service");
        List<Row> rows = new ArrayList<>();
        for (YearMonth month = start; !month.isAfter(end); month = month.plusMonths(1)) {
            if (month.isBefore(FIRST_MONTH) || month.isAfter(thisMonth())) {
                continue;
            }
            for (UsageType type : USAGE_TYPES) {
                if (!type.perService() || productId.filter(p -> !p.equals(type.productId())).isPresent()
                        || usageTypeName.filter(u -> !u.equals(type.usageType())).isPresent()) {
                    continue;
                }
                for (Row row : perService(month, type)) {
                    if (serviceId.isEmpty() || serviceId.get().equals(row.service().id())) {
                        rows.add(row);
                    }
                }
            }
        }
        String fingerprint = Integer.toHexString(String.join("|", start.toString(), end.toString(), productId.orElse(""),
                usageTypeName.orElse(""), serviceId.orElse("")).hashCode());
        int offset = 0;
        Optional<String> cursor = request.param("cursor");
        if (cursor.isEmpty()) {
            if (faults.failFastlyFirstPage()) {
                return error(503, "Service Unavailable", "The service is temporarily unavailable; try again");
            }
        } else {
            offset = decodeCursor(cursor.get(), fingerprint);
            if (offset < 0 || offset > rows.size()) {
                return error(400, "Bad Request", "cursor is not valid for this query");
            }
        }
        ObjectNode data = Json.object();
        data.put("customer_id", CUSTOMER_ID);
        int next = offset;
        ArrayNode details = Json.array();
        if (offset < rows.size()) {
            Row first = rows.get(offset);
            data.put("start_time", first.month().atDay(1) + "T00:00:00Z");
            data.put("end_time", first.month().atEndOfMonth() + "T23:59:59Z");
            data.put("usage_type", first.type().usageType());
            data.put("unit", first.type().unit());
            while (next < rows.size() && next - offset < limit && rows.get(next).month().equals(first.month())
                    && rows.get(next).type().equals(first.type())) {
                Row row = rows.get(next++);
                details.addObject()
                        .put("customer_id", CUSTOMER_ID)
                        .put("service_id", row.service().id())
                        .put("service_name", row.service().name())
                        .put("usage_units", row.units());
            }
        }
        data.set("details", details);
        ObjectNode meta = data.putObject("meta");
        if (next < rows.size()) {
            meta.put("next_cursor", encodeCursor(next, fingerprint));
        }
        meta.put("limit", limit);
        meta.put("sort", "billing_start_date");
        meta.put("total", rows.size());
        ObjectNode body = Json.object();
        body.set("data", data);
        return Response.json(200, Json.write(body));
    }

    static String encodeCursor(int offset, String fingerprint) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"o\":" + offset + ",\"q\":\"" + fingerprint + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    static int decodeCursor(String cursor, String fingerprint) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            java.util.regex.Matcher m = Pattern.compile("\\{\"o\":(\\d+),\"q\":\"([0-9a-f-]+)\"}").matcher(text);
            if (m.matches() && m.group(2).equals(fingerprint)) {
                return Integer.parseInt(m.group(1));
            }
        } catch (IllegalArgumentException notACursor) {
            // refused below
        }
        return -1;
    }

    private static Optional<YearMonth> month(String text) {
        if (!MONTH.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Response error(int status, String title, String detail) {
        ObjectNode body = Json.object();
        body.put("msg", title);
        body.put("detail", detail);
        body.put("title", title);
        body.put("status", String.valueOf(status));
        return Response.json(status, Json.write(body));
    }
}
