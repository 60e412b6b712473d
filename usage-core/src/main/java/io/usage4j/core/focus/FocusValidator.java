package io.usage4j.core.focus;

import io.usage4j.core.ApplicabilityCriterion;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusViolation.Severity;
import io.usage4j.core.focus.RuleEngine.Dataset;
import io.usage4j.core.focus.RuleEngine.Eval;
import io.usage4j.core.focus.RuleEngine.Rule;
import io.usage4j.core.internal.ExtensionNames;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Checks rows against the FOCUS Cost and Usage rules, returning violations rather than throwing.
 *
 * <p>The rules are those of {@link FocusRules#standard()}: every static rule of the FinOps Foundation's
 * FOCUS 1.2 requirements model, interpreted (check functions, conditions, AND/OR composites, column
 * presence, types, formats, allowed values), plus hand-written rules for the FOCUS 1.3 columns the 1.2
 * model lacks. Each violation carries its rule id and keyword. To these usage4j adds checks the model
 * states only in prose: custom columns are prefixed {@code x_} (ColumnHandling-A-010-M), periods end
 * after they start (ChargePeriodEnd-C-004-M, BillingPeriodEnd-C-004-M), and, a check of its own,
 * quantities are not negative except on corrections, credits and adjustments.
 *
 * <p><b>Applicability.</b> Rules the model ties to applicability criteria (tagging, sub-accounts, ...)
 * apply to a provider that declares them. Pass the source's
 * {@link io.usage4j.core.SourceCapabilities#applicabilityCriteria()} to check exactly what applies to it;
 * the methods without criteria declare none, so they check only the rules every provider must meet (the
 * FinOps Foundation's validator does the same unless told the criteria).
 *
 * <p><b>Datasets.</b> A stream of records and a CSV are datasets: the columns FOCUS requires to be present
 * are checked once (row 0 for a stream, line 1 for a CSV), and rules across rows (one ServiceCategory per
 * ServiceName, one SkuId per SkuPriceId) are checked as the rows go by, remembering one value per distinct
 * ServiceName and SkuPriceId. A single row is checked on its own. Streams are checked lazily, row by row.
 */
public final class FocusValidator {
    private static final Set<String> MAY_BE_NEGATIVE = Set.of("Credit", "Adjustment");

    private FocusValidator() {}

    /** The violations of one record (row number 0) of the rules every provider must meet. */
    public static List<FocusViolation> validate(UsageRecord record) {
        return validate(record, Set.of());
    }

    /** The violations of one record (row number 0) for a source that declares {@code criteria}. */
    public static List<FocusViolation> validate(UsageRecord record, Set<ApplicabilityCriterion> criteria) {
        Objects.requireNonNull(record, "record is null");
        Objects.requireNonNull(criteria, "criteria is null");
        Session session = Session.ofCatalogue(criteria, record.extensions().keySet());
        return session.check(0, toRow(record));
    }

    /**
     * The violations of every record in {@code records}, lazily, each with the record's 1-based
     * position as its row number, of the rules every provider must meet. Consuming the result consumes
     * {@code records}.
     */
    public static Stream<FocusViolation> validate(Stream<UsageRecord> records) {
        return validate(records, Set.of());
    }

    /** As {@link #validate(Stream)}, for a source that declares {@code criteria}. */
    public static Stream<FocusViolation> validate(Stream<UsageRecord> records, Set<ApplicabilityCriterion> criteria) {
        Objects.requireNonNull(records, "records is null");
        Objects.requireNonNull(criteria, "criteria is null");
        Session session = Session.ofCatalogue(criteria, Set.of());
        AtomicLong row = new AtomicLong();
        return Stream.concat(session.datasetViolations(0).stream(),
                records.flatMap(record -> session.check(row.incrementAndGet(), toRow(record)).stream()));
    }

    /**
     * The violations of a FOCUS CSV (a header line, then rows), lazily, with the line each row starts
     * on as its row number, of the rules every provider must meet. A header that names a column neither
     * FOCUS's nor prefixed {@code x_} is reported on line 1, as are the columns FOCUS requires that the
     * header lacks. Close the stream to close {@code csv}.
     *
     * @throws java.io.UncheckedIOException if reading fails
     * @throws IllegalArgumentException if the text is not CSV (an unterminated quote, a row whose
     *     field count differs from the header's); the message names the line
     */
    public static Stream<FocusViolation> validateCsv(Reader csv) {
        return validateCsv(csv, Set.of());
    }

    /** As {@link #validateCsv(Reader)}, for a source that declares {@code criteria}. */
    public static Stream<FocusViolation> validateCsv(Reader csv, Set<ApplicabilityCriterion> criteria) {
        Objects.requireNonNull(csv, "csv is null");
        Objects.requireNonNull(criteria, "criteria is null");
        FocusCsvReader reader = new FocusCsvReader(csv);
        FocusRules rules = FocusRules.standard();
        List<FocusViolation> headerViolations = new ArrayList<>();
        Set<String> misnamed = new HashSet<>();
        for (String name : reader.header()) {
            if (!rules.isFocusColumn(name) && !ExtensionNames.isValid(name)) {
                misnamed.add(name);
                headerViolations.add(new FocusViolation(1, name, Severity.ERROR, "ColumnHandling-A-010-M", "MUST",
                        "column '" + name + "' is not a FOCUS column and custom columns must be prefixed x_"));
            }
        }
        Session session = new Session(rules, reader.header(), criteria);
        headerViolations.addAll(session.datasetViolations(1));
        int[] indexes = session.indexes(reader.header());
        // A misnamed column is reported once, on the header line, not again on every row.
        return Stream.concat(headerViolations.stream(),
                        reader.rows().flatMap(row -> session.check(row.line(), row.fields(), indexes).stream()))
                .onClose(reader::close);
    }

    /**
     * The violations of one row given as FOCUS column name → FOCUS text; {@code null} or an empty
     * string is a null value. The row is checked on its own, as a record is: the catalogue's columns
     * count as present, only the rules every provider must meet apply, and rules across rows are not checked.
     */
    public static List<FocusViolation> validateRow(long row, Map<String, String> values) {
        return validateRow(row, values, Set.of());
    }

    /** As {@link #validateRow(long, Map)}, for a source that declares {@code criteria}. */
    public static List<FocusViolation> validateRow(long row, Map<String, String> values, Set<ApplicabilityCriterion> criteria) {
        Objects.requireNonNull(values, "values is null");
        Objects.requireNonNull(criteria, "criteria is null");
        return Session.ofCatalogue(criteria, values.keySet()).check(row, values);
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

    /** One validation: the compiled rules over one dataset, evaluated row after row. Not thread-safe. */
    static final class Session {
        private final FocusRules rules;
        private final Eval eval;
        private final String[] values;
        private final int chargeClass;
        private final int chargeCategory;

        Session(FocusRules rules, Iterable<String> columnNames, Set<ApplicabilityCriterion> criteria) {
            this.rules = rules;
            boolean[] present = new boolean[rules.columns.size()];
            for (String name : columnNames) {
                Integer index = rules.columns.find(name);
                if (index != null) {
                    present[index] = true;
                }
            }
            this.eval = new Eval(new Dataset(rules.columns, present, criteria));
            this.values = new String[rules.columns.size()];
            this.chargeClass = rules.columns.find("ChargeClass");
            this.chargeCategory = rules.columns.find("ChargeCategory");
        }

        /** A dataset of the catalogue's columns (what {@link FocusCsvWriter} writes) and {@code more}. */
        static Session ofCatalogue(Set<ApplicabilityCriterion> criteria, Iterable<String> more) {
            List<String> names = new ArrayList<>();
            for (FocusColumn column : FocusColumn.values()) {
                names.add(column.columnName());
            }
            more.forEach(names::add);
            return new Session(FocusRules.standard(), names, criteria);
        }

        int[] indexes(List<String> header) {
            int[] indexes = new int[header.size()];
            for (int i = 0; i < indexes.length; i++) {
                Integer index = rules.columns.find(header.get(i));
                indexes[i] = index == null ? -1 : index;
            }
            return indexes;
        }

        List<FocusViolation> datasetViolations(long row) {
            eval.sink.clear();
            eval.startRow(row, new String[0]);
            eval.datasetPass = true;
            for (Rule rule : rules.datasetRules) {
                rule.eval(eval);
            }
            eval.datasetPass = false;
            return List.copyOf(eval.sink);
        }

        List<FocusViolation> check(long row, Map<String, String> named) {
            java.util.Arrays.fill(values, null);
            List<FocusViolation> custom = new ArrayList<>();
            for (Map.Entry<String, String> entry : named.entrySet()) {
                Integer index = rules.columns.find(entry.getKey());
                if (index != null) {
                    values[index] = entry.getValue();
                } else if (!rules.isFocusColumn(entry.getKey()) && !ExtensionNames.isValid(entry.getKey())) {
                    custom.add(new FocusViolation(row, entry.getKey(), Severity.ERROR, "ColumnHandling-A-010-M", "MUST",
                            "custom columns must be prefixed x_"));
                }
            }
            List<FocusViolation> violations = evaluate(row);
            violations.addAll(custom);
            return violations;
        }

        List<FocusViolation> check(long row, List<String> fields, int[] indexes) {
            java.util.Arrays.fill(values, null);
            for (int i = 0; i < indexes.length; i++) {
                if (indexes[i] >= 0) {
                    values[indexes[i]] = fields.get(i);
                }
            }
            return evaluate(row);
        }

        private List<FocusViolation> evaluate(long row) {
            eval.sink.clear();
            eval.startRow(row, values);
            rules.root.eval(eval);
            for (Rule rule : rules.rowRules) {
                rule.eval(eval);
            }
            List<FocusViolation> violations = new ArrayList<>(eval.sink);
            checkPeriod(violations, row, "ChargePeriodStart", "ChargePeriodEnd", "ChargePeriodEnd-C-004-M");
            checkPeriod(violations, row, "BillingPeriodStart", "BillingPeriodEnd", "BillingPeriodEnd-C-004-M");
            checkNotNegative(violations, row, "ConsumedQuantity");
            checkNotNegative(violations, row, "PricingQuantity");
            return violations;
        }

        private String get(String column) {
            Integer index = rules.columns.find(column);
            return index == null ? null : eval.value(index);
        }

        /** The model states these only in prose (dynamic); usage4j checks them by hand. */
        private void checkPeriod(List<FocusViolation> violations, long row, String start, String end, String ruleId) {
            String from = get(start);
            String to = get(end);
            Instant a = from == null ? null : RuleEngine.instant(from);
            Instant b = to == null ? null : RuleEngine.instant(to);
            if (a != null && b != null && !a.isBefore(b)) {
                violations.add(new FocusViolation(row, end, Severity.ERROR, ruleId, "MUST",
                        start + " " + from + " must be before the exclusive " + end + " " + to));
            }
        }

        /** usage4j's own check: a negative quantity outside a correction, credit or adjustment. */
        private void checkNotNegative(List<FocusViolation> violations, long row, String quantity) {
            BigDecimal value = RuleEngine.decimal(get(quantity));
            if (value == null || value.signum() >= 0) {
                return;
            }
            if (eval.value(chargeClass) != null || MAY_BE_NEGATIVE.contains(eval.value(chargeCategory))) {
                return;
            }
            violations.add(new FocusViolation(row, quantity, Severity.ERROR, null, "is negative (" + value.toPlainString()
                    + ") on a row that is neither a correction nor a credit or adjustment"));
        }
    }
}
