package io.usage4j.cli.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudflare's billable usage v2, in the v4 envelope ({@code success}, {@code errors}, {@code messages},
 * {@code result}); one record per billable metric per zone per day, PascalCase FOCUS fields and
 * {@code x_} Cloudflare extensions:
 *
 * <ul>
 *   <li>{@code POST /client/v4/accounts/{account_id}/billable/usage} ("Query Account Usage"): a JSON body,
 *       {@code TimePeriod.From} inclusive and {@code To} exclusive; with {@code "Metric": "cost"} every record
 *       carries its rated cost (list price times pricing quantity, USD) and pricing fields;
 *   <li>{@code GET} on the same path: usage only, {@code from} and {@code to} (dates, both or neither,
 *       {@code to} inclusive, at most 31 days) and an optional {@code metric};
 *   <li>{@code GET .../billable/usage/billable-metrics}: the metric catalogue;
 *   <li>{@code GET /client/v4/organizations/{organization_id}/billable/usage}: usage only; the sandbox
 *       organization holds the sandbox account, any other id answers an empty result (as Cloudflare does).
 * </ul>
 *
 * The PayGo paths answer 403, as they do for the many accounts without access to that beta.
 */
final class CloudflareApi {
    private static final Pattern PATH = Pattern.compile("/client/v4/accounts/([^/]+)/billable/usage");
    private static final Pattern METRICS_PATH = Pattern.compile("/client/v4/accounts/([^/]+)/billable/usage/billable-metrics");
    private static final Pattern ORGANIZATION_PATH = Pattern.compile("/client/v4/organizations/([^/]+)/billable/usage");
    /** The PayGo paths: restricted to select accounts, and the sandbox account is not one of them. */
    private static final Pattern PAYGO = Pattern.compile("/client/v4/accounts/[^/]+/(billing/usage/paygo|paygo-usage|billable-usage)");
    /** Usage begins here: the sandbox account was opened on this day. */
    static final LocalDate ACCOUNT_OPENED = LocalDate.of(2024, 1, 1);
    static final int MAX_DAYS = 31;

    record Zone(String id, String name, double weight) {}

    /**
     * A billable metric and its list price: {@code unitPrice} per {@code pricingUnit}, which is
     * {@code 10^pricingShift} consumed units (6: per million requests).
     */
    record Metric(String id, String name, String familyId, String familyName, String category, String unit,
            double dailyPerZone, int scale, boolean weekly, String unitPrice, String pricingUnit, int pricingShift) {}

    static final List<Zone> ZONES = List.of(
            new Zone("9a7806061c88ada191ed06f989cc3dac", "example.com", 1.0),
            new Zone("3f2a6e0b94c14f7e8d5b2c1a0e9f8d7c", "shop.example.com", 0.45),
            new Zone("c6e1b2d3a4f5061728394a5b6c7d8e9f", "api.example.net", 0.7));

    static final List<Metric> METRICS = List.of(
            new Metric("workers_standard_requests", "Workers Standard Requests", "workers", "Workers", "Developer",
                    "Requests", 2_400_000, 0, true, "0.30", "Million Requests", 6),
            new Metric("workers_standard_cpu_ms", "Workers Standard CPU Time", "workers", "Workers", "Developer",
                    "CPU-Milliseconds", 9_600_000, 0, true, "0.02", "Million CPU-Milliseconds", 6),
            new Metric("workers_kv_read_operations", "Workers KV Read Operations", "workers_kv", "Workers KV", "Developer",
                    "Requests", 850_000, 0, true, "0.50", "Million Requests", 6),
            new Metric("r2_storage", "R2 Storage", "r2", "R2", "Developer", "GB-Months", 13.75, 6, false, "0.015", "GB-Months", 0),
            new Metric("r2_class_a_operations", "R2 Class A Operations", "r2", "R2", "Developer", "Requests", 42_000, 0, true, "4.50", "Million Requests", 6),
            new Metric("r2_class_b_operations", "R2 Class B Operations", "r2", "R2", "Developer", "Requests", 610_000, 0, true, "0.36", "Million Requests", 6),
            new Metric("images_transformations", "Images Unique Transformations", "images", "Images", "Developer",
                    "Transformations", 18_000, 0, true, "0.50", "Thousand Transformations", 3),
            new Metric("stream_minutes_delivered", "Stream Minutes Delivered", "stream", "Stream", "Developer",
                    "Minutes", 36_000, 0, true, "1.00", "Thousand Minutes", 3),
            new Metric("workers_ai_neurons", "Workers AI Neurons", "workers_ai", "Workers AI", "Developer",
                    "Neurons", 120_000, 0, true, "0.011", "Thousand Neurons", 3),
            new Metric("argo_smart_routing_data_transfer", "Argo Smart Routing Data Transfer", "argo", "Argo Smart Routing",
                    "Application Services", "GB", 85.3, 6, true, "0.10", "GB", 0));

    private final Clock clock;
    private final Faults faults;

    CloudflareApi(Clock clock, Faults faults) {
        this.clock = clock;
        this.faults = faults;
    }

