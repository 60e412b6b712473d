package io.usage4j.testkit;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusValidator;
import io.usage4j.core.focus.FocusViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions for a {@link UsageRecord}. Money and quantities are compared exactly as
 * decimal text ({@code "0.10"} is not {@code "0.1"}), because a provider's scale is part of its answer.
 *
 * <pre>{@code
 * UsageRecordAssert.assertThat(record)
 *         .hasChargePeriod(LocalDate.parse("2025-05-01"), LocalDate.parse("2025-05-02"))
 *         .hasConsumedQuantity("150000").hasConsumedUnit("Requests")
 *         .hasNoBilledCost()
 *         .hasExtension("x_ZoneName", "example.com")
 *         .isValidFocus();
 * }</pre>
 */
public final class UsageRecordAssert extends AbstractAssert<UsageRecordAssert, UsageRecord> {

    private UsageRecordAssert(UsageRecord actual) {
        super(actual, UsageRecordAssert.class);
    }

    /** Starts assertions on {@code record}. */
    public static UsageRecordAssert assertThat(UsageRecord record) {
        return new UsageRecordAssert(record);
    }

    /** The charge period is exactly {@code [start, end)}. */
    public UsageRecordAssert hasChargePeriod(Instant start, Instant end) {
        isNotNull();
        if (!actual.chargePeriodStart().equals(start) || !actual.chargePeriodEnd().equals(end)) {
            failWithMessage("expected charge period [%s, %s) but was [%s, %s)", start, end,
                    actual.chargePeriodStart(), actual.chargePeriodEnd());
        }
        return this;
    }

    /** The charge period is exactly the UTC days {@code [start, endExclusive)}. */
    public UsageRecordAssert hasChargePeriod(LocalDate start, LocalDate endExclusive) {
        return hasChargePeriod(start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                endExclusive.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The billing account id is {@code id}. */
    public UsageRecordAssert hasBillingAccountId(String id) {
        isNotNull();
        if (!actual.billingAccountId().equals(id)) {
            failWithMessage("expected BillingAccountId <%s> but was <%s>", id, actual.billingAccountId());
        }
        return this;
    }

    /** The charge category is {@code category}. */
    public UsageRecordAssert hasChargeCategory(ChargeCategory category) {
        isNotNull();
        if (actual.chargeCategory() != category) {
            failWithMessage("expected ChargeCategory <%s> but was <%s>", category, actual.chargeCategory());
        }
        return this;
    }

    /** The charge frequency is {@code frequency}. */
    public UsageRecordAssert hasChargeFrequency(ChargeFrequency frequency) {
        return hasValue("ChargeFrequency", UsageRecord::chargeFrequency, Optional.of(frequency));
    }

    /** ConsumedQuantity is exactly {@code decimal} (as text, scale included). */
    public UsageRecordAssert hasConsumedQuantity(String decimal) {
        return hasDecimal("ConsumedQuantity", UsageRecord::consumedQuantity, decimal);
    }

    /** ConsumedUnit is {@code unit}. */
    public UsageRecordAssert hasConsumedUnit(String unit) {
        return hasValue("ConsumedUnit", UsageRecord::consumedUnit, Optional.of(unit));
    }

    /** PricingQuantity is exactly {@code decimal}. */
    public UsageRecordAssert hasPricingQuantity(String decimal) {
        return hasDecimal("PricingQuantity", UsageRecord::pricingQuantity, decimal);
    }

    /** BilledCost is exactly {@code decimal}. */
    public UsageRecordAssert hasBilledCost(String decimal) {
        return hasDecimal("BilledCost", UsageRecord::billedCost, decimal);
    }

    /** BilledCost is absent (the provider did not report it). */
    public UsageRecordAssert hasNoBilledCost() {
        return hasValue("BilledCost", UsageRecord::billedCost, Optional.empty());
    }

    /** ListCost is exactly {@code decimal}. */
    public UsageRecordAssert hasListCost(String decimal) {
        return hasDecimal("ListCost", UsageRecord::listCost, decimal);
    }

    /** EffectiveCost is exactly {@code decimal}. */
    public UsageRecordAssert hasEffectiveCost(String decimal) {
        return hasDecimal("EffectiveCost", UsageRecord::effectiveCost, decimal);
    }

    /** BillingCurrency is {@code currency}. */
    public UsageRecordAssert hasBillingCurrency(String currency) {
        return hasValue("BillingCurrency", UsageRecord::billingCurrency, Optional.of(currency));
    }

    /** ServiceName is {@code name}. */
    public UsageRecordAssert hasServiceName(String name) {
        return hasValue("ServiceName", UsageRecord::serviceName, Optional.of(name));
    }

    /** SkuId is {@code id}. */
    public UsageRecordAssert hasSkuId(String id) {
        return hasValue("SkuId", UsageRecord::skuId, Optional.of(id));
    }

    /** SkuMeter is {@code meter}. */
    public UsageRecordAssert hasSkuMeter(String meter) {
        return hasValue("SkuMeter", UsageRecord::skuMeter, Optional.of(meter));
    }

    /** SubAccountId is {@code id}. */
    public UsageRecordAssert hasSubAccountId(String id) {
        return hasValue("SubAccountId", UsageRecord::subAccountId, Optional.of(id));
    }

    /** ResourceId is {@code id}. */
    public UsageRecordAssert hasResourceId(String id) {
        return hasValue("ResourceId", UsageRecord::resourceId, Optional.of(id));
    }

    /** The extension column {@code name} holds {@code value}. */
    public UsageRecordAssert hasExtension(String name, String value) {
        return hasValue(name, r -> r.extension(name), Optional.of(value));
    }

    /** The record has no extension column {@code name}. */
    public UsageRecordAssert hasNoExtension(String name) {
        return hasValue(name, r -> r.extension(name), Optional.empty());
    }

    /** The record breaks no FOCUS rule (INCOMPLETE findings, for columns the provider does not report, are allowed). */
    public UsageRecordAssert isValidFocus() {
        isNotNull();
        List<FocusViolation> errors = FocusValidator.validate(actual).stream().filter(FocusViolation::isError).toList();
        if (!errors.isEmpty()) {
            failWithMessage("expected a valid FOCUS row but found %s in %s", errors, actual);
        }
        return this;
    }

    private UsageRecordAssert hasDecimal(String column, Function<UsageRecord, Optional<BigDecimal>> value, String decimal) {
        isNotNull();
        Optional<BigDecimal> got = value.apply(actual);
        if (got.isEmpty() || !got.get().toPlainString().equals(new BigDecimal(decimal).toPlainString())) {
            failWithMessage("expected %s <%s> but was <%s>", column, decimal, got.map(BigDecimal::toPlainString).orElse("absent"));
        }
        return this;
    }

    private <T> UsageRecordAssert hasValue(String column, Function<UsageRecord, Optional<T>> value, Optional<T> expected) {
        isNotNull();
        Optional<T> got = value.apply(actual);
        if (!got.equals(expected)) {
            failWithMessage("expected %s <%s> but was <%s>", column, expected.map(String::valueOf).orElse("absent"),
                    got.map(String::valueOf).orElse("absent"));
        }
        return this;
    }
}
