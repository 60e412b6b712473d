package io.usage4j.provider.fastly;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ImmutableUsageRecord;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.focus.FocusValidator;
import io.usage4j.core.focus.FocusViolation;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageSources;
import io.usage4j.testkit.DocumentedTotal;
import io.usage4j.testkit.Scenario;
import io.usage4j.testkit.UsageSourceConformanceTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite over Fastly's fixtures (built from the documented {@code Usagemetric},
 * {@code Serviceusagemetrics}, {@code ServiceusagemetricsData}, {@code Serviceusagemetric} and
 * {@code Metadata} models): the monthly endpoint for one month, and a three-page service-level cursor
 * sequence chosen through the query's options.
 */
class FastlyConformanceTest extends UsageSourceConformanceTest {
    private static final String TOKEN = "conformance-fastly-token";
    private static final String MONTHLY = "/billing/v3/usage-metrics";
    private static final String SERVICES = "/billing/v3/service-usage-metrics";
    private static final String CURSOR_2 = "eyJzIjoiMjAyNS0wMSIsIm8iOjJ9";
    private static final String CURSOR_3 = "eyJzIjoiMjAyNS0wMSIsIm8iOjR9";
    private static final String CUSTOMER = "x4xCwxxJxGCx123Rx5xTx";
    private static final String NA_BANDWIDTH = "North America Bandwidth";

    @Override
    protected UsageSourceProvider provider() {
        return new FastlyUsageSourceProvider();
    }

    @Override
    protected String url() {
        return "usage:fastly:";
    }

    @Override
    protected Map<String, String> credentials() {
        return Map.of("token", TOKEN);
    }

    @Override
    protected String authorizationHeader() {
        return "Fastly-Key";
    }

    @Override
    protected String expectedAuthorization() {
        return TOKEN;
    }

    @Override
    protected Scenario fetch() {
        return Scenario.builder()
                .query(UsageQuery.between(LocalDate.parse("2024-05-01"), LocalDate.parse("2024-06-01")))
                .stub(get(urlPathEqualTo(MONTHLY))
                        .withQueryParam("start_month", equalTo("2024-05"))
                        .withQueryParam("end_month", equalTo("2024-05"))
                        .willReturn(okJson(fixture("fastly/usage-metrics.json"))))
                .expect(monthly("North America Requests", "unit", "1250000000", "1250000000"),
                        monthly(NA_BANDWIDTH, "gb", "1532.270", "1645262159872"))
                .faultPath(MONTHLY)
                .build();
    }

    /**
     * Fastly states no quantity total, but each service-level page states {@code meta.total}, the number of
     * records of the whole cursor sequence (5): the source returns each exactly once across the pages.
     */
    @Override
    protected List<DocumentedTotal> documentedTotals() {
        return List.of(DocumentedTotal.of("service-usage pages 1-3, January 2025, North America Bandwidth: meta.total"
                + " = 5 records", multiRequestFetch().orElseThrow(), BigDecimal.valueOf(5))
                .column("records", record -> Optional.of(BigDecimal.ONE)));
    }

    @Override
    protected Optional<Scenario> multiRequestFetch() {
        UsageQuery query = UsageQuery.builder()
                .from(LocalDate.parse("2025-01-01"))
                .to(LocalDate.parse("2025-02-01"))
                .putOptions("dataset", "services")
                .putOptions("product_id", "cdn_usage")
                .putOptions("usage_type_name", NA_BANDWIDTH)
                .build();
        return Optional.of(Scenario.builder()
                .query(query)
                .stub(servicePage(null).willReturn(okJson(fixture("fastly/service-usage-page1.json"))))
                .stub(servicePage(CURSOR_2).willReturn(okJson(fixture("fastly/service-usage-page2.json"))))
                .stub(servicePage(CURSOR_3).willReturn(okJson(fixture("fastly/service-usage-page3.json"))))
                .expect(service("SU1Z0isxPaozGVKXdv0eY", "www.example.com", "1532.27"),
                        service("7i6HN3TK9wS159v2gPAZ8A", "api.example.com", "1.30"),
                        service("2nPpGmDcWWdjPL2AU4Eph1", "static.example.com", "0.001"),
                        service("4kF0rpqQyUeEdtnI8JrXwC", "img.example.com", "220"),
                        service("6ZxUyTQDmPN2LdfsaJq5Hk", "video.example.com", "75.125"))
                .faultPath(SERVICES)
                .laterRequest(SERVICES + "\\?.*cursor=" + CURSOR_3 + ".*")
                .build());
    }

