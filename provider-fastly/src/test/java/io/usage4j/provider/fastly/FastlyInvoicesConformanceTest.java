package io.usage4j.provider.fastly;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
 * The conformance suite over the invoices dataset, with fixtures built from Fastly's documented
 * {@code ListEomInvoicesResponse}, {@code Invoice}, {@code Invoicelineitems} and {@code Metadata}
 * models: one month's invoice list in one request, and two months read through a two-page cursor
 * sequence (the second page holds a credit line).
 */
class FastlyInvoicesConformanceTest extends UsageSourceConformanceTest {
    private static final String TOKEN = "conformance-fastly-invoices-token";
    private static final String LIST = "/billing/v3/invoices";
    private static final String CURSOR_2 = "eyJvZmZzZXQiOjF9";
    private static final String CUSTOMER = "x4xCwxxJxGCx123Rx5xTx";

    @Override
    protected UsageSourceProvider provider() {
        return new FastlyUsageSourceProvider();
    }

    @Override
    protected String url() {
        return "usage:fastly:?dataset=invoices";
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
                .query(UsageQuery.between(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-01")))
                .stub(list("2026-02-01", "2026-02-28", null)
                        .willReturn(okJson(fixture("fastly/invoices-page1.json").replace("\"" + CURSOR_2 + "\"", "null"))))
                .expect(february())
                .faultPath(LIST)
                .build();
    }

    @Override
    protected Optional<Scenario> multiRequestFetch() {
        return Optional.of(Scenario.builder()
                .query(UsageQuery.between(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-01")))
                .stub(list("2026-01-01", "2026-02-28", null).willReturn(okJson(fixture("fastly/invoices-page1.json"))))
                .stub(list("2026-01-01", "2026-02-28", CURSOR_2).willReturn(okJson(fixture("fastly/invoices-page2.json"))))
                .expect(february())
                .expect(january())
                .faultPath(LIST)
                .laterRequest(LIST + "\\?.*cursor=" + CURSOR_2 + ".*")
                .build());
    }

    private static MappingBuilder list(String start, String end, String cursor) {
        return get(urlPathEqualTo(LIST))
                .withQueryParam("billing_start_date", equalTo(start))
                .withQueryParam("billing_end_date", equalTo(end))
                .withQueryParam("limit", equalTo("200"))
                .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor));
    }

    private static UsageRecord[] february() {
        return new UsageRecord[] {
            line("2026-02", "4183280", "ST-2026-02-00123", "2026-03-02T05:00:00Z")
                    .chargeDescription("North America Bandwidth").billedCost(new BigDecimal("812.5"))
                    .contractedUnitPrice(new BigDecimal("0.08")).pricingQuantity(new BigDecimal("10156.25"))
                    .contractedCost(new BigDecimal("812.5000")).pricingUnit("bandwidth").skuMeter("bandwidth")
                    .serviceName("CDN").regionName("North America").putExtensions("x_ProductGroup", "Full-Site Delivery")
                    .putExtensions("x_ProductLine", "Network Services").build(),
            line("2026-02", "4183280", "ST-2026-02-00123", "2026-03-02T05:00:00Z")
                    .chargeDescription("Compute Requests").billedCost(new BigDecimal("710.97"))
                    .contractedUnitPrice(new BigDecimal("0.5")).pricingQuantity(new BigDecimal("1421.94"))
                    .contractedCost(new BigDecimal("710.970")).pricingUnit("requests").skuMeter("requests")
                    .serviceName("Compute").putExtensions("x_ProductGroup", "Compute")
                    .putExtensions("x_ProductLine", "Network Services").build()
        };
    }

    private static UsageRecord[] january() {
        return new UsageRecord[] {
            line("2026-01", "4170112", "ST-2026-01-00097", "2026-02-02T05:00:00Z")
                    .chargeDescription("North America Bandwidth").billedCost(new BigDecimal("790.40"))
                    .contractedUnitPrice(new BigDecimal("0.08")).pricingQuantity(new BigDecimal("9880"))
                    .contractedCost(new BigDecimal("790.40")).pricingUnit("bandwidth").skuMeter("bandwidth")
                    .serviceName("CDN").regionName("North America").putExtensions("x_ProductGroup", "Full-Site Delivery")
                    .putExtensions("x_ProductLine", "Network Services").build(),
            line("2026-01", "4170112", "ST-2026-01-00097", "2026-02-02T05:00:00Z")
                    .chargeDescription("Compute Requests").billedCost(new BigDecimal("650.00"))
                    .contractedUnitPrice(new BigDecimal("0.5")).pricingQuantity(new BigDecimal("1300"))
                    .contractedCost(new BigDecimal("650.0")).pricingUnit("requests").skuMeter("requests")
                    .serviceName("Compute").putExtensions("x_ProductGroup", "Compute")
                    .putExtensions("x_ProductLine", "Network Services").build(),
            line("2026-01", "4170112", "ST-2026-01-00097", "2026-02-02T05:00:00Z")
                    .chargeCategory(ChargeCategory.CREDIT).chargeFrequency(Optional.empty())
                    .chargeDescription("Promotional credit").billedCost(new BigDecimal("-100.00"))
                    .contractedCost(new BigDecimal("-100.00")).effectiveCost(new BigDecimal("-100.00"))
                    .listCost(new BigDecimal("-100.00")).serviceName("CDN")
                    .putExtensions("x_ProductGroup", "Full-Site Delivery").putExtensions("x_ProductLine", "Network Services")
                    .putExtensions("x_CreditCouponCode", "WELCOME100").build()
        };
    }

    private static ImmutableUsageRecord.Builder line(String month, String invoiceId, String statement, String postedOn) {
        Instant start = Instant.parse(month + "-01T00:00:00Z");
        Instant end = LocalDate.parse(month + "-01").plusMonths(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return UsageRecord.builder()
                .billingAccountId(CUSTOMER)
                .chargePeriodStart(start)
                .chargePeriodEnd(end)
                .billingPeriodStart(start)
                .billingPeriodEnd(end)
                .chargeCategory(ChargeCategory.USAGE)
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .billingCurrency("USD")
                .invoiceId(invoiceId)
                .providerName("Fastly")
                .serviceProviderName("Fastly")
                .hostProviderName("Fastly")
                .publisherName("Fastly")
                .invoiceIssuerName("Fastly")
                .putExtensions("x_InvoiceFinal", "true")
                .putExtensions("x_StatementNumber", statement)
                .putExtensions("x_InvoicePostedOn", postedOn);
    }
}
