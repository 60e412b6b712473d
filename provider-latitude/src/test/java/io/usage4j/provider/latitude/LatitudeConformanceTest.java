package io.usage4j.provider.latitude;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import io.usage4j.core.UsageQuery;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.testkit.DocumentedTotal;
import io.usage4j.testkit.Scenario;
import io.usage4j.testkit.UsageSourceConformanceTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conformance suite over Latitude's fixtures. The endpoint answers every query in one request
 * (no paging, no date windows), so {@link #multiRequestFetch()} stays empty; and no
 * {@link io.usage4j.core.QueryFilter} is pushed down (products and plan are source options, not query
 * filters), so the suite derives the filtered fetch from {@link #fetch()}.
 */
class LatitudeConformanceTest extends UsageSourceConformanceTest {

    @Override
    protected UsageSourceProvider provider() {
        return new LatitudeUsageSourceProvider();
    }

    @Override
    protected String url() {
        return "usage:latitude:" + LatitudeFixtures.PROJECT;
    }

    @Override
    protected Map<String, String> credentials() {
        return Map.of("token", "lat-conformance-key-8f3e");
    }

    @Override
    protected String authorizationHeader() {
        return "Authorization";
    }

    @Override
    protected String expectedAuthorization() {
        return "Bearer lat-conformance-key-8f3e";
    }

    /**
     * The documented example's project and period with three product lines built from the documented
     * schema (several products, discounts, a null {@code end}): the documented example itself has no
     * product line, and the suite needs records to check. A query covering the whole period gets them all.
     */
    @Override
    protected Scenario fetch() {
        return Scenario.builder()
                .query(UsageQuery.between(LocalDate.parse("2025-12-01"), LocalDate.parse("2026-02-01")))
                .stub(get(urlPathEqualTo("/billing/usage"))
                        .withQueryParam("filter[project]", equalTo(LatitudeFixtures.PROJECT))
                        .willReturn(okForContentType("application/vnd.api+json", fixture("latitude/several-products.json"))))
                .expect(LatitudeFixtures.severalProductsRecords())
                .faultPath("/billing/usage")
                .build();
    }

    /**
     * The period's total {@code price}, 43065 cents, which Latitude states next to the product lines:
     * their BilledCost adds up to it exactly (30720 + 0 + 12345 cents; amounts are whole cents, so no rounding).
     */
    @Override
    protected List<DocumentedTotal> documentedTotals() {
        return List.of(DocumentedTotal.of("several-products.json, period 2025-12-24..2026-01-24: total price 43065 cents",
                fetch(), new BigDecimal("430.65")).billedCost());
    }

    /** One request answers every query: there are no pages or windows to check. */
    @Override
    protected Optional<Scenario> multiRequestFetch() {
        return Optional.empty();
    }
}
