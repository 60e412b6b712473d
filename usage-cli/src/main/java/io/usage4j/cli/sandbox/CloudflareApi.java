package io.usage4j.cli.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudflare's "Get Account Usage (Version 2)": {@code GET /client/v4/accounts/{account_id}/billable/usage}
 * with {@code from} and {@code to} (dates, both or neither, {@code to} inclusive, at most 31 days) and an
 * optional {@code metric}. The v4 envelope ({@code success}, {@code errors}, {@code messages},
 * {@code result}); one record per billable metric per zone per day, PascalCase FOCUS fields and
 * {@code x_} Cloudflare extensions. Cost fields are absent, as Cloudflare documents for now. The PayGo
 * paths answer 403, as they do for the many accounts without access to that beta.
 */
final class CloudflareApi {
    private static final Pattern PATH = Pattern.compile("/client/v4/accounts/([^/]+)/billable/usage");
    /** The PayGo paths: restricted to select accounts, and the sandbox account is not one of them. */
    private static final Pattern PAYGO = Pattern.compile("/client/v4/accounts/[^/]+/(billing/usage/paygo|paygo-usage|billable-usage)");
    /** Usage begins here: the sandbox account was opened on this day. */
    static final LocalDate ACCOUNT_OPENED = LocalDate.of(2024, 1, 1);
    static final int MAX_DAYS = 31;

    record Zone(String id, String name, double weight) {}

    record Metric(String id, String name, String familyId, String familyName, String category, String unit,
            double dailyPerZone, int scale, boolean weekly) {}

    static final List<Zone> ZONES = List.of(
            new Zone("9a7806061c88ada191ed06f989cc3dac", "example.com", 1.0),
            new Zone("3f2a6e0b94c14f7e8d5b2c1a0e9f8d7c", "shop.example.com", 0.45),
            new Zone("c6e1b2d3a4f5061728394a5b6c7d8e9f", "api.example.net", 0.7));

    static final List<Metric> METRICS = List.of(
            new Metric("workers_standard_requests", "Workers Standard Requests", "workers", "Workers", "Developer",
                    "Requests", 2_400_000, 0, true),
            new Metric("workers_standard_cpu_ms", "Workers Standard CPU Time", "workers", "Workers", "Developer",
                    "CPU-Milliseconds", 9_600_000, 0, true),
            new Metric("workers_kv_read_operations", "Workers KV Read Operations", "workers_kv", "Workers KV", "Developer",
                    "Requests", 850_000, 0, true),
            new Metric("r2_storage", "R2 Storage", "r2", "R2", "Developer", "GB-Months", 13.75, 6, false),
            new Metric("r2_class_a_operations", "R2 Class A Operations", "r2", "R2", "Developer", "Requests", 42_000, 0, true),
            new Metric("r2_class_b_operations", "R2 Class B Operations", "r2", "R2", "Developer", "Requests", 610_000, 0, true),
            new Metric("images_transformations", "Images Unique Transformations", "images", "Images", "Developer",
                    "Transformations", 18_000, 0, true),
            new Metric("stream_minutes_delivered", "Stream Minutes Delivered", "stream", "Stream", "Developer",
                    "Minutes", 36_000, 0, true),
            new Metric("workers_ai_neurons", "Workers AI Neurons", "workers_ai", "Workers AI", "Developer",
                    "Neurons", 120_000, 0, true),
            new Metric("argo_smart_routing_data_transfer", "Argo Smart Routing Data Transfer", "argo", "Argo Smart Routing",
                    "Application Services", "GB", 85.3, 6, true));

    private final Clock clock;
    private final Faults faults;

    CloudflareApi(Clock clock, Faults faults) {
        this.clock = clock;
        this.faults = faults;
    }

    Response handle(Request request) {
        if (request.header("Authorization").filter(a -> a.startsWith("Bearer ") && a.length() > 7).isEmpty()
                && request.header("X-Auth-Key").isEmpty()) {
            return error(403, 10000, "Authentication error");
        }
        if (PAYGO.matcher(request.path()).matches()) {
            return error(403, 1171, "insufficient_permissions: PayGo usage is restricted to select accounts");
        }
        Matcher path = PATH.matcher(request.path());
        if (!path.matches()) {
            return error(404, 7003, "Could not route to " + request.path() + ", perhaps your object identifier is invalid?");
        }
        if (faults.rateLimitCloudflare()) {
            return error(429, 10100, "More than 1200 requests per 300 seconds reached. Please wait and consider throttling your request speed")
                    .withHeader("Retry-After", "1");
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
        Set<String> metricFilter = Set.copyOf(request.params("metric"));
        ArrayNode result = Json.array();
        String account = path.group(1);
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (day.isBefore(ACCOUNT_OPENED) || day.isAfter(today)) {
                continue;
            }
            for (Metric metric : METRICS) {
                if (!metricFilter.isEmpty() && !metricFilter.contains(metric.id())) {
                    continue;
                }
                for (Zone zone : ZONES) {
                    result.add(record(account, day, metric, zone));
                }
            }
        }
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
