package io.usage4j.benchmarks;

import io.usage4j.core.ApplicabilityCriterion;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.PricingCategory;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusColumn;
import io.usage4j.core.focus.FocusValidator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FOCUS validation throughput: {@link #validate} checks 10,000 records against every rule of the
 * FOCUS requirements model that applies to a provider declaring usage measurement, tags, sub-accounts
 * and regions (the model compiled once, as in the fetch path); {@link #render} only renders the same
 * records to FOCUS text, the floor any validator of FOCUS text pays. One operation is 10,000 records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ValidateBenchmark {
    static final int RECORDS = 10_000;
    private static final Set<ApplicabilityCriterion> CRITERIA = EnumSet.of(ApplicabilityCriterion.USAGE_MEASUREMENT_SUPPORTED,
            ApplicabilityCriterion.TAGGING_SUPPORTED, ApplicabilityCriterion.SUB_ACCOUNT_SUPPORTED,
            ApplicabilityCriterion.REGION_SUPPORTED, ApplicabilityCriterion.ACCOUNT_NAMING_SUPPORTED);

    private List<UsageRecord> records;

    @Setup
    public void setUp() {
        records = new ArrayList<>(RECORDS);
        Instant day = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < RECORDS; i++) {
            BigDecimal quantity = BigDecimal.valueOf(1000 + i, 3);
            records.add(UsageRecord.builder()
                    .billingAccountId("acct-1").billingAccountName("Main")
                    .subAccountId("zone-" + (i % 50)).subAccountName("zone " + (i % 50))
                    .chargePeriodStart(day.plusSeconds(86_400L * (i % 31)))
                    .chargePeriodEnd(day.plusSeconds(86_400L * (i % 31 + 1)))
                    .billingPeriodStart(day).billingPeriodEnd(Instant.parse("2026-02-01T00:00:00Z"))
                    .chargeCategory(ChargeCategory.USAGE).chargeFrequency(ChargeFrequency.USAGE_BASED)
                    .chargeDescription("Requests").pricingCategory(PricingCategory.STANDARD)
                    .consumedQuantity(quantity).consumedUnit("Requests")
                    .pricingQuantity(quantity).pricingUnit("Requests")
                    .billedCost(quantity.movePointLeft(2)).effectiveCost(quantity.movePointLeft(2))
                    .listCost(quantity.movePointLeft(2)).contractedCost(quantity.movePointLeft(2))
                    .listUnitPrice(new BigDecimal("0.01"))
                    .billingCurrency("USD")
                    .regionId("wnam").regionName("Western North America")
                    .serviceName("Workers").serviceCategory(ServiceCategory.COMPUTE).serviceSubcategory("Serverless Compute")
                    .serviceProviderName("Example").hostProviderName("Example").invoiceIssuerName("Example")
                    .providerName("Example").publisherName("Example")
                    .putTags("team", "t" + (i % 7))
                    .build());
        }
        long errors = FocusValidator.validate(records.stream(), CRITERIA).filter(v -> v.isError()).count();
        if (errors != 0) {
            throw new IllegalStateException("the benchmark's records must be valid FOCUS; " + errors + " errors");
        }
    }

    @Benchmark
    public long validate() {
        return FocusValidator.validate(records.stream(), CRITERIA).count();
    }

    @Benchmark
    public long render() {
        long values = 0;
        for (UsageRecord record : records) {
            for (FocusColumn column : FocusColumn.values()) {
                if (column.render(record).isPresent()) {
                    values++;
                }
            }
        }
        return values;
    }
}
