package io.usage4j.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.spi.UsageSources;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How many requests a year of Fastly service-level usage costs against the sandbox, before and after
 * the 2025 API changes: pages of 100 (the old maximum) or 10,000 (the new one), and one cursor sequence
 * per (product, usage type) or one per month over every usage type. The counts are exact (fixed clock,
 * no faults), pinned here, and printed as the table in BENCHMARKS.md.
 */
class FastlyRequestCountTest {
    private static final List<String> PRODUCTS = List.of("cdn_usage", "compute", "image_optimizer");

    record Count(String pattern, int usageMetrics, int serviceUsage, long records) {}

    private static Count count(String pattern, String pageSize, boolean perUsageType) {
        try (Sandbox sandbox = Sandbox.builder().clock(SandboxTest.CLOCK).faults(false).start()) {
            Map<String, String> properties = new HashMap<>();
            properties.put("token", "sandbox-token");
            properties.put("base_url", sandbox.baseUrl());
            properties.put("page_size", pageSize);
            // a year through the sandbox's today, as the demo asks
            io.usage4j.core.ImmutableUsageQuery.Builder query = UsageQuery.builder().from(LocalDate.parse("2025-11-01")).to(LocalDate.parse("2026-11-24"));
            if (perUsageType) {
                // naming every product keeps every record but reads one cursor sequence per (product, usage type)
                query.addAllServiceNames(PRODUCTS);
            }
            long records;
            try (UsageSource source = UsageSources.builder().environment(name -> null).build()
                    .openSource("usage:fastly:" + Sandbox.FASTLY_CUSTOMER + "?dataset=services", properties);
                    Stream<UsageRecord> stream = source.fetch(query.build())) {
                records = stream.count();
            }
            List<String> requests = sandbox.requests();
            int monthly = (int) requests.stream().filter(r -> r.startsWith("GET /billing/v3/usage-metrics")).count();
            int services = (int) requests.stream().filter(r -> r.startsWith("GET /billing/v3/service-usage-metrics")).count();
            assertThat(requests).allSatisfy(r -> assertThat(r).endsWith("-> 200"));
            return new Count(pattern, monthly, services, records);
        }
    }

    @Test
    @DisplayName("a year of service-level usage takes 91 requests instead of 143, for the same 3,471 records")
    void requestsSaved() {
        Count before = count("per usage type, limit=100 (before 2025-03)", "100", true);
        Count pages = count("per usage type, limit=10000", "10000", true);
        Count sequence = count("one sequence per month, limit=100", "100", false);
        Count after = count("one sequence per month, limit=10000 (default now)", "10000", false);

        System.out.println("| request pattern (13 months, sandbox) | usage-metrics | service-usage-metrics | total | records |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Count count : List.of(before, pages, sequence, after)) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", count.pattern(), count.usageMetrics(),
                    count.serviceUsage(), count.usageMetrics() + count.serviceUsage(), count.records());
        }

        assertThat(List.of(pages.records(), sequence.records(), after.records())).containsOnly(before.records());
        assertThat(before.usageMetrics() + before.serviceUsage()).isEqualTo(143);
        assertThat(after.usageMetrics() + after.serviceUsage()).isEqualTo(91);
        assertThat(after.records()).isEqualTo(3_471);
    }
}
