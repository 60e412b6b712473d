package io.usage4j.provider.fastly.internal;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ImmutableUsageRecord;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fastly DTOs to FOCUS records. Pure and exact: quantities are the {@link BigDecimal}s Jackson read
 * from the JSON text, never rounded. Fastly reports quantities only, so every cost, price and currency
 * column stays absent.
 *
 * <table>
 *   <caption>What maps where</caption>
 *   <tr><th>Fastly field</th><th>FOCUS column</th></tr>
 *   <tr><td>month (or the requested month)</td><td>ChargePeriodStart/End: that calendar month, UTC</td></tr>
 *   <tr><td>product_id (or the requested one)</td><td>ServiceName</td></tr>
 *   <tr><td>usage_type</td><td>SkuMeter</td></tr>
 *   <tr><td>name</td><td>ChargeDescription</td></tr>
 *   <tr><td>region</td><td>RegionName</td></tr>
 *   <tr><td>quantity, usage_units</td><td>ConsumedQuantity</td></tr>
 *   <tr><td>unit</td><td>ConsumedUnit</td></tr>
 *   <tr><td>raw_quantity</td><td>x_RawQuantity</td></tr>
 *   <tr><td>last_updated_at</td><td>x_LastUpdatedAt</td></tr>
 *   <tr><td>service_id, service_name</td><td>ResourceId, ResourceName</td></tr>
 *   <tr><td>customer_id (or the URL's customer id)</td><td>BillingAccountId</td></tr>
 *   <tr><td>start_time, end_time</td><td>x_BillingCycleStart, x_BillingCycleEnd</td></tr>
 * </table>
 */
public final class FastlyMapper {
    /** The provider id. */
    public static final String PROVIDER_ID = "fastly";
    /** {@code raw_quantity}: "the raw units measured for the product", unit undocumented. */
    public static final String X_RAW_QUANTITY = "x_RawQuantity";
    /** {@code last_updated_at}: when Fastly last updated the monthly metric, as Fastly wrote it. */
    public static final String X_LAST_UPDATED_AT = "x_LastUpdatedAt";
    /** {@code start_time} of a service-level block, as Fastly wrote it. */
    public static final String X_BILLING_CYCLE_START = "x_BillingCycleStart";
    /** {@code end_time} of a service-level block, as Fastly wrote it. */
    public static final String X_BILLING_CYCLE_END = "x_BillingCycleEnd";
    /** Every extension column a Fastly record may carry, in column order. */
    public static final List<String> EXTENSION_COLUMNS =
            List.of(X_RAW_QUANTITY, X_LAST_UPDATED_AT, X_BILLING_CYCLE_START, X_BILLING_CYCLE_END);

    private static final String FASTLY = "Fastly";
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private FastlyMapper() {}

    /**
     * One monthly usage metric as a record whose charge period is its calendar month.
     *
     * @param customerId the customer id from the usage URL, or {@code null} (BillingAccountId is then empty:
     *     {@code Usagemetric} carries no customer id)
     * @throws UnreadableResponseException if the metric has no month in the documented {@code YYYY-MM} form
     */
    public static UsageRecord monthly(UsageMetric metric, String customerId) {
        YearMonth month = month(metric.month());
        ImmutableUsageRecord.Builder record = base(month, customerId)
                .serviceName(blankToNull(metric.productId()))
                .skuMeter(blankToNull(metric.usageType()))
                .chargeDescription(blankToNull(metric.name()))
                .regionName(blankToNull(metric.region()))
                .consumedQuantity(metric.quantity())
                .consumedUnit(unitOf(metric.quantity(), metric.unit()));
        if (metric.rawQuantity() != null) {
            record.putExtensions(X_RAW_QUANTITY, metric.rawQuantity().toPlainString());
        }
        if (metric.lastUpdatedAt() != null && !metric.lastUpdatedAt().isBlank()) {
            record.putExtensions(X_LAST_UPDATED_AT, metric.lastUpdatedAt());
        }
        return record.build();
    }

    /**
     * One service's usage as a record whose charge period is the requested calendar month.
     *
     * @param block the usage-type block the service's row is in
     * @param detail the service's row
     * @param month the month requested (each service-level request covers one month)
     * @param productId the product requested (the response does not repeat it), or {@code null}
     * @param usageTypeName the usage type requested, used when the block does not name its own, or {@code null}
     * @param customerId the customer id from the usage URL, used when the response carries none, or {@code null}
     */
    public static UsageRecord service(ServiceUsageData block, ServiceUsageMetric detail, YearMonth month,
            String productId, String usageTypeName, String customerId) {
        String customer = firstNonBlank(detail.customerId(), block.customerId(), customerId);
        ImmutableUsageRecord.Builder record = base(month, customer)
                .serviceName(blankToNull(productId))
                .skuMeter(firstNonBlank(block.usageType(), usageTypeName))
                .consumedQuantity(detail.usageUnits())
                .consumedUnit(unitOf(detail.usageUnits(), block.unit()))
                .resourceId(blankToNull(detail.serviceId()))
                .resourceName(blankToNull(detail.serviceName()));
        if (block.startTime() != null && !block.startTime().isBlank()) {
            record.putExtensions(X_BILLING_CYCLE_START, block.startTime());
        }
        if (block.endTime() != null && !block.endTime().isBlank()) {
            record.putExtensions(X_BILLING_CYCLE_END, block.endTime());
        }
        return record.build();
    }

    /**
     * A {@code YYYY-MM} month as Fastly writes it.
     *
     * @throws UnreadableResponseException if it is absent or in another form
     */
    public static YearMonth month(String text) {
        if (text == null || !MONTH.matcher(text.trim()).matches()) {
            throw new UnreadableResponseException(PROVIDER_ID, "a usage metric has month '" + text
                    + "', not the documented YYYY-MM, so its charge period is unknown", null);
        }
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new UnreadableResponseException(PROVIDER_ID, "a usage metric has month '" + text
                    + "', which is not a calendar month", e);
        }
    }

    private static ImmutableUsageRecord.Builder base(YearMonth month, String customerId) {
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return UsageRecord.builder()
                .billingAccountId(customerId == null ? "" : customerId)
                .chargePeriodStart(start)
                .chargePeriodEnd(end)
                .chargeCategory(ChargeCategory.USAGE)
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .providerName(FASTLY)
                .serviceProviderName(FASTLY)
                .hostProviderName(FASTLY)
                .publisherName(FASTLY);
    }

    /** The unit of a quantity; none without a quantity (FOCUS ConsumedUnit-C-005-C: a unit of nothing is an error). */
    private static String unitOf(BigDecimal quantity, String unit) {
        return quantity == null ? null : blankToNull(unit);
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
