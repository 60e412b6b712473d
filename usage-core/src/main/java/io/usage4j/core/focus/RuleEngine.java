package io.usage4j.core.focus;

import io.usage4j.core.ApplicabilityCriterion;
import io.usage4j.core.focus.FocusViolation.Severity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FOCUS rules compiled into a tree of checks over column indexes, and the state of one validation.
 * Compiling happens once ({@link FocusRules#standard()}); a row is then checked by walking the compiled
 * tree over an array of values, with no JSON and no column-name lookups per row.
 *
 * <p>Each rule evaluates to one of four outcomes: {@link #PASS}, {@link #FAIL}, {@link #SKIP} (not
 * applicable to the provider, its condition does not hold, or its column is not in the dataset) and
 * {@link #UNKNOWN} (dynamic: the requirement is prose). AND fails when an item fails; OR passes when an
 * item passes, and only the items that apply take part, so an OR of two conditional rules is decided by
 * the one whose condition holds.
 */
final class RuleEngine {
    static final int PASS = 0;
    static final int FAIL = 1;
    static final int SKIP = 2;
    static final int UNKNOWN = 3;

    private RuleEngine() {}

    // --- the compiled tree ------------------------------------------------------------------------

    /** A requirement or condition, compiled. */
    interface Expr {
        int eval(Eval e);

        /** The check that makes this expression fail on the current row, or null if none stands out. */
        default Check failing(Eval e) {
            return null;
        }
    }

    /** One rule: its applicability, condition and requirement, and how it reports a failure. */
    static final class Rule {
        final String id;
        final String keyword;
        final String text;
        final Set<ApplicabilityCriterion> criteria;
        /** The rule's column when it is a column's composite rule (its -C-000- rule); -1 otherwise. */
        final int gatedColumn;
        final int referenceColumn;
        final boolean dynamic;
        Expr condition;
        Expr requirement;
        /**
         * Whether the rule pairs two values ("X MUST NOT be null when Y is not null"): a missing X is then an
         * inconsistent row (ERROR), not a value the provider does not report (INCOMPLETE).
         */
        boolean paired;

        Rule(String id, String keyword, String text, Set<ApplicabilityCriterion> criteria, int gatedColumn,
                int referenceColumn, boolean dynamic) {
            this.id = id;
            this.keyword = keyword;
            this.text = text;
            this.criteria = criteria.isEmpty() ? Set.of() : EnumSet.copyOf(criteria);
            this.gatedColumn = gatedColumn;
            this.referenceColumn = referenceColumn;
            this.dynamic = dynamic;
        }

        int eval(Eval e) {
            if (dynamic || requirement == null) {
                return UNKNOWN;
            }
            if (gatedColumn >= 0 && !e.dataset.present[gatedColumn]) {
                return SKIP; // the column is not in the dataset: its presence rule speaks for it
            }
            if (!applies(e)) {
                return SKIP;
            }
            if (condition != null && condition.eval(e) != PASS) {
                return SKIP;
            }
            int mark = e.sink.size();
            int outcome = requirement.eval(e);
            if (outcome != FAIL) {
                return outcome;
            }
            if (keyword.equals("MAY")) {
                e.truncate(mark);
                return PASS; // a permission cannot be broken
            }
            if (e.sink.size() == mark) {
                report(e);
            }
            return advisory() ? PASS : FAIL;
        }

        boolean advisory() {
            return keyword.startsWith("SHOULD") || keyword.equals("RECOMMENDED");
        }

        private boolean applies(Eval e) {
            if (criteria.isEmpty()) {
                return true;
            }
            return e.dataset.declared.containsAll(criteria);
        }

        private void report(Eval e) {
            Check check = requirement.failing(e);
            int column = check != null && check.column >= 0 ? check.column : referenceColumn;
            String columnName = column >= 0 ? e.dataset.columns.name(column) : "(dataset)";
            Severity severity;
            if (advisory()) {
                severity = Severity.WARNING;
            } else if (!paired && check instanceof ValueIsNot notNull && notNull.literal == null && e.value(notNull.column) == null) {
                severity = Severity.INCOMPLETE;
            } else {
                severity = Severity.ERROR;
            }
            String detail = check != null ? check.detail(e) : requirement instanceof Or or ? or.detail(e) : null;
            String message;
            if (severity == Severity.INCOMPLETE) {
                for (FocusViolation earlier : e.sink) {
                    if (earlier.severity() == Severity.INCOMPLETE && earlier.column().equals(columnName)) {
                        return; // one missing value, one violation, whichever rule finds it first
                    }
                }
                message = "FOCUS requires a value; the source did not report one";
            } else {
                message = detail == null ? text : detail + " (" + text + ")";
            }
            e.sink.add(new FocusViolation(e.row, columnName, severity, id, keyword, message));
        }
    }

    /** CheckModelRule: another rule's outcome. */
    record Ref(Rule rule) implements Expr {
        @Override
        public int eval(Eval e) {
            return rule.eval(e);
        }
    }

    record And(List<Expr> items) implements Expr {
        @Override
        public int eval(Eval e) {
            boolean failed = false;
            boolean unknown = false;
            boolean any = false;
            for (Expr item : items) {
                int outcome = item.eval(e);
                failed |= outcome == FAIL;
                unknown |= outcome == UNKNOWN;
                any |= outcome == PASS;
            }
            return failed ? FAIL : unknown ? UNKNOWN : any ? PASS : SKIP;
        }

        @Override
        public Check failing(Eval e) {
            for (Expr item : items) {
                if (!(item instanceof Ref) && item.eval(e) == FAIL) {
                    return item.failing(e);
                }
            }
            return null;
        }
    }

    record Or(List<Expr> items) implements Expr {
        @Override
        public int eval(Eval e) {
            int mark = e.sink.size();
            boolean failed = false;
            boolean unknown = false;
            for (Expr item : items) {
                int outcome = item.eval(e);
                if (outcome == PASS) {
                    e.truncate(mark);
                    return PASS;
                }
                failed |= outcome == FAIL;
                unknown |= outcome == UNKNOWN;
            }
            if (unknown) {
                e.truncate(mark); // an undecidable alternative may hold: no violation can be claimed
                return UNKNOWN;
            }
            return failed ? FAIL : SKIP;
        }

        /** The values the alternatives look at, when none of them holds. */
        String detail(Eval e) {
            java.util.Set<Integer> involved = new java.util.LinkedHashSet<>();
            collect(this, involved);
            StringBuilder detail = new StringBuilder();
            for (int column : involved) {
                detail.append(detail.length() == 0 ? "" : ", ").append(e.dataset.columns.name(column)).append(' ')
                        .append(quoted(e.value(column)));
            }
            return detail + ": none of the " + items.size() + " alternatives holds";
        }

        private static void collect(Expr expr, java.util.Set<Integer> into) {
            if (expr instanceof Check check) {
                into.add(check.column);
            } else if (expr instanceof And and) {
                and.items().forEach(item -> collect(item, into));
            } else if (expr instanceof Or or) {
                or.items().forEach(item -> collect(item, into));
            }
        }
    }

    /** A leaf: one check function applied to the current row. */
    abstract static class Check implements Expr {
        final int column;

        Check(int column) {
            this.column = column;
        }

        abstract boolean holds(Eval e);

        /** Why the check fails on the current row, naming the values involved. */
        abstract String detail(Eval e);

        @Override
        public int eval(Eval e) {
            return holds(e) ? PASS : FAIL;
        }

        @Override
        public Check failing(Eval e) {
            return holds(e) ? null : this;
        }
    }

    /** CheckValue: the column holds the value; a null literal means the column is null. */
    static final class ValueIs extends Check {
        final Object literal;

        ValueIs(int column, Object literal) {
            super(column);
            this.literal = literal;
        }

        @Override
        public int eval(Eval e) {
            if (literal != null && e.value(column) == null) {
                return UNKNOWN; // a null compared with a value decides nothing; nullability rules speak to nulls
            }
            return super.eval(e);
        }

        @Override
        boolean holds(Eval e) {
            return same(e.value(column), literal);
        }

        @Override
        String detail(Eval e) {
            return literal == null ? "must be null but is '" + e.value(column) + "'"
                    : quoted(e.value(column)) + " is not one of [" + literal + "]";
        }
    }

    /**
     * CheckNotValue: the column does not hold the value. A null column is not equal to any value, so
     * "ChargeClass is not Correction" holds on the ordinary rows whose ChargeClass is null.
     */
    static final class ValueIsNot extends Check {
        final Object literal;

        ValueIsNot(int column, Object literal) {
            super(column);
            this.literal = literal;
        }

        @Override
        public int eval(Eval e) {
            if (literal != null && e.value(column) == null && e.dataset.columns.required(column)) {
                return UNKNOWN; // a missing required value (already reported) decides nothing
            }
            return super.eval(e);
        }

        @Override
        boolean holds(Eval e) {
            return !same(e.value(column), literal);
        }

        @Override
        String detail(Eval e) {
            return literal == null ? "must not be null" : "must not be " + literal;
        }
    }

    /** An OR of CheckValue items on one column: the column's allowed values (null is not among them). */
    static final class AllowedValues extends Check {
        final List<String> values;

        AllowedValues(int column, List<String> values) {
            super(column);
            this.values = List.copyOf(values);
        }

        @Override
        public int eval(Eval e) {
            return e.value(column) == null ? UNKNOWN : super.eval(e);
        }

        @Override
        boolean holds(Eval e) {
            String value = e.value(column);
            return value != null && values.contains(value);
        }

        @Override
        String detail(Eval e) {
            return quoted(e.value(column)) + " is not one of " + values;
        }
    }

    /** CheckSameValue / CheckNotSameValue; a comparison with a null column does not hold either way. */
    static final class SameValue extends Check {
        final int other;
        final boolean same;

        SameValue(int column, int other, boolean same) {
            super(column);
            this.other = other;
            this.same = same;
        }

        @Override
        boolean holds(Eval e) {
            String a = e.value(column);
            String b = e.value(other);
            return a != null && b != null && a.equals(b) == same;
        }

        @Override
        String detail(Eval e) {
            return quoted(e.value(column)) + (same ? " differs from " : " equals ") + e.dataset.columns.name(other)
                    + " " + quoted(e.value(other));
        }
    }

    /** CheckDecimalValue: a decimal number (null is left to the nullability rules). */
    static final class DecimalValue extends Check {
        DecimalValue(int column) {
            super(column);
        }

        @Override
        boolean holds(Eval e) {
            String v = e.value(column);
            if (v == null || e.typeFailed(column)) {
                return true;
            }
            boolean holds = decimal(v) != null;
            if (!holds) {
                e.markTypeFailed(column);
            }
            return holds;
        }

        @Override
        String detail(Eval e) {
            return quoted(e.value(column)) + " is not a decimal number";
        }
    }

    /** CheckGreaterOrEqualThanValue; a null or non-numeric value is left to other rules. */
    static final class AtLeast extends Check {
        final BigDecimal minimum;

        AtLeast(int column, BigDecimal minimum) {
            super(column);
            this.minimum = minimum;
        }

        @Override
        boolean holds(Eval e) {
            BigDecimal v = decimal(e.value(column));
            return v == null || v.compareTo(minimum) >= 0;
        }

        @Override
        String detail(Eval e) {
            return e.value(column) + " is less than " + minimum.toPlainString();
        }
    }

    /**
     * ColumnByColumnEqualsColumnValue: a × b = result; checked when all three are numbers. The product is
     * exact; a cost stated in the billing currency's minor unit (cents) matches the product rounded to it,
     * since providers bill in that unit (0.009 × 1503.7 = 13.5333 is billed as 13.53).
     */
    static final class Product extends Check {
        final int a;
        final int b;
        final int currency;

        Product(int a, int b, int result, int currency) {
            super(result);
            this.a = a;
            this.b = b;
            this.currency = currency;
        }

        @Override
        boolean holds(Eval e) {
            BigDecimal x = decimal(e.value(a));
            BigDecimal y = decimal(e.value(b));
            BigDecimal r = decimal(e.value(column));
            if (x == null || y == null || r == null) {
                return true;
            }
            BigDecimal product = x.multiply(y);
            if (product.compareTo(r) == 0) {
                return true;
            }
            String code = e.value(currency);
            if (code == null || !iso4217(code)) {
                return false;
            }
            int minor = Currency.getInstance(code).getDefaultFractionDigits();
            if (minor < 0 || r.stripTrailingZeros().scale() > minor) {
                return false;
            }
            return product.setScale(minor, java.math.RoundingMode.HALF_UP).compareTo(r) == 0
                    || product.setScale(minor, java.math.RoundingMode.HALF_EVEN).compareTo(r) == 0;
        }

        @Override
        String detail(Eval e) {
            Columns names = e.dataset.columns;
            return names.name(a) + " " + e.value(a) + " × " + names.name(b) + " " + e.value(b) + " = "
                    + decimal(e.value(a)).multiply(decimal(e.value(b))).toPlainString() + ", not " + names.name(column)
                    + " " + e.value(column);
        }
    }

    /**
     * CheckDistinctCount(A, B, 1): every value of A goes with one value of B across the dataset. Checked
     * across the rows of one validation; memory grows with the number of distinct values of A.
     */
    static final class DistinctCount extends Check {
        final int other;

        DistinctCount(int column, int other) {
            super(column);
            this.other = other;
        }

        @Override
        boolean holds(Eval e) {
            String a = e.value(column);
            String b = e.value(other);
            if (a == null || b == null) {
                return true;
            }
            Map<String, String> seen = e.dataset.distinct.computeIfAbsent(this, k -> new HashMap<>());
            String first = seen.putIfAbsent(a, b);
            return first == null || first.equals(b);
        }

        @Override
        String detail(Eval e) {
            Map<String, String> seen = e.dataset.distinct.get(this);
            String first = seen == null ? null : seen.get(e.value(column));
            return e.dataset.columns.name(column) + " " + quoted(e.value(column)) + " has " + e.dataset.columns.name(other)
                    + " " + quoted(e.value(other)) + " here and " + quoted(first) + " on an earlier row";
        }
    }

    /** ColumnPresent: decided once per dataset, in the dataset pass; rows skip it. */
    static final class ColumnPresent extends Check {
        ColumnPresent(int column) {
            super(column);
        }

        @Override
        public int eval(Eval e) {
            return e.datasetPass ? super.eval(e) : SKIP;
        }

        @Override
        boolean holds(Eval e) {
            return e.dataset.present[column];
        }

        @Override
        String detail(Eval e) {
            return "the dataset has no column " + e.dataset.columns.name(column);
        }
    }

    /** The value types and formats of the model's check functions, over FOCUS text. */
    enum Format {
        /** TypeString: every text value is a string. */
        STRING_TYPE,
        /** TypeDecimal: a decimal number in any notation. */
        DECIMAL_TYPE,
        /** TypeDateTime: a date or date-time in any ISO 8601 form. */
        DATE_TIME_TYPE,
        /** FormatNumeric: NumericFormat (plain or E notation, no '+', no separators). */
        NUMERIC,
        /** FormatDateTime: DateTimeFormat, YYYY-MM-DDTHH:mm:ssZ. */
        DATE_TIME,
        /** FormatString: StringHandling, well-formed Unicode. */
        STRING,
        /** FormatKeyValue: KeyValueFormat, a JSON object of scalar values. */
        KEY_VALUE,
        /** FormatCurrency: CurrencyFormat, an ISO 4217 code (or any text for a virtual currency). */
        CURRENCY,
        /** CheckNationalCurrency: an ISO 4217 code. */
        NATIONAL_CURRENCY,
        /** FormatUnit: UnitFormat. */
        UNIT,
        /** A JSON object (FOCUS 1.3 JsonObjectFormat) of {"Elements": [objects]}. */
        ELEMENTS_OBJECT
    }

    static final class FormatCheck extends Check {
        final Format format;

        FormatCheck(int column, Format format) {
            super(column);
            this.format = format;
        }

        @Override
        boolean holds(Eval e) {
            String v = e.value(column);
            if (v == null) {
                return true; // null is the nullability rules' business
            }
            boolean type = format == Format.DECIMAL_TYPE || format == Format.DATE_TIME_TYPE;
            if (!type && e.typeFailed(column)) {
                return true; // the type rule already reported this value; one violation per bad value
            }
            boolean holds = problem(v, e) == null;
            if (type && !holds) {
                e.markTypeFailed(column);
            }
            return holds;
        }

        @Override
        String detail(Eval e) {
            String v = e.value(column);
            String problem = v == null ? null : problem(v, e);
            return problem == null ? null : quoted(v) + " " + problem;
        }

        private String problem(String v, Eval e) {
            return switch (format) {
                case STRING_TYPE -> null;
                case DECIMAL_TYPE -> decimal(v) != null ? null : "is not a decimal number";
                case DATE_TIME_TYPE -> dateTime(v) ? null : "is not a date/time";
                case NUMERIC -> NUMERIC_FORMAT.matcher(v).matches() ? null
                        : "is not in NumericFormat: digits, an optional '-', one '.', and E notation with a sign only on a"
                                + " negative exponent (NumericFormat-A-003..011-M)";
                case DATE_TIME -> DATE_TIME_FORMAT.matcher(v).matches() && instant(v) != null ? null
                        : "is not a UTC date-time of the form YYYY-MM-DDTHH:mm:ssZ (DateTimeFormat-A-003-M)";
                case STRING -> wellFormed(v) ? null : "is not well-formed Unicode (StringHandling-A-001-M)";
                case KEY_VALUE -> {
                    Json.Problem problem = Json.keyValueProblem(v);
                    yield problem == null ? null : "is not a FOCUS key-value object: " + problem.message() + " (" + problem.ruleId() + ")";
                }
                case CURRENCY -> iso4217(v) || e.dataset.declares(ApplicabilityCriterion.VIRTUAL_CURRENCY_SUPPORTED) && wellFormed(v)
                        ? null : "is not an ISO 4217 currency code (CurrencyFormat-A-001-C)";
                case NATIONAL_CURRENCY -> iso4217(v) ? null : "is not a national currency's ISO 4217 code";
                case UNIT -> UnitFormat.problem(v);
                case ELEMENTS_OBJECT -> elementsProblem(v);
            };
        }
    }

    // --- the state of one validation ----------------------------------------------------------

    /** The columns the compiled rules know, by index. */
    static final class Columns {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> names = new ArrayList<>();

        int of(String name) {
            Objects.requireNonNull(name, "column name is null");
            return index.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            });
        }

        Integer find(String name) {
            return index.get(name);
        }

        String name(int column) {
            return names.get(column);
        }

        /** Whether FOCUS says the column must not be null, whatever the row (the catalogue's not-null columns). */
        boolean required(int column) {
            return FocusColumn.named(names.get(column)).map(FocusColumn::notNull).orElse(false);
        }

        int size() {
            return names.size();
        }
    }

    /** What one validation is about: the columns its dataset has and what its provider declares. */
    static final class Dataset {
        final Columns columns;
        final boolean[] present;
        /** The criteria the provider declares. */
        final Set<ApplicabilityCriterion> declared;
        final Map<Check, Map<String, String>> distinct = new HashMap<>();

        Dataset(Columns columns, boolean[] present, Set<ApplicabilityCriterion> declared) {
            this.columns = columns;
            this.present = present;
            this.declared = declared.isEmpty() ? EnumSet.noneOf(ApplicabilityCriterion.class) : EnumSet.copyOf(declared);
        }

        boolean declares(ApplicabilityCriterion criterion) {
            return declared.contains(criterion);
        }
    }

    /** The state of evaluating one row (reused row after row; not thread-safe). */
    static final class Eval {
        final Dataset dataset;
        final List<FocusViolation> sink = new ArrayList<>();
        private final int[] typeFailedOnRow;
        String[] values;
        long row;
        boolean datasetPass;
        private int rowStamp;

        Eval(Dataset dataset) {
            this.dataset = dataset;
            this.typeFailedOnRow = new int[dataset.columns.size()];
        }

        void startRow(long row, String[] values) {
            this.row = row;
            this.values = values;
            this.rowStamp++;
        }

        String value(int column) {
            String v = column < values.length ? values[column] : null;
            return v == null || v.isEmpty() ? null : v;
        }

        boolean typeFailed(int column) {
            return typeFailedOnRow[column] == rowStamp;
        }

        void markTypeFailed(int column) {
            typeFailedOnRow[column] = rowStamp;
        }

        void truncate(int size) {
            while (sink.size() > size) {
                sink.remove(sink.size() - 1);
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    private static final Pattern NUMERIC_FORMAT = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE]-?\\d+)?");
    private static final Pattern DATE_TIME_FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    static boolean same(String value, Object literal) {
        if (literal == null || value == null) {
            return literal == null && value == null;
        }
        if (literal instanceof BigDecimal number) {
            BigDecimal v = decimal(value);
            return v != null && v.compareTo(number) == 0;
        }
        return value.equals(literal.toString());
    }

    static BigDecimal decimal(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            return null;
        }
    }

    private static boolean dateTime(String v) {
        String t = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + "T" + v.substring(11) : v;
        try {
            OffsetDateTime.parse(t);
            return true;
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            LocalDateTime.parse(t.endsWith("Z") ? t.substring(0, t.length() - 1) : t);
            return true;
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            LocalDate.parse(t);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean wellFormed(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= v.length() || !Character.isLowSurrogate(v.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static boolean iso4217(String code) {
        if (code.length() != 3 || !code.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** Why {@code v} is not a FOCUS 1.3 {"Elements": [objects of scalars]} object, or null if it is one. */
    @SuppressWarnings("unchecked")
    private static String elementsProblem(String v) {
        Object parsed;
        try {
            parsed = Json.parse(v);
        } catch (IllegalArgumentException notJson) {
            return "is not a JSON object: " + notJson.getMessage();
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            return "is not a JSON object";
        }
        if (!(object.get("Elements") instanceof List<?> elements)) {
            return "has no \"Elements\" array";
        }
        for (Object element : elements) {
            if (!(element instanceof Map<?, ?> fields)) {
                return "has an element that is not an object";
            }
            for (Map.Entry<String, Object> field : ((Map<String, Object>) fields).entrySet()) {
                if (field.getValue() instanceof Map || field.getValue() instanceof List) {
                    return "nests a value inside an element (\"" + field.getKey() + "\")";
                }
            }
        }
        return null;
    }

    static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }

    /** UnitFormat: the three forms, whole-number quantities, and the listed terms' capitalization. */
    static final class UnitFormat {
        private static final Pattern FORM = Pattern.compile(
                "(?:\\d+ )?([A-Za-z][A-Za-z0-9 ]*?)(?:[-/](?:\\d+ )?([A-Za-z][A-Za-z0-9 ]*))?");
        private static final Set<String> SIZES = Set.of("b", "B", "Kb", "KB", "Mb", "MB", "Gb", "GB", "Tb", "TB", "Pb",
                "PB", "Eb", "EB", "Kib", "KiB", "Mib", "MiB", "Gib", "GiB", "Tib", "TiB", "Pib", "PiB", "Eib", "EiB");
        private static final Set<String> SIZES_LOWER = new java.util.HashSet<>();
        private static final Map<String, String> NOUNS = new HashMap<>();

        static {
            SIZES.forEach(size -> SIZES_LOWER.add(size.toLowerCase(java.util.Locale.ROOT)));
            for (String noun : new String[] {"Count", "Unit", "Request", "Token", "Connection", "Certificate", "Domain",
                    "Core", "Year", "Month", "Day", "Hour", "Minute", "Second"}) {
                NOUNS.put(noun.toLowerCase(java.util.Locale.ROOT), noun);
                NOUNS.put(noun.toLowerCase(java.util.Locale.ROOT) + "s", noun + "s");
            }
        }

        private UnitFormat() {}

        static String problem(String unit) {
            Matcher m = FORM.matcher(unit);
            if (!m.matches()) {
                return "is not in UnitFormat: '<units>', '<unit>-<time units>' or '<units>/<time unit>', with optional"
                        + " whole-number quantities (UnitFormat-A-001-M, UnitFormat-A-002-O)";
            }
            for (String term : new String[] {m.group(1), m.group(2)}) {
                if (term == null) {
                    continue;
                }
                for (String word : term.trim().split(" +")) {
                    if (SIZES.contains(word)) {
                        continue;
                    }
                    String lower = word.toLowerCase(java.util.Locale.ROOT);
                    if (SIZES_LOWER.contains(lower)) {
                        return "writes '" + word + "', which UnitFormat abbreviates with its own capitals (B, KB, GB, Gb, GiB...)"
                                + " (UnitFormat-A-003-M)";
                    }
                    String canonical = NOUNS.get(lower);
                    if (canonical != null && !canonical.equals(word)) {
                        return "writes '" + word + "' where UnitFormat lists '" + canonical + "' (UnitFormat-A-003-M)";
                    }
                }
            }
            return null;
        }
    }
}