    private static MappingBuilder servicePage(String cursor) {
        return get(urlPathEqualTo(SERVICES))
                .withQueryParam("product_id", equalTo("cdn_usage"))
                .withQueryParam("usage_type_name", equalTo(NA_BANDWIDTH))
                .withQueryParam("start_month", equalTo("2025-01"))
                .withQueryParam("end_month", equalTo("2025-01"))
                .withQueryParam("limit", equalTo("10000"))
                .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor));
    }

    private static ImmutableUsageRecord.Builder fastly(String month) {
        Instant start = Instant.parse(month + "-01T00:00:00Z");
        Instant end = LocalDate.parse(month + "-01").plusMonths(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return UsageRecord.builder()
                .chargePeriodStart(start)
                .chargePeriodEnd(end)
                .chargeCategory(ChargeCategory.USAGE)
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .providerName("Fastly")
                .serviceProviderName("Fastly")
                .hostProviderName("Fastly")
                .publisherName("Fastly")
                .serviceName("cdn_usage");
    }

    private static UsageRecord monthly(String usageType, String unit, String quantity, String rawQuantity) {
        return fastly("2024-05")
                .billingAccountId("")
                .skuMeter(usageType)
                .chargeDescription(usageType)
                .regionName("North America")
                .consumedQuantity(new BigDecimal(quantity))
                .consumedUnit(unit)
                .putExtensions("x_RawQuantity", rawQuantity)
                .putExtensions("x_LastUpdatedAt", "2024-06-01")
                .build();
    }

    private static UsageRecord service(String serviceId, String serviceName, String units) {
        return fastly("2025-01")
                .billingAccountId(CUSTOMER)
                .skuMeter(NA_BANDWIDTH)
                .consumedQuantity(new BigDecimal(units))
                .consumedUnit("gb")
                .resourceId(serviceId)
                .resourceName(serviceName)
                .putExtensions("x_BillingCycleStart", "2025-01-01T00:00:00Z")
                .putExtensions("x_BillingCycleEnd", "2025-01-31T23:59:59Z")
                .build();
    }

    /**
     * The scenarios above hold on their own (each stub requested once, the records exactly as
     * expected, scale included), so a suite failure points at the plugin, not at the fixtures.
     */
    @Test
    void theScenariosAnswerExactlyTheirExpectedRecords() {
        for (Scenario scenario : List.of(fetch(), multiRequestFetch().orElseThrow())) {
            WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            try {
                scenario.stubs().forEach(server::stubFor);
                Map<String, String> properties = new HashMap<>(credentials());
                properties.put("base_url", "http://localhost:" + server.port());
                List<UsageRecord> records;
                try (UsageSource source = UsageSources.builder().environment(name -> null).build()
                        .openSource(url(), properties);
                        Stream<UsageRecord> stream = source.fetch(scenario.query())) {
                    records = stream.toList();
                }
                assertThat(records).isEqualTo(scenario.expected());
                assertThat(records).extracting(r -> r.consumedQuantity().orElseThrow().toPlainString())
                        .containsExactlyElementsOf(scenario.expected().stream()
                                .map(r -> r.consumedQuantity().orElseThrow().toPlainString()).toList());
                assertThat(records).allSatisfy(record -> assertThat(FocusValidator.validate(record))
                        .filteredOn(FocusViolation::isError).as("FOCUS errors").isEmpty());
                assertThat(server.getAllServeEvents()).hasSize(scenario.stubs().size());
                List<ServeEvent> events = server.getAllServeEvents(); // newest first
                assertThat(events.get(events.size() - 1).getRequest().getUrl().split("\\?")[0]).matches(scenario.faultPath());
                scenario.laterRequestPath().ifPresent(later -> server.verify(1, getRequestedFor(urlMatching(later))));
            } finally {
                server.stop();
            }
        }
    }
}
