package io.usage4j.provider.cloudflare;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeClass;
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
 * The conformance suite over Cloudflare's billable usage v2: the documented example as one window,
 * a 40-day query as two windows (31 days, then 9) from this module's own fixtures, and a metric
 * filter pushed down as {@code metric=}.
 */
class CloudflareConformanceTest extends UsageSourceConformanceTest {
    private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
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

    private static MappingBuilder window(String from, String to) {
        return get(urlPathEqualTo(PATH)).withQueryParam("from", equalTo(from)).withQueryParam("to", equalTo(to));
    }

    // No documentedTotals(): Cloudflare's documented examples state no total of their records (PayGo's
    // CumulatedContractedCost and CumulatedPricingQuantity are running totals of the billing period up to
    // the record, including days the example does not list), so the suite's documented-totals check is skipped.

    @Override
    protected Scenario fetch() {
        return Scenario.builder()
                .query(UsageQuery.between(LocalDate.parse("2025-05-01"), LocalDate.parse("2025-05-02")))
                .stub(window("2025-05-01", "2025-05-01").withQueryParam("metric", absent())
                        .willReturn(okJson(fixture("cloudflare/billable-usage-documented.json"))))
                .expect(documentedRecord())
                .faultPath(PATH)
                .build();
    }

    @Override
    protected Optional<Scenario> multiRequestFetch() {
        return Optional.of(Scenario.builder()
                .query(UsageQuery.between(LocalDate.parse("2025-05-01"), LocalDate.parse("2025-06-10")))
                .stub(window("2025-05-01", "2025-05-31").willReturn(okJson(fixture("cloudflare/billable-usage-window-1.json"))))
                .stub(window("2025-06-01", "2025-06-09").willReturn(okJson(fixture("cloudflare/billable-usage-window-2.json"))))
                .expect(daily("2025-05-01", "150000", "Requests", "Workers Standard Requests — daily usage",
                                "workers_standard_requests", "Workers Standard Requests", "workers", "Workers").build(),
                        daily("2025-05-31", "12.500000001", "GB-months", "R2 Storage — daily usage",
                                "r2_storage", "R2 Storage", "r2", "R2").build(),
                        daily("2025-06-01", "98000", "Requests", "Workers Standard Requests — daily usage",
                                "workers_standard_requests", "Workers Standard Requests", "workers", "Workers")
                                .putExtensions("x_ZoneId", ACCOUNT).putExtensions("x_ZoneName", "example.com").build(),
                        daily("2025-06-09", "1234", "Neurons", "Workers AI Neurons — daily usage",
                                "workers_ai_neurons", "Workers AI Neurons", "workers_ai", "Workers AI").build())
                .faultPath(PATH)
                .laterRequest(".*/billable/usage\\?from=2025-06-01&to=2025-06-09.*")
                .build());
    }

    @Override
    protected Optional<Scenario> filteredFetch() {
        return Optional.of(Scenario.builder()
                .query(UsageQuery.builder().from(LocalDate.parse("2025-05-01")).to(LocalDate.parse("2025-05-02"))
                        .addMetrics(METRIC).build())
                .stub(window("2025-05-01", "2025-05-01").withQueryParam("metric", equalTo(METRIC))
                        .willReturn(okJson(fixture("cloudflare/billable-usage-documented.json"))))
                .expect(documentedRecord())
                .faultPath(PATH)
                .build());
    }

    /** The documented example's one record, column by column. */
    private static UsageRecord documentedRecord() {
        return UsageRecord.builder()
                .billingAccountId(ACCOUNT)
                .billingAccountName("My Account")
                .chargeCategory(ChargeCategory.USAGE)
                .chargeDescription("Workers Standard Requests — daily usage")
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .chargePeriodStart(Instant.parse("2025-05-01T00:00:00Z"))
                .chargePeriodEnd(Instant.parse("2025-05-02T00:00:00Z"))
                .consumedQuantity(new BigDecimal("150000"))
                .consumedUnit("Requests")
                .hostProviderName("Cloudflare")
                .invoiceIssuerName("Cloudflare")
                .serviceProviderName("Cloudflare")
                .billedCost(new BigDecimal("0"))
                .billingCurrency("USD")
                .billingPeriodStart(Instant.parse("2025-05-01T00:00:00Z"))
                .billingPeriodEnd(Instant.parse("2025-06-01T00:00:00Z"))
                .chargeClass(ChargeClass.CORRECTION)
                .contractedCost(new BigDecimal("0.75"))
                .contractedUnitPrice(new BigDecimal("0.000005"))
                .effectiveCost(new BigDecimal("0"))
                .listCost(new BigDecimal("0.75"))
                .listUnitPrice(new BigDecimal("0.000005"))
                .pricingQuantity(new BigDecimal("150000"))
                .pricingUnit("Requests")
                .regionId("EEUR")
                .regionName("Eastern Europe")
                .subAccountId("c9bd752d-9ca8-411d-b804-be44a758057f")
                .subAccountName("My Subscription")
                .skuId(METRIC)
                .skuMeter("Workers Standard Requests")
                .serviceName("Workers")
                .putExtensions("x_BillableMetricId", METRIC)
                .putExtensions("x_BillableMetricName", "Workers Standard Requests")
                .putExtensions("x_ProductFamilyName", "Workers")
                .putExtensions("x_ZoneId", ACCOUNT)
                .putExtensions("x_ZoneName", "example.com")
                .build();
    }

    /** A record of the module's own multi-window fixtures: no cost fields, as Cloudflare sends today. */
    private static ImmutableUsageRecord.Builder daily(String day, String quantity, String unit, String description,
            String metricId, String metricName, String familyId, String familyName) {
        LocalDate start = LocalDate.parse(day);
        return UsageRecord.builder()
                .billingAccountId(ACCOUNT)
                .billingAccountName("My Account")
                .chargeCategory(ChargeCategory.USAGE)
                .chargeDescription(description)
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .chargePeriodStart(Instant.parse(start + "T00:00:00Z"))
                .chargePeriodEnd(Instant.parse(start.plusDays(1) + "T00:00:00Z"))
                .consumedQuantity(new BigDecimal(quantity))
                .consumedUnit(unit)
                .hostProviderName("Cloudflare")
                .invoiceIssuerName("Cloudflare")
                .serviceProviderName("Cloudflare")
                .skuId(metricId)
                .skuMeter(metricName)
                .serviceName(familyName)
                .putExtensions("x_BillableMetricId", metricId)
                .putExtensions("x_BillableMetricName", metricName)
                .putExtensions("x_ProductCategoryName", "Developer")
                .putExtensions("x_ProductFamilyId", familyId)
                .putExtensions("x_ProductFamilyName", familyName);
    }
}
