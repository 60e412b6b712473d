package io.usage4j.provider.cloudflare.internal;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeClass;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ImmutableUsageRecord;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageRecord;
import io.usage4j.spi.kit.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cloudflare wire records to FOCUS {@link UsageRecord}s: pure, exact (every amount and quantity is the
 * {@link BigDecimal} of the JSON text, in currency units: Cloudflare reports decimal dollars, not
 * cents), and strict about meaning. What Cloudflare did not send stays absent; nothing is guessed.
 *
 * <p><b>Billable usage v2.</b> The FOCUS-named fields go to their columns one to one. Cloudflare
 * replaces four FOCUS columns by extensions; those are kept under their own {@code x_} names and, where
 * Cloudflare says which FOCUS column they replace and the meaning carries over, also fill that column:
 * {@code x_BillableMetricId} → SkuId, {@code x_BillableMetricName} → SkuMeter,
 * {@code x_ProductFamilyName} → ServiceName. {@code x_ProductCategoryName} ("Developer",
 * "Cloudflare One") is not a FOCUS ServiceCategory value and fills nothing but its extension.
 *
 * <p><b>PayGo.</b> ServiceName ("Workers Standard", a metered product line, not FOCUS's service),
 * ContractedCost, PricingQuantity (no unit in the PayGo schema), the cumulated running totals, and
 * BillingPeriodStart (Cloudflare sends no BillingPeriodEnd, and FOCUS takes the pair together) are
 * kept as {@code x_} columns. ChargeCategory is Usage and ChargeFrequency Usage-Based. ServiceName
 * also fills SkuMeter (so metric filters can match it), ServiceFamilyName fills ServiceName and
 * SubscriptionId fills SubAccountId (Cloudflare's SubAccountId is the subscription id). The v1
 * superset's FOCUS-named fields go to their columns.
 */
public final class CloudflareMapper {
    /** The provider id, for exceptions. */
    public static final String PROVIDER_ID = "cloudflare";

    /**
     * Set to {@code true} on a v2 record that carries no BillingAccountId: Cloudflare omits it for usage
     * measured at contract level, and when the account is not part of the requested grouping. The
     * record's BillingAccountId is then the queried account (or organization).
     */
    public static final String ACCOUNT_OMITTED = "x_BillingAccountOmitted";

    /** The extension columns of the billable usage v2 datasets, in column order. */
    public static final List<String> BILLABLE_EXTENSIONS = List.of(
            "x_BillableMetricId", "x_BillableMetricName", "x_ProductCategoryName", "x_ProductFamilyId",
            "x_ProductFamilyName", "x_ZoneId", "x_ZoneName", ACCOUNT_OMITTED);

    /** The extension columns of the PayGo dataset, in column order. */
    public static final List<String> PAYGO_EXTENSIONS = List.of(
            "x_ServiceName", "x_ServiceFamilyName", "x_ContractedCost", "x_CumulatedContractedCost",
            "x_PricingQuantity", "x_PricingUnit", "x_CumulatedPricingQuantity", "x_BillingPeriodStart",
            "x_SubscriptionId", "x_ZoneId", "x_ZoneName");

    private CloudflareMapper() {}

    /**
     * One billable usage v2 record.
     *
     * @param accountId the account (or organization) the request was for; BillingAccountId when the record
     *     lacks it, which {@value #ACCOUNT_OMITTED} then says
     * @throws UnreadableResponseException if a required field is missing or a value has no FOCUS meaning
     */
    public static UsageRecord fromBillable(BillableUsageItem item, String accountId) {
        if (item == null) {
            throw unreadable("a result[] entry is null");
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        putText(extensions, "x_BillableMetricId", item.billableMetricId());
        putText(extensions, "x_BillableMetricName", item.billableMetricName());
        putText(extensions, "x_ProductCategoryName", item.productCategoryName());
        putText(extensions, "x_ProductFamilyId", item.productFamilyId());
        putText(extensions, "x_ProductFamilyName", item.productFamilyName());
        putText(extensions, "x_ZoneId", item.zoneId());
        putText(extensions, "x_ZoneName", item.zoneName());

        Instant billingStart = instant("BillingPeriodStart", item.billingPeriodStart());
        Instant billingEnd = instant("BillingPeriodEnd", item.billingPeriodEnd());
        if ((billingStart == null) != (billingEnd == null)) {
            throw unreadable("a billable usage record has only one of BillingPeriodStart and BillingPeriodEnd ("
                    + item.billingPeriodStart() + ", " + item.billingPeriodEnd() + "); FOCUS takes them together");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        Set<String> keyOnlyTags = new LinkedHashSet<>();
        if (item.tags() != null) {
            item.tags().forEach((key, value) -> {
                if (key == null || value == null) {
                    return;
                }
                if (value instanceof String text) {
                    tags.put(key, text);
                } else if (Boolean.TRUE.equals(value)) {
                    keyOnlyTags.add(key);
                } else {
                    throw unreadable("the value of tag '" + key + "' is " + value
                            + ", neither a string nor true (a key-only tag), the two forms Cloudflare documents");
                }
            });
        }
        String billingAccount = text(item.billingAccountId());
        if (billingAccount == null) {
            extensions.put(ACCOUNT_OMITTED, "true");
        }
        ImmutableUsageRecord.Builder record = UsageRecord.builder()
                .billingAccountId(orElse(billingAccount, accountId))
                .billingAccountName(text(item.billingAccountName()))
                .subAccountId(text(item.subAccountId()))
                .subAccountName(text(item.subAccountName()))
                .billingPeriodStart(billingStart)
                .billingPeriodEnd(billingEnd)
                .chargePeriodStart(required("ChargePeriodStart", item.chargePeriodStart()))
                .chargePeriodEnd(required("ChargePeriodEnd", item.chargePeriodEnd()))
                .chargeCategory(chargeCategory(item.chargeCategory()))
                .chargeClass(chargeClass(item.chargeClass(), true))
                .chargeFrequency(chargeFrequency(item.chargeFrequency()))
                .chargeDescription(text(item.chargeDescription()))
                .consumedQuantity(item.consumedQuantity())
                .consumedUnit(text(item.consumedUnit()))
                .pricingQuantity(item.pricingQuantity())
                .pricingUnit(text(item.pricingUnit()))
                .billedCost(item.billedCost())
                .effectiveCost(item.effectiveCost())
                .listCost(item.listCost())
                .contractedCost(item.contractedCost())
                .listUnitPrice(item.listUnitPrice())
                .contractedUnitPrice(item.contractedUnitPrice())
                .billingCurrency(text(item.billingCurrency()))
                .serviceName(text(item.productFamilyName()))
                .serviceProviderName(text(item.serviceProviderName()))
                .hostProviderName(text(item.hostProviderName()))
                .invoiceIssuerName(text(item.invoiceIssuerName()))
                .regionId(text(item.regionId()))
                .regionName(text(item.regionName()))
                .skuId(text(item.billableMetricId()))
                .skuMeter(text(item.billableMetricName()))
                .tags(tags)
                .keyOnlyTags(keyOnlyTags)
                .extensions(extensions);
        return build(record, item.chargePeriodStart());
    }

    /**
     * One PayGo record, from any of the three PayGo paths.
     *
     * @param accountId the account the request was for; BillingAccountId when the record lacks it
     *     (the beta PayGo schema has no account field)
     * @throws UnreadableResponseException if a required field is missing or a value has no FOCUS meaning
     */
    public static UsageRecord fromPaygo(PaygoUsageItem item, String accountId) {
        if (item == null) {
            throw unreadable("a result[] entry is null");
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        putText(extensions, "x_ServiceName", item.serviceName());
        putText(extensions, "x_ServiceFamilyName", item.serviceFamilyName());
        putNumber(extensions, "x_ContractedCost", item.contractedCost());
        putNumber(extensions, "x_CumulatedContractedCost", item.cumulatedContractedCost());
        putNumber(extensions, "x_PricingQuantity", item.pricingQuantity());
        putText(extensions, "x_PricingUnit", item.pricingUnit());
        putNumber(extensions, "x_CumulatedPricingQuantity", item.cumulatedPricingQuantity());
        Instant billingStart = instant("BillingPeriodStart", item.billingPeriodStart());
        Instant billingEnd = instant("BillingPeriodEnd", item.billingPeriodEnd());
        if (billingStart != null) {
            extensions.put("x_BillingPeriodStart", billingStart.toString());
        }
        putText(extensions, "x_SubscriptionId", item.subscriptionId());
        putText(extensions, "x_ZoneId", item.zoneId());
        putText(extensions, "x_ZoneName", item.zoneName());

        boolean billingPeriod = billingStart != null && billingEnd != null;
        ImmutableUsageRecord.Builder record = UsageRecord.builder()
                .billingAccountId(orElse(text(item.billingAccountId()), accountId))
                .billingAccountName(text(item.billingAccountName()))
                .subAccountId(text(item.subscriptionId()))
                .billingPeriodStart(billingPeriod ? billingStart : null)
                .billingPeriodEnd(billingPeriod ? billingEnd : null)
                .chargePeriodStart(required("ChargePeriodStart", item.chargePeriodStart()))
                .chargePeriodEnd(required("ChargePeriodEnd", item.chargePeriodEnd()))
                .chargeCategory(chargeCategory(item.chargeCategory()))
                .chargeClass(chargeClass(item.chargeClass(), false))
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .chargeDescription(text(item.chargeDescription()))
                .consumedQuantity(item.consumedQuantity())
                .consumedUnit(text(item.consumedUnit()))
                .billedCost(item.billedCost())
                .effectiveCost(item.effectiveCost())
                .listCost(item.listCost())
                .billingCurrency(text(item.billingCurrency()))
                .serviceName(text(item.serviceFamilyName()))
                .serviceProviderName(text(item.serviceProviderName()))
                .hostProviderName(text(item.hostProviderName()))
                .invoiceIssuerName(text(item.invoiceIssuerName()))
                .skuMeter(text(item.serviceName()))
                .extensions(extensions);
        return build(record, item.chargePeriodStart());
    }

    private static UsageRecord build(ImmutableUsageRecord.Builder record, String chargePeriodStart) {
        try {
            return record.build();
        } catch (IllegalArgumentException | IllegalStateException invalid) {
            throw new UnreadableResponseException(PROVIDER_ID, "a usage record (ChargePeriodStart "
                    + chargePeriodStart + ") breaks a FOCUS rule: " + invalid.getMessage(), invalid);
        }
    }

    /** Absent means Usage: Cloudflare documents ChargeCategory as "currently only Usage". */
    private static ChargeCategory chargeCategory(String value) {
        String text = text(value);
        if (text == null) {
            return ChargeCategory.USAGE;
        }
        try {
            return ChargeCategory.fromFocusValue(text);
        } catch (IllegalArgumentException unknown) {
            throw unreadable("ChargeCategory '" + text + "' is not a FOCUS charge category", unknown);
        }
    }

    private static ChargeFrequency chargeFrequency(String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return ChargeFrequency.fromFocusValue(text);
        } catch (IllegalArgumentException unknown) {
            throw unreadable("ChargeFrequency '" + text + "' is not a FOCUS charge frequency", unknown);
        }
    }

    /**
     * "Correction" is the only FOCUS charge class. In v2 it is the only documented value, so anything
     * else is unreadable ({@code strict}). The PayGo v1 schema says ChargeClass is always null, yet its
     * documented example carries the schema placeholder "ChargeClass": there, a value other than
     * Correction is read as "not a correction".
     */
    private static ChargeClass chargeClass(String value, boolean strict) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        if (text.toLowerCase(Locale.ROOT).equals("correction")) {
            return ChargeClass.CORRECTION;
        }
        if (strict) {
            throw unreadable("ChargeClass '" + text + "' is not a FOCUS charge class (only Correction is)");
        }
        return null;
    }

    private static Instant required(String field, String value) {
        Instant instant = instant(field, value);
        if (instant == null) {
            throw unreadable("a usage record has no " + field + ", which Cloudflare documents as required");
        }
        return instant;
    }

    /**
     * An RFC 3339 date-time ({@code 2025-05-01T00:00:00Z}, any offset), or leniently a date-time without
     * offset or a bare date, both read as UTC; {@code null} when absent.
     */
    static Instant instant(String field, String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw unreadable(field + " '" + text + "' is not an ISO 8601 date-time", notDate);
                }
            }
        }
    }

    private static void putText(Map<String, String> extensions, String name, String value) {
        String text = text(value);
        if (text != null) {
            extensions.put(name, text);
        }
    }

    private static void putNumber(Map<String, String> extensions, String name, BigDecimal value) {
        if (value != null) {
            extensions.put(name, value.toPlainString());
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static UnreadableResponseException unreadable(String message) {
        return unreadable(message, null);
    }

    private static UnreadableResponseException unreadable(String message, Throwable cause) {
        return new UnreadableResponseException(PROVIDER_ID, message, cause);
    }
}
