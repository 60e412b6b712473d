package io.usage4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Generated response bodies shaped like the providers' documented examples (the fixtures in each
 * provider's tests), with every documented field present and values that vary by row so nothing is
 * interned or cached by accident. Deterministic: the same arguments give the same bytes.
 */
final class Payloads {
    static final String CLOUDFLARE_ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String FASTLY_CUSTOMER = "x4xCwxxJxGCx123Rx5xTx";
    static final String LATITUDE_PROJECT = "proj_r0MK4O4kDa95w";
    /** What Fastly's service-usage endpoint answers per page for {@code limit=100}, as the provider asks. */
    static final int FASTLY_PAGE_SIZE = 100;

    private static final String[] METRICS = {"workers_standard_requests", "workers_standard_cpu_ms", "r2_class_a_operations",
        "r2_storage_gb_month", "images_transformations", "argo_smart_routing_gb"};
    private static final String[] REGIONS = {"EEUR", "WNAM", "ENAM", "APAC", "OC", "WEUR"};

    private Payloads() {}

    /**
     * A {@code /billable/usage} v2 envelope of {@code rows} daily records spread over the {@code days}
     * days from {@code start}.
     */
    static byte[] cloudflareBillable(int rows, LocalDate start, int days) {
        StringBuilder json = new StringBuilder(rows * 1400 + 200);
        json.append("{\"errors\":[],\"messages\":[],\"result\":[");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                json.append(',');
            }
            cloudflareRow(json, i, start.plusDays(i % days), start);
        }
        json.append("],\"success\":true}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes a {@code /billable/usage} v2 envelope for the days {@code from..to} (inclusive) of a year
     * of {@code perYear} records starting {@code yearStart}, spread evenly over its 365 days, straight to
     * {@code out}, one row at a time: the body of any size never sits in memory.
     */
    static void cloudflareBillableYear(java.io.OutputStream out, LocalDate yearStart, long perYear, LocalDate from,
            LocalDate to) throws java.io.IOException {
        out.write("{\"errors\":[],\"messages\":[],\"result\":[".getBytes(StandardCharsets.UTF_8));
        StringBuilder json = new StringBuilder(2048);
        boolean first = true;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            long d = java.time.temporal.ChronoUnit.DAYS.between(yearStart, day);
            if (d < 0 || d >= 365) {
                continue;
            }
            long lo = perYear * d / 365;
            long hi = perYear * (d + 1) / 365;
            for (long i = lo; i < hi; i++) {
                json.setLength(0);
                if (!first) {
                    json.append(',');
                }
                first = false;
                cloudflareRow(json, (int) i, day, day.withDayOfMonth(1));
                out.write(json.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        out.write("],\"success\":true}".getBytes(StandardCharsets.UTF_8));
    }

    private static void cloudflareRow(StringBuilder json, int i, LocalDate day, LocalDate start) {
        String metric = METRICS[i % METRICS.length];
        long quantity = 1000L + (i * 7919L) % 1_000_000L;
        String cost = plain(quantity * 5, 6);
        json.append("{\"BillingAccountId\":\"").append(CLOUDFLARE_ACCOUNT).append('"')
                .append(",\"BillingAccountName\":\"My Account\"")
                .append(",\"ChargeCategory\":\"Usage\"")
                .append(",\"ChargeDescription\":\"").append(metric).append(" daily usage ").append(i).append('"')
                .append(",\"ChargeFrequency\":\"Usage-Based\"")
                .append(",\"ChargePeriodEnd\":\"").append(day.plusDays(1)).append("T00:00:00Z\"")
                .append(",\"ChargePeriodStart\":\"").append(day).append("T00:00:00Z\"")
                .append(",\"ConsumedQuantity\":").append(quantity)
                .append(",\"ConsumedUnit\":\"Requests\"")
                .append(",\"HostProviderName\":\"Cloudflare\"")
                .append(",\"InvoiceIssuerName\":\"Cloudflare\"")
                .append(",\"ServiceProviderName\":\"Cloudflare\"")
                .append(",\"x_BillableMetricName\":\"").append(metric).append(" (name)\"")
                .append(",\"BilledCost\":").append(cost)
                .append(",\"BillingCurrency\":\"USD\"")
                .append(",\"BillingPeriodEnd\":\"").append(start.withDayOfMonth(1).plusMonths(1)).append("T00:00:00Z\"")
                .append(",\"BillingPeriodStart\":\"").append(start.withDayOfMonth(1)).append("T00:00:00Z\"")
                .append(",\"ChargeClass\":null")
                .append(",\"ContractedCost\":").append(cost)
                .append(",\"ContractedUnitPrice\":0.000005")
                .append(",\"EffectiveCost\":").append(cost)
                .append(",\"ListCost\":").append(cost)
                .append(",\"ListUnitPrice\":0.000005")
                .append(",\"PricingQuantity\":").append(quantity)
                .append(",\"PricingUnit\":\"Requests\"")
                .append(",\"RegionId\":\"").append(REGIONS[i % REGIONS.length]).append('"')
                .append(",\"RegionName\":\"Region ").append(REGIONS[i % REGIONS.length]).append('"')
                .append(",\"SubAccountId\":\"c9bd752d-9ca8-411d-b804-").append(String.format("%012d", i % 97)).append('"')
                .append(",\"SubAccountName\":\"Subscription ").append(i % 97).append('"')
                .append(",\"x_BillableMetricId\":\"").append(metric).append('"')
                .append(",\"x_ProductFamilyName\":\"Workers\"")
                .append(",\"x_ZoneId\":\"").append(String.format("%032x", i % 251)).append('"')
                .append(",\"x_ZoneName\":\"zone").append(i % 251).append(".example.com\"}");
    }

    /**
     * Page {@code page} (1-based) of {@code pages} of Fastly's service-level usage for January 2025:
     * {@value #FASTLY_PAGE_SIZE} services per page, {@code meta.next_cursor} naming the next page
     * ({@code p<n>}), absent on the last.
     */
    static byte[] fastlyServicePage(int page, int pages) {
        StringBuilder json = new StringBuilder(FASTLY_PAGE_SIZE * 160 + 400);
        json.append("{\"data\":{\"customer_id\":\"").append(FASTLY_CUSTOMER).append('"')
                .append(",\"start_time\":\"2025-01-01T00:00:00Z\",\"end_time\":\"2025-01-31T23:59:59Z\"")
                .append(",\"usage_type\":\"North America Bandwidth\",\"unit\":\"gb\",\"details\":[");
        for (int i = 0; i < FASTLY_PAGE_SIZE; i++) {
            long n = (long) (page - 1) * FASTLY_PAGE_SIZE + i;
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"customer_id\":\"").append(FASTLY_CUSTOMER).append('"')
                    .append(",\"service_id\":\"SU1Z0isxPaozGV").append(String.format("%07d", n)).append('"')
                    .append(",\"service_name\":\"www").append(n).append(".example.com\"")
                    .append(",\"usage_units\":").append(plain(1000 + (n * 7919) % 10_000_000L, 2)).append('}');
        }
        json.append("],\"meta\":{");
        if (page < pages) {
            json.append("\"next_cursor\":\"p").append(page + 1).append("\",");
        }
        json.append("\"limit\":").append(FASTLY_PAGE_SIZE).append(",\"sort\":\"billing_start_date\",\"total\":")
                .append((long) pages * FASTLY_PAGE_SIZE).append("}}}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The page a Fastly request asks for: 1 without a cursor, {@code n} for {@code cursor=p<n>}. */
    static int fastlyPageOf(String rawQuery) {
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith("cursor=p")) {
                    return Integer.parseInt(pair.substring("cursor=p".length()));
                }
            }
        }
        return 1;
    }

    /**
     * A Latitude.sh {@code /billing/usage} document for December 2025 with {@code products} product
     * lines whose prices add up to the period's price (so the provider's consistency check passes).
     */
    static byte[] latitudeUsage(int products) {
        StringBuilder lines = new StringBuilder(products * 700);
        long total = 0;
        for (int i = 0; i < products; i++) {
            if (i > 0) {
                lines.append(',');
            }
            long quantity = 1 + i % 744;
            long unitPrice = 10 + i % 90;
            long price = quantity * unitPrice;
            total += price;
            lines.append("{\"id\":\"si_").append(String.format("%08d", i)).append('"')
                    .append(",\"resource\":\"server\",\"name\":\"c2.small.x86\"")
                    .append(",\"description\":\"c2.small.x86 - SAO2 #").append(i).append('"')
                    .append(",\"proration\":true,\"discountable\":true,\"discounts\":[]")
                    .append(",\"amount_without_discount\":").append(price)
                    .append(",\"start\":\"2025-12-01T00:00:00+00:00\",\"end\":null")
                    .append(",\"unit\":\"hour\",\"unit_amount\":").append(unitPrice)
                    .append(",\"unit_price\":").append(unitPrice)
                    .append(",\"usage_type\":\"metered\",\"quantity\":").append(quantity)
                    .append(",\"amount\":").append(price).append(",\"price\":").append(price)
                    .append(",\"metadata\":{\"servers\":[{\"id\":\"sv_").append(String.format("%013d", i))
                    .append("\",\"hostname\":\"web-").append(i).append("\",\"plan\":\"c2.small.x86\",\"tags\":[\"prod\"]}]}}");
        }
        String head = "{\"data\":{\"id\":\"\",\"type\":\"billing_usage\",\"attributes\":{"
                + "\"project\":{\"id\":\"" + LATITUDE_PROJECT + "\",\"slug\":\"fantastic-iron-clock\",\"name\":\"Fantastic Iron Clock\"},"
                + "\"period\":{\"start\":\"2025-12-01T00:00:00+00:00\",\"end\":\"2026-01-01T00:00:00+00:00\"},"
                + "\"available_credit_balance\":123,\"amount\":" + total + ",\"price\":" + total + ",\"threshold\":10000,"
                + "\"products\":[";
        return (head + lines + "]}}}").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code unscaled} with {@code scale} decimals, as plain JSON number text. */
    private static String plain(long unscaled, int scale) {
        return java.math.BigDecimal.valueOf(unscaled, scale).toPlainString();
    }
}
