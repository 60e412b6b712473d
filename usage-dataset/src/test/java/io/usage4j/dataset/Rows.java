package io.usage4j.dataset;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeClass;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ImmutableUsageRecord;
import io.usage4j.core.PricingCategory;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.UsageRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Records for the dataset tests. */
final class Rows {
    static final String EXTENSION = "x_ZoneId";

    private Rows() {}

    /** A day's usage of {@code account} on {@code day}: only what the record requires, plus a cost and a quantity. */
    static ImmutableUsageRecord.Builder day(String account, LocalDate day, String cost, String quantity) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return UsageRecord.builder()
                .billingAccountId(account)
                .chargePeriodStart(start)
                .chargePeriodEnd(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .chargeCategory(ChargeCategory.USAGE)
                .billedCost(new BigDecimal(cost))
                .consumedQuantity(new BigDecimal(quantity))
                .consumedUnit("Requests")
                .billingCurrency("USD")
                .skuId("requests");
    }

    /** A record with a value in every column FOCUS and usage4j know, and an extension column. */
    static UsageRecord everyColumn() {
        return UsageRecord.builder()
                .billingAccountId("acct-1")
                .billingAccountName("Main \"account\", ünïcode")
                .subAccountId("sub-1")
                .subAccountName("Production")
                .billingPeriodStart(Instant.parse("2025-01-01T00:00:00Z"))
                .billingPeriodEnd(Instant.parse("2025-02-01T00:00:00Z"))
                .chargePeriodStart(Instant.parse("2025-01-05T00:00:00Z"))
                .chargePeriodEnd(Instant.parse("2025-01-05T01:00:00.123456Z"))
                .chargeCategory(ChargeCategory.USAGE)
                .chargeClass(ChargeClass.CORRECTION)
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .chargeDescription("Requests\nsecond line")
                .pricingCategory(PricingCategory.STANDARD)
                .consumedQuantity(new BigDecimal("123456789012345678901.12345678901234567"))
                .consumedUnit("Requests")
                .pricingQuantity(new BigDecimal("-1.2"))
                .pricingUnit("1000 Requests")
                .billedCost(new BigDecimal("0.00000000000000001"))
                .effectiveCost(new BigDecimal("-99999999999999999999.99999999999999999"))
                .listCost(new BigDecimal("0.60"))
                .contractedCost(new BigDecimal("0"))
                .listUnitPrice(new BigDecimal("0.0000003"))
                .contractedUnitPrice(new BigDecimal("1E+3"))
                .billingCurrency("EUR")
                .serviceName("Workers")
                .serviceCategory(ServiceCategory.COMPUTE)
                .serviceSubcategory("Serverless Compute")
                .serviceProviderName("Example Cloud")
                .hostProviderName("Example Host")
                .invoiceIssuerName("Example Issuer")
                .providerName("Example Provider")
                .publisherName("Example Publisher")
                .invoiceId("INV-1")
                .regionId("weur")
                .regionName("Western Europe")
                .resourceId("res/1")
                .resourceName("My worker")
                .resourceType("Worker")
                .skuId("sku-1")
                .skuMeter("Requests")
                .putTags("team", "edge")
                .putTags("empty", "")
                .putTags("ключ", "значение")
                .putExtensions(EXTENSION, "zone-9")
                .build();
    }
}
