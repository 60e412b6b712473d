package io.usage4j.provider.cloudflare;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ImmutableUsageRecord;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.testkit.Scenario;
import io.usage4j.testkit.UsageSourceConformanceTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The conformance suite over Cloudflare's default dataset, rated costs: {@code POST
 * /accounts/{id}/billable/usage} with {@code "Metric": "cost"}. The reference's record as one window; a
 * 40-day query as two POSTs ({@code To} exclusive) whose edge day both answer, counted once; a metric
 * pushed into {@code FilterBy.MetricIds}. Stubs match the exact JSON body.
 */
class CloudflareConformanceTest extends UsageSourceConformanceTest {
    static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String PATH = "/accounts/" + ACCOUNT + "/billable/usage";
    private static final String METRIC = "workers_standard_requests";

    @Override
    protected UsageSourceProvider provider() {
        return new CloudflareUsageSourceProvider();
    }

    @Override
    protected String url() {
        return "usage:cloudflare:" + ACCOUNT;
    }

    @Override
    protected Map<String, String> credentials() {
        return Map.of("token", "cf-conformance-token-5f1c");
    }

    @Override
    protected String authorizationHeader() {
        return "Authorization";
    }

    @Override
    protected String expectedAuthorization() {
        return "Bearer cf-conformance-token-5f1c";
    }

    /** The POST for {@code [from, to)}, matched on its whole body. */
    static MappingBuilder costWindow(String from, String to, String filterBy) {
        return post(urlPathEqualTo(PATH)).withRequestBody(equalToJson("{\"TimePeriod\":{\"From\":\"" + from + "\",\"To\":\""
                + to + "\"},\"Metric\":\"cost\"" + (filterBy == null ? "" : ",\"FilterBy\":" + filterBy) + "}"));
    }

    // No documentedTotals(): Cloudflare's documented examples state no total of their records (PayGo's
    // CumulatedContractedCost and CumulatedPricingQuantity are running totals of the billing period up to
    // the record, including days the example does not list), so the suite's documented-totals check is skipped.

    @Override
    protected Scenario fetch() {
        return Scenario.builder()
                .query(UsageQuery.between(LocalDate.parse("2026-07-14"), LocalDate.parse("2026-07-15")))
                .stub(costWindow("2026-07-14", "2026-07-15", null).willReturn(okJson(fixture("cloudflare/cost-documented.json"))))
                .expect(documentedRecord())
                .faultPath(PATH)
                .build();
    }

    @Override
    protected Optional<Scenario> multiRequestFetch() {
        return Optional.of(Scenario.builder()
                .query(UsageQuery.between(LocalDate.parse("2026-07-01"), LocalDate.parse("2026-08-10")))
                .stub(costWindow("2026-07-01", "2026-08-01", null).willReturn(okJson(fixture("cloudflare/cost-window-1.json"))))
                .stub(costWindow("2026-08-01", "2026-08-10", null).willReturn(okJson(fixture("cloudflare/cost-window-2.json"))))
                .expect(million("2026-07-01", "0.30"), million("2026-07-31", "0.60"), million("2026-08-01", "0.90"),
                        million("2026-08-09", "1.20"))
                .faultPath(PATH)
                .laterRequest(".*/billable/usage", "\"From\":\"2026-08-01\"")
                .build());
    }

    @Override
    protected Optional<Scenario> filteredFetch() {
        return Optional.of(Scenario.builder()
                .query(UsageQuery.builder().from(LocalDate.parse("2026-07-14")).to(LocalDate.parse("2026-07-15"))
                        .addMetrics(METRIC).build())
                .stub(costWindow("2026-07-14", "2026-07-15", "{\"MetricIds\":[\"" + METRIC + "\"]}")
                        .willReturn(okJson(fixture("cloudflare/cost-documented.json"))))
                .expect(documentedRecord())
                .faultPath(PATH)
                .build());
    }

    /** The reference's rated record (§1.1.4), column by column. */
    static UsageRecord documentedRecord() {
        return costRecord("2026-07-14", "Workers Standard requests")
                .subAccountId("sub_8c2f0a")
                .subAccountName("Workers Paid")
                .consumedQuantity(new BigDecimal("12500000"))
                .pricingQuantity(new BigDecimal("12.5"))
                .listUnitPrice(new BigDecimal("0.30"))
                .contractedUnitPrice(new BigDecimal("0.30"))
                .listCost(new BigDecimal("3.75"))
                .contractedCost(new BigDecimal("3.75"))
                .billedCost(new BigDecimal("3.75"))
                .effectiveCost(new BigDecimal("3.75"))
                .putTags("team", "payments")
                .build();
    }

    /** A record of the window fixtures: one million requests at 0.30. */
    private static UsageRecord million(String day, String cost) {
        BigDecimal amount = new BigDecimal(cost);
        return costRecord(day, "Workers Standard requests")
                .subAccountId("sub_8c2f0a")
                .subAccountName("Workers Paid")
                .consumedQuantity(new BigDecimal("1000000"))
                .pricingQuantity(new BigDecimal("1"))
                .listUnitPrice(new BigDecimal("0.30"))
                .contractedUnitPrice(new BigDecimal("0.30"))
                .listCost(amount)
                .contractedCost(amount)
                .billedCost(amount)
                .effectiveCost(amount)
                .build();
    }

    private static ImmutableUsageRecord.Builder costRecord(String day, String description) {
        LocalDate start = LocalDate.parse(day);
        LocalDate month = start.withDayOfMonth(1);
        return UsageRecord.builder()
                .billingAccountId(ACCOUNT)
                .billingAccountName("Acme Production")
                .billingCurrency("USD")
                .billingPeriodStart(Instant.parse(month + "T00:00:00Z"))
                .billingPeriodEnd(Instant.parse(month.plusMonths(1) + "T00:00:00Z"))
                .chargeCategory(ChargeCategory.USAGE)
                .chargeDescription(description)
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .chargePeriodStart(Instant.parse(start + "T00:00:00Z"))
                .chargePeriodEnd(Instant.parse(start.plusDays(1) + "T00:00:00Z"))
                .consumedUnit("Requests")
                .pricingUnit("Million Requests")
                .hostProviderName("Cloudflare")
                .invoiceIssuerName("Cloudflare, Inc.")
                .serviceProviderName("Cloudflare")
                .skuId(METRIC)
                .skuMeter("Workers Standard Requests")
                .serviceName("Workers")
                .putExtensions("x_BillableMetricId", METRIC)
                .putExtensions("x_BillableMetricName", "Workers Standard Requests")
                .putExtensions("x_ProductCategoryName", "Developer")
                .putExtensions("x_ProductFamilyId", "3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
                .putExtensions("x_ProductFamilyName", "Workers");
    }
}
