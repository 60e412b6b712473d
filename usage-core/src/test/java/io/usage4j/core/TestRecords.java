package io.usage4j.core;

import java.math.BigDecimal;
import java.time.Instant;

/** Records for tests: a complete FOCUS row, and a minimal one. */
public final class TestRecords {
    public static final Instant DAY_START = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant DAY_END = Instant.parse("2025-01-02T00:00:00Z");

    private TestRecords() {}

    /** Only what the builder requires. */
    public static ImmutableUsageRecord.Builder minimal() {
        return UsageRecord.builder()
                .billingAccountId("acct-1")
                .chargePeriodStart(DAY_START)
                .chargePeriodEnd(DAY_END)
                .chargeCategory(ChargeCategory.USAGE);
    }

    /** Every column FOCUS says must not be null, with valid values: validates with no violation. */
    public static ImmutableUsageRecord.Builder complete() {
        return minimal()
                .billingAccountName("Main account")
                .billingPeriodStart(Instant.parse("2025-01-01T00:00:00Z"))
                .billingPeriodEnd(Instant.parse("2025-02-01T00:00:00Z"))
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .chargeDescription("Requests")
                .pricingCategory(PricingCategory.STANDARD)
                .consumedQuantity(new BigDecimal("1200"))
                .consumedUnit("Requests")
                .pricingQuantity(new BigDecimal("1.2"))
                .pricingUnit("1000 Requests")
                .billedCost(new BigDecimal("0.60"))
                .effectiveCost(new BigDecimal("0.60"))
                .listCost(new BigDecimal("0.60"))
                .contractedCost(new BigDecimal("0.60"))
                .listUnitPrice(new BigDecimal("0.50"))
                .contractedUnitPrice(new BigDecimal("0.50"))
                .billingCurrency("USD")
                .serviceName("Workers")
                .serviceCategory(ServiceCategory.COMPUTE)
                .serviceSubcategory("Serverless Compute")
                .serviceProviderName("Example Cloud")
                .hostProviderName("Example Cloud")
                .invoiceIssuerName("Example Cloud")
                .providerName("Example Cloud")
                .publisherName("Example Cloud");
    }
}
