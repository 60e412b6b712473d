package io.usage4j.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.testkit.example.ExampleUsageSourceProvider;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The conformance test of the example plugin; subclasses swap in broken variants of it. */
abstract class ExampleConformance extends UsageSourceConformanceTest {
    static final String ACCOUNT = "acct-1";
    static final String KEY = "ex-key-5f0c9a1e77d3";
    private static final String PATH = "/v1/accounts/" + ACCOUNT + "/usage";

    abstract ExampleUsageSourceProvider plugin();

    @Override
    protected final UsageSourceProvider provider() {
        return plugin();
    }

    @Override
    protected final String url() {
        return "usage:" + plugin().id() + ":" + ACCOUNT;
    }

    @Override
    protected final Map<String, String> credentials() {
        return Map.of("api_key", KEY);
    }

    /** The example is compiled into test classes, which cannot carry a module descriptor. */
    @Override
    protected boolean packagedAsModule() {
        return false;
    }

    @Override
    protected final String authorizationHeader() {
        return "X-Api-Key";
    }

    @Override
    protected final String expectedAuthorization() {
        return KEY;
    }

    private MappingBuilder page(String from, String to, String cursor, String fixture) {
        return get(urlPathEqualTo(PATH))
                .withQueryParam("from", equalTo(from))
                .withQueryParam("to", equalTo(to))
                .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor))
                .willReturn(okJson(fixture("example/" + fixture)));
    }

    static UsageRecord day(String day, String metric, String quantity, String unit) {
        Instant start = Instant.parse(day + "T00:00:00Z");
        return UsageRecord.builder()
                .billingAccountId(ACCOUNT)
                .chargePeriodStart(start)
                .chargePeriodEnd(start.plusSeconds(86_400))
                .chargeCategory(ChargeCategory.USAGE)
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .consumedQuantity(new BigDecimal(quantity))
                .consumedUnit(unit)
                .skuMeter(metric)
                .serviceName("Example")
                .serviceProviderName("Example")
                .build();
    }

    private static final UsageRecord[] WINDOW_1 = {
        day("2025-01-01", "requests", "1200", "Requests"),
        day("2025-01-01", "egress", "0.125", "GB"),
        day("2025-01-02", "requests", "1000", "Requests"),
        day("2025-01-03", "requests", "1500.50", "Requests"),
    };

    @Override
    protected final Scenario fetch() {
        return Scenario.builder()
                .query(UsageQuery.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-04")))
                .stub(page("2025-01-01", "2025-01-04", null, "w1-p1.json"))
                .stub(page("2025-01-01", "2025-01-04", "w1-c2", "w1-p2.json"))
                .expect(WINDOW_1)
                .faultPath(PATH)
                .build();
    }

    /**
     * The example API's own totals for the fixtures of {@link #fetch()}: 3700.50 requests (1200 + 1000
     * + 1500.50), exactly, and 0.1 GB of egress, which the API rounds to a tenth of a GB (the fixture's
     * row says 0.125).
     */
    @Override
    protected List<DocumentedTotal> documentedTotals() {
        return List.of(
                DocumentedTotal.of("requests, 2025-01-01..03", fetch(), new BigDecimal("3700.50"))
                        .rows(r -> r.skuMeter().orElse("").equals("requests")),
                DocumentedTotal.of("egress, 2025-01-01..03, rounded to 0.1 GB", fetch(), new BigDecimal("0.1"))
                        .rows(r -> r.skuMeter().orElse("").equals("egress"))
                        .tolerance(new BigDecimal("0.05")));
    }

    @Override
    protected final Optional<Scenario> multiRequestFetch() {
        return Optional.of(Scenario.builder()
                .query(UsageQuery.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-15")))
                .stub(page("2025-01-01", "2025-01-08", null, "w1-p1.json"))
                .stub(page("2025-01-01", "2025-01-08", "w1-c2", "w1-p2.json"))
                .stub(page("2025-01-08", "2025-01-15", null, "w2-p1.json"))
                .stub(page("2025-01-08", "2025-01-15", "w2-c2", "w2-p2.json"))
                .expect(WINDOW_1)
                .expect(day("2025-01-08", "requests", "800", "Requests"), day("2025-01-14", "egress", "2.000", "GB"))
                .faultPath(PATH)
                .laterRequest(PATH + "\\?from=2025-01-08.*")
                .build());
    }
}
