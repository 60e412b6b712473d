package io.usage4j.core.focus;

import io.usage4j.core.UsageRecord;
import io.usage4j.core.internal.ExtensionNames;
import io.usage4j.core.focus.FocusViolation.Severity;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks rows against the FOCUS Cost and Usage rules, returning violations rather than throwing.
 *
 * <p>The rules are those of the FinOps Foundation's FOCUS requirements model that one row can be
 * checked against: columns that must not be null, value types and formats (numeric, ISO 8601 UTC
 * date-times, ISO 4217 currency), allowed values, and the consistency of pairs of columns (period
 * start before end, a unit with every quantity, no usage-based purchase). To these usage4j adds one
 * check of its own: quantities are not negative except on corrections, credits and adjustments.
 *
 * <p>A record, a stream of records and a FOCUS CSV are checked by the same rules, on the columns'
 * FOCUS text. Streams are checked lazily, one row at a time.
 */
public final class FocusValidator {
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE]-?\\d+)?");
    private static final Set<String> MAY_BE_NEGATIVE = Set.of("Credit", "Adjustment");
    private static final Map<FocusColumn, String> NOT_NULL_RULES = Map.ofEntries(
            Map.entry(FocusColumn.BILLED_COST, "BilledCost-C-003-M"),
            Map.entry(FocusColumn.BILLING_ACCOUNT_ID, "BillingAccountId-C-001-M"),
            Map.entry(FocusColumn.BILLING_CURRENCY, "BillingCurrency-C-004-M"),
            Map.entry(FocusColumn.BILLING_PERIOD_END, "BillingPeriodEnd-C-003-M"),
            Map.entry(FocusColumn.BILLING_PERIOD_START, "BillingPeriodStart-C-003-M"),
            Map.entry(FocusColumn.CHARGE_CATEGORY, "ChargeCategory-C-002-M"),
            Map.entry(FocusColumn.CHARGE_FREQUENCY, "ChargeFrequency-C-002-M"),
            Map.entry(FocusColumn.CHARGE_PERIOD_END, "ChargePeriodEnd-C-003-M"),
            Map.entry(FocusColumn.CHARGE_PERIOD_START, "ChargePeriodStart-C-003-M"),
            Map.entry(FocusColumn.CONTRACTED_COST, "ContractedCost-C-003-M"),
            Map.entry(FocusColumn.EFFECTIVE_COST, "EffectiveCost-C-003-M"),
            Map.entry(FocusColumn.INVOICE_ISSUER_NAME, "InvoiceIssuerName-C-003-M"),
            Map.entry(FocusColumn.LIST_COST, "ListCost-C-003-M"),
            Map.entry(FocusColumn.PROVIDER_NAME, "ProviderName-C-003-M"),
            Map.entry(FocusColumn.PUBLISHER_NAME, "PublisherName-C-003-M"),
            Map.entry(FocusColumn.SERVICE_CATEGORY, "ServiceCategory-C-002-M"),
            Map.entry(FocusColumn.SERVICE_NAME, "ServiceName-C-003-M"),
            Map.entry(FocusColumn.SERVICE_SUBCATEGORY, "ServiceSubcategory-C-002-M"));
    private static final Map<FocusColumn, String> ALLOWED_VALUE_RULES = Map.of(
            FocusColumn.CHARGE_CATEGORY, "ChargeCategory-C-003-M",
            FocusColumn.CHARGE_CLASS, "ChargeClass-C-005-C",
            FocusColumn.CHARGE_FREQUENCY, "ChargeFrequency-C-003-M",
            FocusColumn.PRICING_CATEGORY, "PricingCategory-C-007-M",
            FocusColumn.SERVICE_CATEGORY, "ServiceCategory-C-003-M",
            FocusColumn.SERVICE_SUBCATEGORY, "ServiceSubcategory-C-003-M");

    private FocusValidator() {}

    /** The violations of one record (row number 0). */
    public static List<FocusViolation> validate(UsageRecord record) {
        return validateRow(0, toRow(record));
    }

    /**
     * The violations of every record in {@code records}, lazily, each with the record's 1-based
     * position as its row number. Consuming the result consumes {@code records}.
     */
    public static Stream<FocusViolation> validate(Stream<UsageRecord> records) {
        Objects.requireNonNull(records, "records is null");
        AtomicLong row = new AtomicLong();
        return records.flatMap(record -> validateRow(row.incrementAndGet(), toRow(record)).stream());
    }

    /**
     * The violations of a FOCUS CSV (a header line, then rows), lazily, with the line each row starts
     * on as its row number. A header that names a column neither in FOCUS's catalogue nor prefixed
     * {@code x_} is reported on line 1. Close the stream to close {@code csv}.
     *
     * @throws java.io.UncheckedIOException if reading fails
     * @throws IllegalArgumentException if the text is not CSV (an unterminated quote, a row whose
     *     field count differs from the header's); the message names the line
     */
    public static Stream<FocusViolation> validateCsv(Reader csv) {
        FocusCsvReader reader = new FocusCsvReader(csv);
        List<FocusViolation> headerViolations = new ArrayList<>();
        Set<String> misnamed = new HashSet<>();
        for (String name : reader.header()) {
            if (FocusColumn.named(name).isEmpty() && !ExtensionNames.isValid(name)) {
                misnamed.add(name);
                headerViolations.add(new FocusViolation(1, name, Severity.ERROR, "ColumnHandling-A-010-M",
                        "column '" + name + "' is not a FOCUS column and custom columns must be prefixed x_"));
            }
        }
        // A misnamed column is reported once, on the header line, not again on every row.
        return Stream.concat(headerViolations.stream(),
                        reader.rows().flatMap(row -> {
                            Map<String, String> values = row.values();
                            values.keySet().removeAll(misnamed);
                            return validateRow(row.line(), values).stream();
                        }))
                .onClose(reader::close);
    }

    /**
     * The violations of one row given as FOCUS column name → FOCUS text; {@code null} or an empty
     * string is a null value.
     */
    public static List<FocusViolation> validateRow(long row, Map<String, String> values) {
        Objects.requireNonNull(values, "values is null");
        Checker checker = new Checker(row, values);
        checker.run();
        return checker.violations;
    }

    static Map<String, String> toRow(UsageRecord record) {
        Objects.requireNonNull(record, "record is null");
        Map<String, String> row = new LinkedHashMap<>();
        for (FocusColumn column : FocusColumn.values()) {
            row.put(column.columnName(), column.render(record).orElse(null));
        }
        row.putAll(record.extensions());
        return row;
    }

    private static final class Checker {
        private final long row;
        private final Map<String, String> values;
        private final List<FocusViolation> violations = new ArrayList<>();

        Checker(long row, Map<String, String> values) {
            this.row = row;
            this.values = values;
        }

        void run() {
            for (FocusColumn column : FocusColumn.values()) {
                String value = get(column);
                if (value == null) {
                    if (column.notNull()) {
                        add(column, Severity.INCOMPLETE, NOT_NULL_RULES.get(column),
                                "FOCUS requires a value; the source did not report one");
                    }
                    continue;
                }
                checkType(column, value);
                if (!column.allowedValues().isEmpty() && !column.allowedValues().contains(value)) {
                    add(column, Severity.ERROR, ALLOWED_VALUE_RULES.get(column),
                            "'" + value + "' is not one of " + column.allowedValues());
                }
            }
            for (String name : values.keySet()) {
                if (FocusColumn.named(name).isEmpty() && !ExtensionNames.isValid(name)) {
                    violations.add(new FocusViolation(row, name, Severity.ERROR, "ColumnHandling-A-010-M",
                            "custom columns must be prefixed x_"));
                }
            }
            checkPeriod(FocusColumn.CHARGE_PERIOD_START, FocusColumn.CHARGE_PERIOD_END, "ChargePeriodEnd-C-004-M");
            checkPeriod(FocusColumn.BILLING_PERIOD_START, FocusColumn.BILLING_PERIOD_END, "BillingPeriodEnd-C-004-M");
            checkCurrency();
            checkUnit(FocusColumn.CONSUMED_QUANTITY, FocusColumn.CONSUMED_UNIT, "ConsumedUnit-C-006-C", "ConsumedUnit-C-005-C");
            checkUnit(FocusColumn.PRICING_QUANTITY, FocusColumn.PRICING_UNIT, "PricingUnit-C-006-C", "PricingUnit-C-005-C");
            checkNotNegative(FocusColumn.CONSUMED_QUANTITY);
            checkNotNegative(FocusColumn.PRICING_QUANTITY);
            if ("Purchase".equals(get(FocusColumn.CHARGE_CATEGORY))
                    && "Usage-Based".equals(get(FocusColumn.CHARGE_FREQUENCY))) {
                add(FocusColumn.CHARGE_FREQUENCY, Severity.ERROR, "ChargeFrequency-C-004-C",
                        "must not be Usage-Based when ChargeCategory is Purchase");
            }
        }

        private void checkType(FocusColumn column, String value) {
            switch (column.type()) {
                case DECIMAL -> {
                    if (!NUMBER.matcher(value).matches()) {
                        add(column, Severity.ERROR, "NumericFormat-A-003-M", "'" + value + "' is not a decimal number");
                    }
                }
                case DATETIME -> {
                    if (!DATE_TIME.matcher(value).matches() || instant(value) == null) {
                        add(column, Severity.ERROR, "DateTimeFormat-A-003-M",
                                "'" + value + "' is not a UTC date-time of the form YYYY-MM-DDTHH:mm:ssZ");
                    }
                }
                case KEY_VALUE -> {
                    Json.Problem problem = Json.keyValueProblem(value);
                    if (problem != null) {
                        add(column, Severity.ERROR, problem.ruleId(), "'" + value + "': " + problem.message());
                    }
                }
                case STRING -> {
                    // any text
                }
            }
        }

        private void checkPeriod(FocusColumn start, FocusColumn end, String ruleId) {
            Instant from = instant(get(start));
            Instant to = instant(get(end));
            if (from != null && to != null && !from.isBefore(to)) {
                add(end, Severity.ERROR, ruleId, start.columnName() + " " + get(start)
                        + " must be before the exclusive " + end.columnName() + " " + get(end));
            }
        }

        private void checkCurrency() {
            String code = get(FocusColumn.BILLING_CURRENCY);
            if (code == null) {
                return;
            }
            boolean iso = code.matches("[A-Z]{3}");
            if (iso) {
                try {
                    Currency.getInstance(code);
                } catch (IllegalArgumentException unknown) {
                    iso = false;
                }
            }
            if (!iso) {
                add(FocusColumn.BILLING_CURRENCY, Severity.ERROR, "CurrencyFormat-A-001-C",
                        "'" + code + "' is not an ISO 4217 currency code");
            }
        }

        private void checkUnit(FocusColumn quantity, FocusColumn unit, String unitRequired, String unitForbidden) {
            if (get(quantity) != null && get(unit) == null) {
                add(unit, Severity.ERROR, unitRequired, "must not be null when " + quantity.columnName() + " has a value");
            } else if (get(quantity) == null && get(unit) != null) {
                add(unit, Severity.ERROR, unitForbidden, "must be null when " + quantity.columnName() + " is null");
            }
        }

        private void checkNotNegative(FocusColumn quantity) {
            String value = get(quantity);
            if (value == null || !NUMBER.matcher(value).matches() || new BigDecimal(value).signum() >= 0) {
                return;
            }
            if (get(FocusColumn.CHARGE_CLASS) != null || MAY_BE_NEGATIVE.contains(get(FocusColumn.CHARGE_CATEGORY))) {
                return;
            }
            add(quantity, Severity.ERROR, null, "is negative (" + value
                    + ") on a row that is neither a correction nor a credit or adjustment");
        }

        private String get(FocusColumn column) {
            String value = values.get(column.columnName());
            return value == null || value.isEmpty() ? null : value;
        }

        private void add(FocusColumn column, Severity severity, String ruleId, String message) {
            violations.add(new FocusViolation(row, column.columnName(), severity, ruleId, message));
        }

        private static Instant instant(String value) {
            if (value == null) {
                return null;
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notATime) {
                return null;
            }
        }
    }
}