    Response handle(Request request) {
        if (request.header("Authorization").filter(a -> a.startsWith("Bearer ") && a.length() > 7).isEmpty()
                && (request.header("X-Auth-Key").isEmpty() || request.header("X-Auth-Email").isEmpty())) {
            return error(403, 10000, "Authentication error");
        }
        if (PAYGO.matcher(request.path()).matches()) {
            return error(403, 1171, "insufficient_permissions: PayGo usage is restricted to select accounts");
        }
        Matcher metrics = METRICS_PATH.matcher(request.path());
        Matcher organization = ORGANIZATION_PATH.matcher(request.path());
        Matcher path = PATH.matcher(request.path());
        if (!metrics.matches() && !organization.matches() && !path.matches()) {
            return error(404, 7003, "Could not route to " + request.path() + ", perhaps your object identifier is invalid?");
        }
        boolean post = request.method().equals("POST");
        if (!request.method().equals("GET") && !(post && path.matches())) {
            return error(405, 10405, "Method " + request.method() + " not allowed for " + request.path());
        }
        if (faults.rateLimitCloudflare()) {
            return error(429, 10100, "More than 1200 requests per 300 seconds reached. Please wait and consider throttling your request speed")
                    .withHeader("Retry-After", "1");
        }
        if (post) {
            return query(path.group(1), request.body());
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate from;
        LocalDate to;
        if (request.param("from").isEmpty() && request.param("to").isEmpty()) {
            from = today.withDayOfMonth(1);
            to = today;
        } else if (request.param("from").isEmpty() || request.param("to").isEmpty()) {
            return error(400, 10400, "from and to must be given together");
        } else {
            try {
                from = LocalDate.parse(request.param("from").get());
                to = LocalDate.parse(request.param("to").get());
            } catch (DateTimeParseException e) {
                return error(400, 10400, "from and to must be ISO 8601 dates (YYYY-MM-DD)");
            }
        }
        if (to.isBefore(from)) {
            return error(400, 10400, "from must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            return error(400, 10400, "The maximum date range is " + MAX_DAYS + " days");
        }
        if (metrics.matches()) {
            ArrayNode result = Json.array();
            for (Metric metric : METRICS) {
                ObjectNode item = result.addObject();
                item.put("x_BillableMetricId", metric.id());
                item.put("x_BillableMetricName", metric.name());
                item.put("x_ProductFamilyName", metric.familyName());
                item.putArray("DimensionKeys").add("account").add("zone");
            }
            return success(result);
        }
        if (organization.matches() && !organization.group(1).equals(Sandbox.CLOUDFLARE_ORGANIZATION)) {
            return success(Json.array()); // an unknown or empty organization: no records, not an error
        }
        String account = organization.matches() ? Sandbox.CLOUDFLARE_ACCOUNT : path.group(1);
        return success(records(account, from, to.plusDays(1), Set.copyOf(request.params("metric")), false));
    }

    /**
     * The POST "Query Account Usage": {@code TimePeriod.From} inclusive, {@code To} exclusive, at most 31
     * days; {@code "Metric": "cost"} adds the cost and pricing fields; {@code FilterBy.MetricIds} and
     * {@code ProductFamilyIds} filter. The sandbox's usage data source supports neither tags nor
     * dimensions, so tag filters and any grouping are refused with 400, as Cloudflare documents for such
     * data sources. Unknown fields are rejected.
     */
    private Response query(String account, String text) {
        JsonNode body;
        try {
            body = text.isBlank() ? Json.object() : Json.read(text);
        } catch (RuntimeException e) {
            return error(400, 10400, "the request body is not JSON");
        }
        if (!body.isObject()) {
            return error(400, 10400, "the request body must be a JSON object");
        }
        for (String field : Json.fieldNames(body)) {
            if (!Set.of("TimePeriod", "Metric", "FilterBy", "GroupBy").contains(field)) {
                return error(400, 10400, "unknown field " + field + " in the request body");
            }
        }
        JsonNode filter = body.path("FilterBy");
        if (body.path("GroupBy").size() > 0 || filter.path("Tags").size() > 0) {
            return error(400, 10401, "tag and dimension grouping is not supported for this usage data source");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate from = today.withDayOfMonth(1);
        LocalDate to = today.plusDays(1);
        JsonNode period = body.path("TimePeriod");
        if (period.has("From") != period.has("To")) {
            return error(400, 10400, "TimePeriod.From and TimePeriod.To must be given together");
        }
        if (period.has("From")) {
            try {
                from = LocalDate.parse(period.path("From").asText().substring(0, Math.min(10, period.path("From").asText().length())));
                to = LocalDate.parse(period.path("To").asText().substring(0, Math.min(10, period.path("To").asText().length())));
            } catch (DateTimeParseException e) {
                return error(400, 10400, "TimePeriod.From and TimePeriod.To must be ISO 8601 dates");
            }
        }
        if (!to.isAfter(from)) {
            return error(400, 10400, "TimePeriod.To must be after TimePeriod.From");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            return error(400, 10400, "TimePeriod.To must be no more than " + MAX_DAYS + " days after TimePeriod.From");
        }
        Set<String> metricIds = new HashSet<>();
        filter.path("MetricIds").forEach(id -> metricIds.add(id.asText()));
        Set<String> families = new HashSet<>();
        filter.path("ProductFamilyIds").forEach(id -> families.add(id.asText()));
        boolean cost = body.path("Metric").asText("").equals("cost");
        ArrayNode result = records(account, from, to, metricIds, cost);
        if (!families.isEmpty()) {
            ArrayNode kept = Json.array();
            result.forEach(row -> {
                if (families.contains(row.path("x_ProductFamilyId").asText())) {
                    kept.add(row);
                }
            });
            result = kept;
        }
        return success(result);
    }

    /** The records of {@code [from, to)}, one per metric per zone per day, rated when {@code cost}. */
    private ArrayNode records(String account, LocalDate from, LocalDate to, Set<String> metricFilter, boolean cost) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        ArrayNode result = Json.array();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            if (day.isBefore(ACCOUNT_OPENED) || day.isAfter(today)) {
                continue;
            }
            for (Metric metric : METRICS) {
                if (!metricFilter.isEmpty() && !metricFilter.contains(metric.id())) {
                    continue;
                }
                for (Zone zone : ZONES) {
                    ObjectNode row = record(account, day, metric, zone);
                    if (cost) {
                        rate(row, day, metric, zone);
                    }
                    result.add(row);
                }
            }
        }
        return result;
    }

    /** Adds the cost and pricing fields: list price times pricing quantity, exactly, in USD, no discount. */
    private static void rate(ObjectNode row, LocalDate day, Metric metric, Zone zone) {
        BigDecimal pricingQuantity = quantity(day, metric, zone).movePointLeft(metric.pricingShift());
        BigDecimal unitPrice = new BigDecimal(metric.unitPrice());
        BigDecimal cost = unitPrice.multiply(pricingQuantity);
        row.put("BillingCurrency", "USD");
        row.put("BillingPeriodStart", day.withDayOfMonth(1) + "T00:00:00Z");
        row.put("BillingPeriodEnd", day.withDayOfMonth(1).plusMonths(1) + "T00:00:00Z");
        row.putNull("ChargeClass");
        row.put("PricingQuantity", pricingQuantity);
        row.put("PricingUnit", metric.pricingUnit());
        row.put("ListUnitPrice", unitPrice);
        row.put("ContractedUnitPrice", unitPrice);
        row.put("ListCost", cost);
        row.put("ContractedCost", cost);
        row.put("BilledCost", cost);
        row.put("EffectiveCost", cost);
    }

    private static Response success(ArrayNode result) {
        ObjectNode envelope = Json.object();
        envelope.set("errors", Json.array());
        envelope.set("messages", Json.array());
        envelope.set("result", result);
        envelope.put("success", true);
        return Response.json(200, Json.write(envelope));
    }

    static BigDecimal quantity(LocalDate day, Metric metric, Zone zone) {
        Random random = Noise.of("cloudflare", metric.id(), zone.id(), day);
        double growth = 1 + 0.0012 * ChronoUnit.DAYS.between(ACCOUNT_OPENED, day);
        double weekly = metric.weekly() && (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY)
                ? 0.72 : 1.0;
        double jitter = metric.weekly() ? 0.85 + 0.3 * random.nextDouble() : 0.995 + 0.01 * random.nextDouble();
        return Noise.round(metric.dailyPerZone() * zone.weight() * growth * weekly * jitter, metric.scale());
    }

    private static ObjectNode record(String account, LocalDate day, Metric metric, Zone zone) {
        ObjectNode row = Json.object();
        row.put("BillingAccountId", account);
        row.put("BillingAccountName", "Sandbox Account");
        row.put("ChargeCategory", "Usage");
        row.put("ChargeDescription", metric.name() + " — daily usage");
        row.put("ChargeFrequency", "Usage-Based");
        row.put("ChargePeriodEnd", day.plusDays(1) + "T00:00:00Z");
        row.put("ChargePeriodStart", day + "T00:00:00Z");
        row.put("ConsumedQuantity", quantity(day, metric, zone));
        row.put("ConsumedUnit", metric.unit());
        row.put("HostProviderName", "Cloudflare");
        row.put("InvoiceIssuerName", "Cloudflare");
        row.put("ServiceProviderName", "Cloudflare");
        row.put("x_BillableMetricId", metric.id());
        row.put("x_BillableMetricName", metric.name());
        row.put("x_ProductCategoryName", metric.category());
        row.put("x_ProductFamilyId", metric.familyId());
        row.put("x_ProductFamilyName", metric.familyName());
        row.put("x_ZoneId", zone.id());
        row.put("x_ZoneName", zone.name());
        return row;
    }

    private static Response error(int status, int code, String message) {
        ObjectNode envelope = Json.object();
        ArrayNode errors = envelope.putArray("errors");
        errors.addObject().put("code", code).put("message", message);
        envelope.putArray("messages");
        envelope.putNull("result");
        envelope.put("success", false);
        return Response.json(status, Json.write(envelope));
    }
}
