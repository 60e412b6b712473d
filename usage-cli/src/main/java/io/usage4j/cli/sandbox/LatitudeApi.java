package io.usage4j.cli.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * Latitude.sh's {@code GET /billing/usage?filter[project]=...[&filter[products][]=...][&filter[plan]=...]}:
 * a JSON:API document ({@code application/vnd.api+json}) for the project's current billing period,
 * which begins on the 24th of a month at 15:56:32 UTC. Money is in cents. Several products: two
 * metered servers (one with a 15 % reserved-capacity discount), object storage with a fixed-amount
 * promotion, licensed IPv4 addresses and bandwidth; quantities are counted up to the sandbox's "now".
 */
final class LatitudeApi {
    static final String CONTENT_TYPE = "application/vnd.api+json";
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    static final int PERIOD_DAY = 24;

    record Discount(String description, String type, BigDecimal value) {}

    record Product(String id, String resource, String name, String description, String unit, BigDecimal unitPrice,
            String usageType, boolean proration, Discount discount, String plan, String hostname, String serverId,
            double perHour, double fixedQuantity) {}

    static final List<Product> PRODUCTS = List.of(
            new Product("si_aslft06m", "server", "c3.small.x86", "c3.small.x86 - SAO2", "hour", new BigDecimal("44"),
                    "metered", true, null, "c3.small.x86", "web-01", "sv_81EVOtR1N4J2Z", 1, 0),
            new Product("si_k3m9xq2v", "server", "m4.metal.medium", "m4.metal.medium - SAO2", "hour", new BigDecimal("153"),
                    "metered", true, new Discount("Reserved capacity, 12 months", "percent", new BigDecimal("15")),
                    "m4.metal.medium", "db-01", "sv_5Qd0aWbVn3Lz8", 1, 0),
            new Product("si_on0fybnq", "storage", "Object storage", "Object storage (GB-month)", "GB", new BigDecimal("1.5"),
                    "metered", false, new Discount("Launch promo", "amount", new BigDecimal("500")), null, null, null, 0, 2048),
            new Product("si_p7r2ipv4", "ip_address", "Additional IPv4", "Additional IPv4 addresses /29", "quantity",
                    new BigDecimal("300"), "licensed", true, null, null, null, null, 0, 4),
            new Product("si_b4ndw1th", "bandwidth", "Bandwidth", "Outbound transfer above the included 20 TB", "GB",
                    new BigDecimal("0.9"), "metered", false, null, null, null, null, 2.1, 0));

    private final Clock clock;

    LatitudeApi(Clock clock) {
        this.clock = clock;
    }

    Response handle(Request request) {
        if (request.header("Authorization").isEmpty()) {
            return error(401, "UNAUTHORIZED", "Unauthorized", "Invalid or missing API key");
        }
        if (request.param("filter[project]").isEmpty()) {
            return error(400, "VALIDATION_ERROR", "Bad Request", "filter[project] is required");
        }
        String project = request.param("filter[project]").get();
        Set<String> products = Set.copyOf(request.params("filter[products][]"));
        String plan = request.param("filter[plan]").orElse(null);
        Instant now = clock.instant();
        OffsetDateTime start = periodStart(now);
        OffsetDateTime end = start.plusMonths(1);
        double hours = Duration.between(start.toInstant(), now).toMinutes() / 60.0;

        ArrayNode list = Json.array();
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal price = BigDecimal.ZERO;
        for (Product product : PRODUCTS) {
            if (!products.isEmpty() && !products.contains(product.id())
                    || plan != null && !plan.equals(product.plan())) {
                continue;
            }
            BigDecimal quantity = product.perHour() > 0
                    ? BigDecimal.valueOf(product.perHour() * hours).setScale(product.unit().equals("hour") ? 0 : 2, RoundingMode.DOWN)
                    : BigDecimal.valueOf(product.fixedQuantity());
            quantity = quantity.stripTrailingZeros().scale() < 0 ? quantity.setScale(0) : quantity.stripTrailingZeros();
            BigDecimal gross = quantity.multiply(product.unitPrice()).setScale(0, RoundingMode.HALF_UP);
            BigDecimal net = gross;
            ArrayNode discounts = Json.array();
            if (product.discount() != null) {
                Discount discount = product.discount();
                discounts.addObject().put("description", discount.description()).put("type", discount.type())
                        .put("value", discount.value());
                net = discount.type().equals("percent")
                        ? gross.subtract(gross.multiply(discount.value()).movePointLeft(2)).setScale(0, RoundingMode.HALF_UP)
                        : gross.subtract(discount.value()).max(BigDecimal.ZERO);
            }
            amount = amount.add(net);
            price = price.add(net);
            ObjectNode row = list.addObject();
            row.put("id", product.id());
            row.put("resource", product.resource());
            row.put("name", product.name());
            row.put("description", product.description());
            row.put("proration", product.proration());
            row.put("discountable", true);
            row.set("discounts", discounts);
            row.put("amount_without_discount", gross);
            row.put("start", OFFSET.format(start));
            row.putNull("end");
            row.put("unit", product.unit());
            row.put("unit_amount", product.unitPrice());
            row.put("unit_price", product.unitPrice());
            row.put("usage_type", product.usageType());
            row.put("quantity", quantity);
            row.put("amount", net);
            row.put("price", net);
            ObjectNode metadata = row.putObject("metadata");
            if (product.serverId() != null) {
                metadata.putArray("servers").addObject()
                        .put("id", product.serverId())
                        .put("hostname", product.hostname())
                        .put("plan", product.plan())
                        .putArray("tags").add("production");
            } else if (product.resource().equals("storage")) {
                metadata.putObject("bucket").put("id", "bkt_x1q8z3").put("name", "backups").put("location", "SAO");
            }
        }
        ObjectNode attributes = Json.object();
        ObjectNode projectNode = attributes.putObject("project");
        projectNode.put("id", project);
        projectNode.put("slug", "fantastic-iron-clock");
        projectNode.put("name", "Fantastic Iron Clock");
        ObjectNode period = attributes.putObject("period");
        period.put("start", OFFSET.format(start));
        period.put("end", OFFSET.format(end));
        attributes.put("available_credit_balance", 2500);
        attributes.put("amount", amount);
        attributes.put("price", price);
        attributes.put("threshold", 10000);
        attributes.set("products", list);
        ObjectNode body = Json.object();
        ObjectNode data = body.putObject("data");
        data.put("id", "");
        data.put("type", "billing_usage");
        data.set("attributes", attributes);
        body.putObject("meta");
        return Response.json(200, CONTENT_TYPE, Json.write(body));
    }

    /** The start of the billing period that contains {@code now}: the 24th at 15:56:32 UTC. */
    static OffsetDateTime periodStart(Instant now) {
        OffsetDateTime time = now.atOffset(ZoneOffset.UTC);
        OffsetDateTime start = time.withDayOfMonth(PERIOD_DAY).withHour(15).withMinute(56).withSecond(32).withNano(0);
        return start.isAfter(time) ? start.minusMonths(1) : start;
    }

    private static Response error(int status, String code, String title, String detail) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("code", code);
        error.put("status", String.valueOf(status));
        error.put("title", title);
        error.put("detail", detail);
        return Response.json(status, CONTENT_TYPE, Json.write(body));
    }
}
