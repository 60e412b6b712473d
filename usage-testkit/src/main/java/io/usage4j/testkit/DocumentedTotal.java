package io.usage4j.testkit;

import io.usage4j.core.UsageRecord;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A total the provider itself states for one of the plugin's fixtures (a billing cycle's {@code usage},
 * a billing period's total price, an invoice total), and how to find it in the source's rows: which
 * rows, which column. The conformance suite fetches the {@link #scenario()} and checks that the column
 * summed over those rows equals the total within the provider's documented rounding
 * ({@link #tolerance()}), so that a source whose rows count some usage twice, or drop some, fails.
 *
 * <pre>{@code
 * DocumentedTotal.of("ProPAYG cycle 2024-08-21..2024-09-20: usage", fetch(), new BigDecimal("25641.55"))
 *         .consumedQuantity()
 * }</pre>
 */
public final class DocumentedTotal {
    private final String description;
    private final Scenario scenario;
    private final BigDecimal total;
    private final Predicate<UsageRecord> rows;
    private final String columnName;
    private final Function<UsageRecord, Optional<BigDecimal>> column;
    private final BigDecimal tolerance;

    private DocumentedTotal(String description, Scenario scenario, BigDecimal total, Predicate<UsageRecord> rows,
            String columnName, Function<UsageRecord, Optional<BigDecimal>> column, BigDecimal tolerance) {
        this.description = Objects.requireNonNull(description, "description is null");
        this.scenario = Objects.requireNonNull(scenario, "scenario is null");
        this.total = Objects.requireNonNull(total, "total is null");
        this.rows = Objects.requireNonNull(rows, "rows is null");
        this.columnName = Objects.requireNonNull(columnName, "columnName is null");
        this.column = Objects.requireNonNull(column, "column is null");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance is null");
        if (tolerance.signum() < 0) {
            throw new IllegalArgumentException("tolerance must not be negative, got " + tolerance.toPlainString());
        }
    }

    /**
     * A total of ConsumedQuantity over all rows of {@code scenario}, to be matched exactly; narrow it with
     * {@link #rows}, choose another column with {@link #billedCost()} or {@link #column}, and allow the
     * provider's documented rounding with {@link #tolerance}.
     *
     * @param description what the total is and where the provider states it, for the failure message
     */
    public static DocumentedTotal of(String description, Scenario scenario, BigDecimal total) {
        return new DocumentedTotal(description, scenario, total, record -> true, "ConsumedQuantity",
                UsageRecord::consumedQuantity, BigDecimal.ZERO);
    }

    /** Only the rows {@code rows} accepts (e.g. one billing cycle's) make up the total. */
    public DocumentedTotal rows(Predicate<UsageRecord> rows) {
        return new DocumentedTotal(description, scenario, total, rows, columnName, column, tolerance);
    }

    /** The total is of ConsumedQuantity (the default). */
    public DocumentedTotal consumedQuantity() {
        return column("ConsumedQuantity", UsageRecord::consumedQuantity);
    }

    /** The total is of BilledCost. */
    public DocumentedTotal billedCost() {
        return column("BilledCost", UsageRecord::billedCost);
    }

    /** The total is of the column {@code name}, read by {@code value}; a row without a value adds nothing. */
    public DocumentedTotal column(String name, Function<UsageRecord, Optional<BigDecimal>> value) {
        return new DocumentedTotal(description, scenario, total, rows, name, value, tolerance);
    }

    /**
     * The largest difference the provider's documented rounding allows between the rows' sum and the
     * total (e.g. {@code 0.01} when it rounds each row to cents); zero, the default, means exactly.
     */
    public DocumentedTotal tolerance(BigDecimal tolerance) {
        return new DocumentedTotal(description, scenario, total, rows, columnName, column, tolerance);
    }

    /** What the total is and where the provider states it. */
    public String description() {
        return description;
    }

    /** The fetch whose rows make up the total. */
    public Scenario scenario() {
        return scenario;
    }

    /** The total the provider states. */
    public BigDecimal total() {
        return total;
    }

    /** Which rows make up the total. */
    public Predicate<UsageRecord> rows() {
        return rows;
    }

    /** The FOCUS name of the column summed. */
    public String columnName() {
        return columnName;
    }

    /** Reads the column summed. */
    public Function<UsageRecord, Optional<BigDecimal>> column() {
        return column;
    }

    /** The largest difference allowed. */
    public BigDecimal tolerance() {
        return tolerance;
    }

    @Override
    public String toString() {
        return description + ": " + columnName + " totals " + total.toPlainString()
                + (tolerance.signum() == 0 ? " exactly" : " within " + tolerance.toPlainString());
    }
}
