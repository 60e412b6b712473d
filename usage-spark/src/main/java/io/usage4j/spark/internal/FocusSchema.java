package io.usage4j.spark.internal;

import io.usage4j.core.FocusValue;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusColumn;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The DataFrame schema of a read, and the conversion of one {@link UsageRecord} column into Spark's
 * internal value.
 *
 * <p>Money and quantities are {@code DECIMAL(38,18)}: 20 integer digits and 18 decimal places, room
 * for every value the providers send. A value that does not fit is an error, never a rounding.
 * Periods are {@code TIMESTAMP} (UTC instants, microsecond precision; finer values are an error).
 * Tags are {@code MAP<STRING,STRING>}. Extension columns are strings.
 */
public final class FocusSchema {
    /** Precision of money and quantity columns. */
    public static final int PRECISION = 38;
    /** Scale of money and quantity columns. */
    public static final int SCALE = 18;
    /** The Spark type of money and quantity columns. */
    public static final DecimalType DECIMAL = DataTypes.createDecimalType(PRECISION, SCALE);

    private static final Set<String> NOT_NULL = Set.of("BillingAccountId", "ChargeCategory", "ChargePeriodStart",
            "ChargePeriodEnd");

    private FocusSchema() {}

    /** The FOCUS columns in {@link FocusColumn} order, then {@code extensions} in the order given (duplicates once). */
    public static StructType schema(Collection<String> extensions) {
        List<StructField> fields = new ArrayList<>();
        for (FocusColumn column : FocusColumn.values()) {
            fields.add(DataTypes.createStructField(column.columnName(), type(column),
                    !NOT_NULL.contains(column.columnName())));
        }
        Set<String> focusNames = new LinkedHashSet<>();
        fields.forEach(f -> focusNames.add(f.name()));
        for (String extension : new LinkedHashSet<>(extensions)) {
            if (!focusNames.contains(extension)) {
                fields.add(DataTypes.createStructField(extension, DataTypes.StringType, true));
            }
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType type(FocusColumn column) {
        return switch (column.type()) {
            case STRING -> DataTypes.StringType;
            case DECIMAL -> DECIMAL;
            case DATETIME -> DataTypes.TimestampType;
            case KEY_VALUE -> DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false);
        };
    }

    /** Reads one column of a record as Spark's internal value. */
    @FunctionalInterface
    public interface Getter {
        /** The internal value, or {@code null} when the record has none. */
        Object get(UsageRecord record);
    }

    /** The getters of {@code schema}'s columns, in its order. */
    public static Getter[] getters(StructType schema) {
        StructField[] fields = schema.fields();
        Getter[] getters = new Getter[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String name = fields[i].name();
            getters[i] = FocusColumn.named(name).map(FocusSchema::getter).orElseGet(() -> extension(name));
        }
        return getters;
    }

    private static Getter extension(String name) {
        return r -> text(Optional.ofNullable(r.extensions().get(name)));
    }

    private static Getter getter(FocusColumn column) {
        String name = column.columnName();
        return switch (column) {
            case BILLED_COST -> r -> decimal(r.billedCost(), name, r);
            case BILLING_ACCOUNT_ID -> r -> UTF8String.fromString(r.billingAccountId());
            case BILLING_ACCOUNT_NAME -> r -> text(r.billingAccountName());
            case BILLING_CURRENCY -> r -> text(r.billingCurrency());
            case BILLING_PERIOD_END -> r -> micros(r.billingPeriodEnd(), name, r);
            case BILLING_PERIOD_START -> r -> micros(r.billingPeriodStart(), name, r);
            case CHARGE_CATEGORY -> r -> UTF8String.fromString(r.chargeCategory().focusValue());
            case CHARGE_CLASS -> r -> focus(r.chargeClass());
            case CHARGE_DESCRIPTION -> r -> text(r.chargeDescription());
            case CHARGE_FREQUENCY -> r -> focus(r.chargeFrequency());
            case CHARGE_PERIOD_END -> r -> micros(Optional.of(r.chargePeriodEnd()), name, r);
            case CHARGE_PERIOD_START -> r -> micros(Optional.of(r.chargePeriodStart()), name, r);
            case CONSUMED_QUANTITY -> r -> decimal(r.consumedQuantity(), name, r);
            case CONSUMED_UNIT -> r -> text(r.consumedUnit());
            case CONTRACTED_COST -> r -> decimal(r.contractedCost(), name, r);
            case CONTRACTED_UNIT_PRICE -> r -> decimal(r.contractedUnitPrice(), name, r);
            case EFFECTIVE_COST -> r -> decimal(r.effectiveCost(), name, r);
            case HOST_PROVIDER_NAME -> r -> text(r.hostProviderName());
            case INVOICE_ID -> r -> text(r.invoiceId());
            case INVOICE_ISSUER_NAME -> r -> text(r.invoiceIssuerName());
            case LIST_COST -> r -> decimal(r.listCost(), name, r);
            case LIST_UNIT_PRICE -> r -> decimal(r.listUnitPrice(), name, r);
            case PRICING_CATEGORY -> r -> focus(r.pricingCategory());
            case PRICING_QUANTITY -> r -> decimal(r.pricingQuantity(), name, r);
            case PRICING_UNIT -> r -> text(r.pricingUnit());
            case PROVIDER_NAME -> r -> text(r.providerName());
            case PUBLISHER_NAME -> r -> text(r.publisherName());
            case REGION_ID -> r -> text(r.regionId());
            case REGION_NAME -> r -> text(r.regionName());
            case RESOURCE_ID -> r -> text(r.resourceId());
            case RESOURCE_NAME -> r -> text(r.resourceName());
            case RESOURCE_TYPE -> r -> text(r.resourceType());
            case SERVICE_CATEGORY -> r -> focus(r.serviceCategory());
            case SERVICE_NAME -> r -> text(r.serviceName());
            case SERVICE_PROVIDER_NAME -> r -> text(r.serviceProviderName());
            case SERVICE_SUBCATEGORY -> r -> text(r.serviceSubcategory());
            case SKU_ID -> r -> text(r.skuId());
            case SKU_METER -> r -> text(r.skuMeter());
            case SUB_ACCOUNT_ID -> r -> text(r.subAccountId());
            case SUB_ACCOUNT_NAME -> r -> text(r.subAccountName());
            case TAGS -> r -> tags(r.tags());
        };
    }

    private static UTF8String text(Optional<String> value) {
        return value.map(UTF8String::fromString).orElse(null);
    }

    private static UTF8String focus(Optional<? extends FocusValue> value) {
        return value.map(v -> UTF8String.fromString(v.focusValue())).orElse(null);
    }

    private static ArrayBasedMapData tags(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return null;
        }
        Object[] keys = new Object[tags.size()];
        Object[] values = new Object[tags.size()];
        int i = 0;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            keys[i] = UTF8String.fromString(tag.getKey());
            values[i] = UTF8String.fromString(tag.getValue());
            i++;
        }
        return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
    }

    /** The exact {@code DECIMAL(38,18)} of {@code value}; an error rather than a rounding when it does not fit. */
    static Decimal decimal(Optional<BigDecimal> value, String column, UsageRecord record) {
        if (value.isEmpty()) {
            return null;
        }
        BigDecimal exact;
        try {
            exact = value.get().setScale(SCALE);
        } catch (ArithmeticException moreDecimals) {
            throw unfit(record, column, value.get() + " has more than " + SCALE + " decimal places");
        }
        if (exact.precision() > PRECISION) {
            throw unfit(record, column, value.get() + " has more than " + (PRECISION - SCALE) + " integer digits");
        }
        return Decimal.apply(exact, PRECISION, SCALE);
    }

    /** Microseconds since the epoch; an error rather than a truncation for a finer instant. */
    static Object micros(Optional<Instant> value, String column, UsageRecord record) {
        if (value.isEmpty()) {
            return null;
        }
        Instant instant = value.get();
        if (instant.getNano() % 1_000 != 0) {
            throw unfit(record, column, instant + " is finer than a microsecond");
        }
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
        } catch (ArithmeticException outOfRange) {
            throw unfit(record, column, instant + " is outside Spark's timestamp range");
        }
    }

    private static UnsupportedQueryException unfit(UsageRecord record, String column, String why) {
        return new UnsupportedQueryException(null, "the " + column + " of a record of account "
                + record.billingAccountId() + " does not fit its Spark column exactly: " + why
                + "; usage4j never rounds. Read this account with the library (BigDecimal) instead", null);
    }
}
