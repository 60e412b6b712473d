package io.usage4j.benchmarks;

import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageSource;
import io.usage4j.spi.UsageSources;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decode workload: a large payload served from loopback, the usage URL and properties that read
 * it through the public API (so the measured path is the one users run: Feign, the kit's streaming
 * Jackson decoder, the provider's mapper, the query planner), the query, and how many records one
 * fetch yields.
 */
enum Workload {
    /** 50,000 rows of Cloudflare billable usage v2 in one response (one 31-day window). */
    CLOUDFLARE(50_000, 1) {
        @Override
        LoopbackServer.Responder responder() {
            byte[] body = Payloads.cloudflareBillable(records, LocalDate.of(2025, 5, 1), 31);
            return (path, query) -> body;
        }

        @Override
        String url() {
            // the usage-only GET, the request shape BENCHMARKS.md's figures were measured on
            return "usage:cloudflare:" + Payloads.CLOUDFLARE_ACCOUNT + "?dataset=usage";
        }

        @Override
        UsageQuery query() {
            return UsageQuery.between(LocalDate.of(2025, 5, 1), LocalDate.of(2025, 6, 1));
        }

        @Override
        String firstPath() {
            return "/accounts/" + Payloads.CLOUDFLARE_ACCOUNT + "/billable/usage?from=2025-05-01&to=2025-05-31";
        }
    },
    /** A sequence of 100 pages of 100 services each from Fastly's service-level usage (one month). */
    FASTLY(100 * Payloads.FASTLY_PAGE_SIZE, 100) {
        @Override
        LoopbackServer.Responder responder() {
            byte[][] pages = new byte[requests][];
            for (int i = 0; i < requests; i++) {
                pages[i] = Payloads.fastlyServicePage(i + 1, requests);
            }
            return (path, query) -> pages[Payloads.fastlyPageOf(query) - 1];
        }

        @Override
        String url() {
            return "usage:fastly:" + Payloads.FASTLY_CUSTOMER;
        }

        @Override
        Map<String, String> extraProperties() {
            return Map.of("dataset", "services", "product_id", "cdn_usage", "usage_type_name", "North America Bandwidth");
        }

        @Override
        UsageQuery query() {
            return UsageQuery.between(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1));
        }

        @Override
        String firstPath() {
            return "/billing/v3/service-usage-metrics?product_id=cdn_usage&usage_type_name=North%20America%20Bandwidth"
                    + "&start_month=2025-01&end_month=2025-01&limit=100";
        }
    },
    /** A Latitude.sh billing usage document with 5,000 product lines. */
    LATITUDE(5_000, 1) {
        @Override
        LoopbackServer.Responder responder() {
            byte[] body = Payloads.latitudeUsage(records);
            return (path, query) -> body;
        }

        @Override
        String url() {
            return "usage:latitude:" + Payloads.LATITUDE_PROJECT;
        }

        @Override
        UsageQuery query() {
            return UsageQuery.between(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 1, 1));
        }

        @Override
        String firstPath() {
            return "/billing/usage?filter[project]=" + Payloads.LATITUDE_PROJECT;
        }
    };

    /** Records one fetch yields. */
    final int records;
    /** HTTP requests one fetch makes. */
    final int requests;

    Workload(int records, int requests) {
        this.records = records;
        this.requests = requests;
    }

    abstract LoopbackServer.Responder responder();

    abstract String url();

    abstract UsageQuery query();

    /** The path and query of the first request, for the readTree floor. */
    abstract String firstPath();

    Map<String, String> extraProperties() {
        return Map.of();
    }

    /** Opens the source against {@code baseUrl}, the machine's environment left out. */
    UsageSource open(String baseUrl) {
        return open(baseUrl, Map.of());
    }

    /** Opens the source against {@code baseUrl} with {@code more} properties (for example max_concurrency). */
    UsageSource open(String baseUrl, Map<String, String> more) {
        Map<String, String> properties = new LinkedHashMap<>(extraProperties());
        properties.putAll(more);
        properties.put("token", "benchmark-token");
        properties.put("base_url", baseUrl);
        return UsageSources.builder().environment(name -> null).build().openSource(url(), properties);
    }
}
