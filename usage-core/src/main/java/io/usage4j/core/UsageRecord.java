package io.usage4j.core;

import io.usage4j.core.internal.ExtensionNames;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * One row of the FinOps FOCUS 1.3 Cost and Usage dataset.
 *
 * <p>Every column a provider can fill has a typed accessor named after the FOCUS column. What the
 * provider did not report is {@link Optional#empty()}: a cost is never guessed as zero, a unit never
 * invented. Money and quantities are {@link BigDecimal}s taken from the provider's text, so no value
 * passes through a {@code double}. Provider-specific fields that FOCUS has no column for are kept,
 * in the provider's order, in {@link #extensions()} under {@code x_} names.
 *
 * <p>Build one with {@link #builder()}; the builder's {@code Optional} setters accept {@code null}
 * as "absent". Invariants, checked on {@code build()}: the charge period starts before it ends, the
 * billing period (when given) likewise, the billing currency is an ISO 4217 code, and extension names
 * start with {@code x_}.
 */
@Value.Immutable
public abstract class UsageRecord {
    UsageRecord() {
        // only the generated ImmutableUsageRecord extends this
    }


    /** A new builder. */
    public static ImmutableUsageRecord.Builder builder() {
        return ImmutableUsageRecord.builder();
    }

    // --- Account -------------------------------------------------------------------------------

    /** BillingAccountId: the account the charges are billed to. */
    public abstract String billingAccountId();

    /** BillingAccountName. */
    public abstract Optional<String> billingAccountName();

    /** SubAccountId: a grouping of resources below the billing account (project, subscription, environment). */
    public abstract Optional<String> subAccountId();

    /** SubAccountName. */
    public abstract Optional<String> subAccountName();

    // --- Periods -------------------------------------------------------------------------------

    /** BillingPeriodStart, inclusive. */
    public abstract Optional<Instant> billingPeriodStart();

    /** BillingPeriodEnd, exclusive. */
    public abstract Optional<Instant> billingPeriodEnd();

    /** ChargePeriodStart: inclusive start of the time the usage was consumed, UTC. */
    public abstract Instant chargePeriodStart();

    /** ChargePeriodEnd: exclusive end of the time the usage was consumed, UTC. */
    public abstract Instant chargePeriodEnd();

    // --- Charge --------------------------------------------------------------------------------

    /** ChargeCategory. */
    public abstract ChargeCategory chargeCategory();

    /** ChargeClass: present only for a correction to a previously invoiced period. */
    public abstract Optional<ChargeClass> chargeClass();

    /** ChargeFrequency. */
    public abstract Optional<ChargeFrequency> chargeFrequency();

    /** ChargeDescription. */
    public abstract Optional<String> chargeDescription();

    /** PricingCategory. */
    public abstract Optional<PricingCategory> pricingCategory();

    // --- Quantities ----------------------------------------------------------------------------

    /** ConsumedQuantity: measured usage before pricing transformations. */
    public abstract Optional<BigDecimal> consumedQuantity();

    /** ConsumedUnit. */
    public abstract Optional<String> consumedUnit();

    /** PricingQuantity: usage in the unit it is priced in. */
    public abstract Optional<BigDecimal> pricingQuantity();

    /** PricingUnit. */
    public abstract Optional<String> pricingUnit();

    // --- Money ---------------------------------------------------------------------------------

    /** BilledCost, in the billing currency. */
    public abstract Optional<BigDecimal> billedCost();

    /** EffectiveCost, in the billing currency. */
    public abstract Optional<BigDecimal> effectiveCost();

    /** ListCost, in the billing currency. */
    public abstract Optional<BigDecimal> listCost();

    /** ContractedCost, in the billing currency. */
    public abstract Optional<BigDecimal> contractedCost();

    /** ListUnitPrice, per pricing unit. */
    public abstract Optional<BigDecimal> listUnitPrice();

    /** ContractedUnitPrice, per pricing unit. */
    public abstract Optional<BigDecimal> contractedUnitPrice();

    /** BillingCurrency: an ISO 4217 code such as {@code USD}. */
    public abstract Optional<String> billingCurrency();

    // --- Who provides it -----------------------------------------------------------------------

    /** ServiceName. */
    public abstract Optional<String> serviceName();

    /** ServiceCategory. */
    public abstract Optional<ServiceCategory> serviceCategory();

    /** ServiceSubcategory. */
    public abstract Optional<String> serviceSubcategory();

    /** ServiceProviderName (FOCUS 1.3): who made the service available for purchase. */
    public abstract Optional<String> serviceProviderName();

    /** HostProviderName (FOCUS 1.3): who runs the underlying infrastructure. */
    public abstract Optional<String> hostProviderName();

    /** InvoiceIssuerName: who invoices the charge. */
    public abstract Optional<String> invoiceIssuerName();

    /** ProviderName (deprecated in FOCUS 1.3 in favour of ServiceProviderName, still a column). */
    public abstract Optional<String> providerName();

    /** PublisherName (deprecated in FOCUS 1.3, still a column). */
    public abstract Optional<String> publisherName();

    /** InvoiceId. */
    public abstract Optional<String> invoiceId();

    // --- Where and what ------------------------------------------------------------------------

    /** RegionId. */
    public abstract Optional<String> regionId();

    /** RegionName. */
    public abstract Optional<String> regionName();

    /** ResourceId. */
    public abstract Optional<String> resourceId();

    /** ResourceName. */
    public abstract Optional<String> resourceName();

    /** ResourceType. */
    public abstract Optional<String> resourceType();

    /** SkuId. */
    public abstract Optional<String> skuId();

    /** SkuMeter: the functionality being metered. */
    public abstract Optional<String> skuMeter();

    /** Tags: user or provider key/value labels, in the provider's order. */
    public abstract Map<String, String> tags();

    /**
     * Tag keys that carry no value (key-only tags), in the provider's order. FOCUS writes them in the
     * Tags column with the boolean {@code true} ("tag keys that do not support corresponding values
     * MUST have a corresponding true (boolean) value set"), after the keys of {@link #tags()}. A key
     * is in {@link #tags()} or here, never both.
     */
    public abstract Set<String> keyOnlyTags();

    /**
     * Extension columns: provider-specific values FOCUS has no column for, keyed by their {@code x_}
     * column name, in the order the provider defines them. Numbers are plain decimal strings.
     */
    public abstract Map<String, String> extensions();

    /** The extension column {@code name}, if this record has it. */
    public Optional<String> extension(String name) {
        return Optional.ofNullable(extensions().get(name));
    }

    @Value.Check
    protected void check() {
        if (!chargePeriodStart().isBefore(chargePeriodEnd())) {
            throw new IllegalArgumentException("ChargePeriodStart " + chargePeriodStart()
                    + " must be before ChargePeriodEnd " + chargePeriodEnd()
                    + " (the end is exclusive: one day is [D, D+1))");
        }
        if (billingPeriodStart().isPresent() != billingPeriodEnd().isPresent()) {
            throw new IllegalArgumentException("BillingPeriodStart and BillingPeriodEnd must be given together, got "
                    + billingPeriodStart() + " and " + billingPeriodEnd());
        }
        if (billingPeriodStart().isPresent() && !billingPeriodStart().get().isBefore(billingPeriodEnd().get())) {
            throw new IllegalArgumentException("BillingPeriodStart " + billingPeriodStart().get()
                    + " must be before BillingPeriodEnd " + billingPeriodEnd().get());
        }
        billingCurrency().ifPresent(UsageRecord::checkCurrency);
        for (String key : keyOnlyTags()) {
            if (tags().containsKey(key)) {
                throw new IllegalArgumentException("tag '" + key + "' is given both with the value '" + tags().get(key)
                        + "' and as a key-only tag; a tag is one or the other");
            }
        }
        for (String name : extensions().keySet()) {
            if (!ExtensionNames.isValid(name)) {
                throw new IllegalArgumentException("extension column '" + name
                        + "' must be named x_ followed by letters, digits or underscores (FOCUS ColumnHandling-A-010-M)");
            }
        }
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static void checkCurrency(String code) {
        if (code.length() == 3 && isUpper(code.charAt(0)) && isUpper(code.charAt(1)) && isUpper(code.charAt(2))) {
            try {
                Currency.getInstance(code);
                return;
            } catch (IllegalArgumentException notIso) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("BillingCurrency '" + code + "' is not an ISO 4217 currency code such as USD");
    }
}
