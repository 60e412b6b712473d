package io.usage4j.dataset.internal;

import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a FOCUS Cost and Usage file, and the exact conversions into it.
 *
 * <ul>
 *   <li>Money and quantities: {@code DECIMAL(38,17)} stored as {@code FIXED_LEN_BYTE_ARRAY(16)}, the
 *       precision FinOps tools settled on for FOCUS (21 integer digits, 17 decimals). A value with more
 *       decimals or more integer digits is refused, never rounded.
 *   <li>Date-times: {@code TIMESTAMP(MICROS, UTC)}; an instant finer than a microsecond is refused.
 *   <li>Tags: a Parquet {@code MAP<STRING, STRING>}: DuckDB reads it as {@code MAP(VARCHAR, VARCHAR)}
 *       ({@code Tags['env']}), Spark as {@code map<string,string>} ({@code Tags['env']}), pyarrow/pandas
 *       as key/value pairs; no JSON parsing is needed to filter by a tag. An empty map is null, as in
 *       the FOCUS CSV.
 *   <li>Text, enumerations and extension columns: {@code BINARY (STRING)}.
 * </ul>
 *
 * <p>Columns are in {@link FocusColumn} order (that of the FOCUS CSV), then the declared extensions.
 * Columns FOCUS marks not-null and every record has are {@code required}; the rest {@code optional}.
 */
public final class FocusSchema {
    /** Decimal precision of money and quantities. */
    public static final int PRECISION = 38;
    /** Decimal scale of money and quantities. */
    public static final int SCALE = 17;
    private static final int DECIMAL_BYTES = 16;
    private static final BigInteger MAX_UNSCALED = BigInteger.TEN.pow(PRECISION);

    private FocusSchema() {}

    /** Whether every record has a value in {@code column} (the record type requires it). */
    public static boolean required(FocusColumn column) {
        return switch (column) {
            case BILLING_ACCOUNT_ID, CHARGE_CATEGORY, CHARGE_PERIOD_START, CHARGE_PERIOD_END -> true;
            default -> false;
        };
    }

    /** The message type for the FOCUS columns followed by {@code extensionColumns}. */
    public static MessageType messageType(List<String> extensionColumns) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (FocusColumn column : FocusColumn.values()) {
            message.addField(field(column));
        }
        for (String name : extensionColumns) {
            message.addField(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name));
        }
        return message.named("focus_cost_and_usage");
    }

    private static Type field(FocusColumn column) {
        Type.Repetition repetition = required(column) ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
        String name = column.columnName();
        return switch (column.type()) {
            case DECIMAL -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(DECIMAL_BYTES)
                    .as(LogicalTypeAnnotation.decimalType(SCALE, PRECISION)).named(name);
            case DATETIME -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(name);
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
                    .named(name);
            case KEY_VALUE -> Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                    .addField(Types.repeatedGroup()
                            .addField(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("key"))
                            .addField(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("value"))
                            .named("key_value"))
                    .named(name);
        };
    }

    /** {@code record}'s value of a DECIMAL column. */
    public static Optional<BigDecimal> decimal(FocusColumn column, UsageRecord record) {
        return switch (column) {
            case BILLED_COST -> record.billedCost();
            case CONSUMED_QUANTITY -> record.consumedQuantity();
            case CONTRACTED_COST -> record.contractedCost();
            case CONTRACTED_UNIT_PRICE -> record.contractedUnitPrice();
            case EFFECTIVE_COST -> record.effectiveCost();
            case LIST_COST -> record.listCost();
            case LIST_UNIT_PRICE -> record.listUnitPrice();
            case PRICING_QUANTITY -> record.pricingQuantity();
            default -> throw new IllegalArgumentException(column.columnName() + " is not a DECIMAL column");
        };
    }

    /** {@code record}'s value of a DATETIME column. */
    public static Optional<Instant> instant(FocusColumn column, UsageRecord record) {
        return switch (column) {
            case BILLING_PERIOD_START -> record.billingPeriodStart();
            case BILLING_PERIOD_END -> record.billingPeriodEnd();
            case CHARGE_PERIOD_START -> Optional.of(record.chargePeriodStart());
            case CHARGE_PERIOD_END -> Optional.of(record.chargePeriodEnd());
            default -> throw new IllegalArgumentException(column.columnName() + " is not a DATETIME column");
        };
    }

    /**
     * {@code value} as the 16 big-endian two's-complement bytes of its unscaled value at scale 17.
     *
     * @throws ArithmeticException if the value has more than 17 decimals or more than 21 integer digits
     */
    public static byte[] decimalBytes(BigDecimal value) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException inexact) {
            throw new ArithmeticException(value.toPlainString() + " has more than " + SCALE
                    + " decimal places and DECIMAL(" + PRECISION + "," + SCALE + ") cannot hold it exactly");
        }
        BigInteger unscaled = scaled.unscaledValue();
        if (unscaled.abs().compareTo(MAX_UNSCALED) >= 0) {
            throw new ArithmeticException(value.toPlainString() + " has more than " + (PRECISION - SCALE)
                    + " integer digits and DECIMAL(" + PRECISION + "," + SCALE + ") cannot hold it");
        }
        byte[] minimal = unscaled.toByteArray();
        byte[] fixed = new byte[DECIMAL_BYTES];
        byte pad = unscaled.signum() < 0 ? (byte) 0xFF : 0;
        int offset = DECIMAL_BYTES - minimal.length;
        for (int i = 0; i < offset; i++) {
            fixed[i] = pad;
        }
        System.arraycopy(minimal, 0, fixed, offset, minimal.length);
        return fixed;
    }

    /** The decimal whose 16-byte two's-complement unscaled value at scale 17 is {@code bytes}. */
    public static BigDecimal decimalOf(byte[] bytes) {
        return new BigDecimal(new BigInteger(bytes), SCALE);
    }

    /**
     * {@code instant} in microseconds since the epoch.
     *
     * @throws ArithmeticException if the instant is finer than a microsecond
     */
    public static long micros(Instant instant) {
        if (instant.getNano() % 1_000 != 0) {
            throw new ArithmeticException(instant + " is finer than a microsecond and TIMESTAMP(MICROS) cannot hold it exactly");
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** The instant {@code micros} microseconds after the epoch. */
    public static Instant instantOf(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
