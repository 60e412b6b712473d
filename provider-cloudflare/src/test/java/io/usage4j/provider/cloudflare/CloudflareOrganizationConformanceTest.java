package io.usage4j.provider.cloudflare;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
 * The conformance suite over an organization: {@code GET /organizations/{id}/billable/usage}, usage
 * only, every account of the organization. The reference's two-account example plus a contract-level
 * record, which is billed to the organization and marked; a 40-day query as two windows.
 */
class CloudflareOrganizationConformanceTest extends UsageSourceConformanceTest {
    static final String ORGANIZATION = "5f2d1c0b9a8e7d6c5b4a39281706f5e4";
    private static final String PATH = "/organizations/" + ORGANIZATION + "/billable/usage";
    private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";

    @Override
    protected UsageSourceProvider provider() {
        return new CloudflareUsageSourceProvider();
    }

    @Override
    protected String url() {
        return "usage:cloudflare:organizations/" + ORGANIZATION;
    }

    @Override
    protected Map<String, String> credentials() {
        return Map.of("token", "cf-org-conformance-token-77aa");
    }

    @Override
    protected String authorizationHeader() {
        return "Authorization";
    }

    @Override
    protected String expectedAuthorization() {
        return "Bearer cf-org-conformance-token-77aa";
    }

    private static MappingBuilder window(String from, String to) {
        return get(urlPathEqualTo(PATH)).withQueryParam("from", equalTo(from)).withQueryParam("to", equalTo(to));
    }

    @Override
    protected Scenario fetch() {
        return organizationDay(UsageQuery.between(LocalDate.parse("2026-07-14"), LocalDate.parse("2026-07-15")));
    }

    /**
     * The provider's capabilities (those of its default dataset) push metrics down; the organization GET
     * takes none, so its stub answers every metric and the source filters on the client.
     */
    @Override
    protected Optional<Scenario> filteredFetch() {
        return Optional.of(organizationDay(UsageQuery.builder().from(LocalDate.parse("2026-07-14"))
                .to(LocalDate.parse("2026-07-15")).addMetrics("r2_class_a_operations").build()));
    }

    private Scenario organizationDay(UsageQuery query) {
        return Scenario.builder()
                .query(query)
                .stub(window("2026-07-14", "2026-07-14").willReturn(okJson(fixture("cloudflare/organization-usage.json"))))
                .expect(r2(ACCOUNT, "Acme Production", "48211").build(),
                        r2("7c5dae5552338874e5053f2534d2767a", "Acme Staging", "903").build(),
                        r2(ORGANIZATION, null, "1000000").chargeDescription("R2 Class A operations (contract)")
                                .subAccountId("contract_77f1").subAccountName("Enterprise Contract")
                                .putExtensions("x_BillingAccountOmitted", "true").build())
                .faultPath(PATH)
                .build();
    }

    @Override
    protected Optional<Scenario> multiRequestFetch() {
        return Optional.of(Scenario.builder()
                .query(UsageQuery.between(LocalDate.parse("2025-05-01"), LocalDate.parse("2025-06-10")))
                .stub(window("2025-05-01", "2025-05-31").willReturn(okJson(fixture("cloudflare/billable-usage-window-1.json"))))
                .stub(window("2025-06-01", "2025-06-09").willReturn(okJson(fixture("cloudflare/billable-usage-window-2.json"))))
                .expect(CloudflareUsageConformanceTest.daily("2025-05-01", "150000", "Requests",
                                "Workers Standard Requests — daily usage", "workers_standard_requests",
                                "Workers Standard Requests", "workers", "Workers").build(),
                        CloudflareUsageConformanceTest.daily("2025-05-31", "12.500000001", "GB-months",
                                "R2 Storage — daily usage", "r2_storage", "R2 Storage", "r2", "R2").build(),
                        CloudflareUsageConformanceTest.daily("2025-06-01", "98000", "Requests",
                                "Workers Standard Requests — daily usage", "workers_standard_requests",
                                "Workers Standard Requests", "workers", "Workers")
                                .putExtensions("x_ZoneId", ACCOUNT).putExtensions("x_ZoneName", "example.com").build(),
                        CloudflareUsageConformanceTest.daily("2025-06-09", "1234", "Neurons",
                                "Workers AI Neurons — daily usage", "workers_ai_neurons", "Workers AI Neurons",
                                "workers_ai", "Workers AI").build())
                .faultPath(PATH)
                .laterRequest(".*/billable/usage\\?from=2025-06-01&to=2025-06-09.*")
                .build());
    }

    /** An R2 Class A record of the organization example. */
    private static ImmutableUsageRecord.Builder r2(String account, String accountName, String quantity) {
        return UsageRecord.builder()
                .billingAccountId(account)
                .billingAccountName(Optional.ofNullable(accountName))
                .chargeCategory(ChargeCategory.USAGE)
                .chargeDescription("R2 Class A operations")
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .chargePeriodStart(Instant.parse("2026-07-14T00:00:00Z"))
                .chargePeriodEnd(Instant.parse("2026-07-15T00:00:00Z"))
                .consumedQuantity(new BigDecimal(quantity))
                .consumedUnit("Requests")
                .hostProviderName("Cloudflare")
                .invoiceIssuerName("Cloudflare, Inc.")
                .serviceProviderName("Cloudflare")
                .skuId("r2_class_a_operations")
                .skuMeter("R2 Class A Operations")
                .serviceName("R2")
                .putExtensions("x_BillableMetricId", "r2_class_a_operations")
                .putExtensions("x_BillableMetricName", "R2 Class A Operations")
                .putExtensions("x_ProductFamilyName", "R2");
    }
}
