package io.usage4j.core.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.ApplicabilityCriterion;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeClass;
import io.usage4j.core.TestRecords;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusViolation.Severity;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FocusValidatorTest {
    /** What the example provider of these rows supports: usage, tags, public and negotiated prices. */
    private static final Set<ApplicabilityCriterion> CRITERIA = EnumSet.of(ApplicabilityCriterion.USAGE_MEASUREMENT_SUPPORTED,
            ApplicabilityCriterion.TAGGING_SUPPORTED, ApplicabilityCriterion.PUBLIC_PRICE_LIST_SUPPORTED,
            ApplicabilityCriterion.NEGOTIATED_PRICING_SUPPORTED);

    /** A complete, valid row as FOCUS text. */
    private static Map<String, String> validRow() {
        return new LinkedHashMap<>(FocusValidator.toRow(TestRecords.complete().build()));
    }

    private static Map<String, String> with(String column, String value) {
        Map<String, String> row = validRow();
        row.put(column, value);
        return row;
    }

    private static List<FocusViolation> check(Map<String, String> row) {
        return FocusValidator.validateRow(7, row, CRITERIA);
    }

    /** The only violation of {@code row}. */
    private static FocusViolation single(Map<String, String> row) {
        List<FocusViolation> violations = check(row);
        assertThat(violations).as("violations of %s", row).hasSize(1);
        assertThat(violations.get(0).row()).isEqualTo(7);
        return violations.get(0);
    }

    @Test
    void aCompleteRecordHasNoViolation() {
        assertThat(FocusValidator.validate(TestRecords.complete().build())).isEmpty();
        assertThat(check(validRow())).isEmpty();
    }

    // --- not null: INCOMPLETE -----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(FocusColumn.class)
    void aMissingNotNullColumnIsIncompleteWithItsNullabilityRule(FocusColumn column) {
        for (String missing : new String[] {null, ""}) {
            Map<String, String> row = with(column.columnName(), missing);
            // keep the unit pairs consistent so only the column under test is reported
            if (column == FocusColumn.CONSUMED_QUANTITY || column == FocusColumn.CONSUMED_UNIT) {
                row.put("ConsumedQuantity", null);
                row.put("ConsumedUnit", null);
            }
            if (column == FocusColumn.PRICING_QUANTITY || column == FocusColumn.PRICING_UNIT) {
                row.put("PricingQuantity", null);
                row.put("PricingUnit", null);
            }
            List<FocusViolation> violations = check(row);
            assertThat(violations).as("%s missing", column).noneMatch(FocusViolation::isError);
            if (column.notNull()) {
                assertThat(violations).hasSize(1);
                FocusViolation violation = violations.get(0);
                assertThat(violation.severity()).isEqualTo(Severity.INCOMPLETE);
                assertThat(violation.column()).isEqualTo(column.columnName());
                assertThat(violation.keyword()).startsWith("MUST");
                if (column.version().equals("1.2")) {
                    assertThat(violation.ruleId()).startsWith(column.columnName() + "-C-").endsWith("-M");
                } else {
                    assertThat(violation.ruleId()).as("a hand-written FOCUS 1.3 rule").startsWith("focus-1.3:" + column.columnName());
                }
            } else {
                // Nullable in general, but the model may still ask for a value on this row (PricingQuantity on a
                // Usage row) or advise one (ChargeDescription SHOULD NOT be null): never an ERROR.
                assertThat(violations).as("%s may be null", column).allSatisfy(v -> assertThat(v.ruleId()).contains("-C-"));
            }
        }
    }

    @Test
    void aRowMissingEverythingIsIncompleteNotWrong() {
        List<FocusViolation> violations = FocusValidator.validateRow(1, Map.of());
        assertThat(violations).noneMatch(FocusViolation::isError);
        assertThat(violations).filteredOn(v -> v.severity() == Severity.INCOMPLETE).extracting(FocusViolation::column)
                .containsExactlyInAnyOrderElementsOf(
                        Stream.of(FocusColumn.values()).filter(FocusColumn::notNull).map(FocusColumn::columnName).toList());
        assertThat(violations).filteredOn(v -> v.severity() == Severity.WARNING).extracting(FocusViolation::ruleId)
                .containsExactly("ChargeDescription-C-003-O");
    }

    // --- formats -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1,5", "1E+3", "+1", "1.2.3", "$5", "1/2", "1 000", "5 USD"})
    void decimalsMustBeNumericFormat(String value) {
        FocusViolation violation = single(with("BilledCost", value));
        assertThat(violation.severity()).isEqualTo(Severity.ERROR);
        assertThat(violation.column()).isEqualTo("BilledCost");
        assertThat(violation.message()).startsWith("'" + value + "' is not ");
        if (value.equals("1E+3") || value.equals("+1")) {
            // a number, in a notation NumericFormat forbids: the format rule, not the type rule
            assertThat(violation.ruleId()).isEqualTo("BilledCost-C-002-M");
            assertThat(violation.message()).contains("NumericFormat");
        } else {
            assertThat(violation.ruleId()).isEqualTo("BilledCost-C-001-M");
            assertThat(violation.message()).contains("is not a decimal number");
        }
        assertThat(violation.keyword()).isEqualTo("MUST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-12", "0.000005", "1000", "1E3", "5E-6", "-2.5e-3", "123456789012345678901234567890.1"})
    void decimalsInNumericFormatPass(String value) {
        assertThat(check(with("BilledCost", value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-01", "2025-01-01T00:00:00", "2025-01-01T00:00:00+00:00", "2025-01-01 00:00:00Z",
            "2025-01-01T00:00:00.000Z", "2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z", "2025-1-01T00:00:00Z"})
    void dateTimesMustBeUtcSeconds(String value) {
        Map<String, String> row = with("BillingPeriodStart", value);
        FocusViolation violation = single(row);
        assertThat(violation.severity()).isEqualTo(Severity.ERROR);
        assertThat(violation.column()).isEqualTo("BillingPeriodStart");
        // a date/time in another form breaks the format rule; text that is no date/time at all, the type rule
        assertThat(violation.ruleId()).isIn("BillingPeriodStart-C-001-M", "BillingPeriodStart-C-002-M");
        if (violation.ruleId().endsWith("-C-002-M")) {
            assertThat(violation.message()).contains("DateTimeFormat-A-003-M");
        }
        assertThat(check(with("BillingPeriodStart", "2024-12-31T23:59:59Z"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"env=prod", "[\"a\"]", "{not json}", "{'a':'b'}", "{\"a\":\"b\"", "{\"a\":\"b\"} x",
            "{\"a\" \"b\"}", "{\"a\":01}", "{\"a\":tru}", "{\"a\":\"bad \\x escape\"}", "{\"a\":\"raw\u0001control\"}",
            "{\"a\":\"\\u12G4\"}", "{a:1}", "{\"a\":1,}", "{,}"})
    void tagsMustBeAJsonObject(String value) {
        FocusViolation violation = single(with("Tags", value));
        assertThat(violation.severity()).isEqualTo(Severity.ERROR);
        assertThat(violation.column()).isEqualTo("Tags");
        assertThat(violation.ruleId()).isEqualTo("Tags-C-001-M");
        assertThat(violation.message()).contains("not a JSON object").contains("KeyValueFormat-A-001-M");
    }

    @Test
    void tagKeysAreUniqueAndValuesScalar() {
        FocusViolation twice = single(with("Tags", "{\"env\":\"a\",\"env\":\"b\"}"));
        assertThat(twice.ruleId()).isEqualTo("Tags-C-001-M");
        assertThat(twice.message()).contains("the key \"env\" appears twice").contains("KeyValueFormat-A-002-M");
        FocusViolation object = single(with("Tags", "{\"env\":{\"a\":1}}"));
        assertThat(object.message()).contains("KeyValueFormat-A-004-M");
        assertThat(single(with("Tags", "{\"env\":[1]}")).message()).contains("KeyValueFormat-A-004-M");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " { } ", "{\"env\":\"prod\"}", "{\"n\":-1.5e3,\"z\":0,\"t\":true,\"f\":false,\"x\":null}",
            "{\"esc\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\"}", "{\r\n  \"a\" : \"b\" ,\n \"c\":\"d\"\n}",
            "{\"é€\":\"✓\"}"})
    void validKeyValueObjectsPass(String value) {
        assertThat(check(with("Tags", value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "US", "ABC", "EURO", "$"})
    void billingCurrencyMustBeIso4217(String value) {
        List<FocusViolation> violations = check(with("BillingCurrency", value));
        assertThat(violations).extracting(FocusViolation::ruleId)
                .as("CurrencyFormat, and a national currency").containsExactly("BillingCurrency-C-003-M", "BillingCurrency-C-006-M");
        assertThat(violations).allMatch(FocusViolation::isError);
        assertThat(violations.get(0).message()).contains("CurrencyFormat-A-001-C");
        assertThat(check(with("BillingCurrency", "EUR"))).isEmpty();
    }

    // --- allowed values ------------------------------------------------------------------------

    @Test
    void allowedValuesAreEnforcedPerColumn() {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("ChargeCategory", new String[] {"usage", "Usage", "ChargeCategory-C-003-M"});
        cases.put("ChargeClass", new String[] {"Refund", "Correction", "ChargeClass-C-005-C"});
        cases.put("ChargeFrequency", new String[] {"Monthly", "Recurring", "ChargeFrequency-C-003-M"});
        cases.put("PricingCategory", new String[] {"On-Demand", "Dynamic", "PricingCategory-C-007-M"});
        cases.put("ServiceCategory", new String[] {"CDN", "Compute", "ServiceCategory-C-003-M"});
        cases.put("ServiceSubcategory", new String[] {"CDN", "Serverless Compute", "ServiceSubcategory-C-003-M"});
        cases.put("ChargeCategory", new String[] {"usage", "Usage", "ChargeCategory-C-003-M"});
        cases.forEach((column, c) -> {
            // Other rules may break too (a subcategory outside its category, a quantity on a non-Usage row).
            List<FocusViolation> violations = check(with(column, c[0]));
            assertThat(violations).allMatch(FocusViolation::isError);
            FocusViolation violation = violations.stream().filter(v -> v.ruleId().equals(c[2])).findFirst().orElseThrow(
                    () -> new AssertionError(column + ": no " + c[2] + " in " + violations));
            assertThat(violation.column()).isEqualTo(column);
            assertThat(violation.message()).startsWith("'" + c[0] + "' is not one of [");
            assertThat(check(with(column, c[1]))).as("%s=%s", column, c[1]).isEmpty();
        });
    }

    // --- column names ------------------------------------------------------------------------------

    @Test
    void customColumnsMustBePrefixedX() {
        FocusViolation violation = single(with("ZoneId", "z1"));
        assertThat(violation.severity()).isEqualTo(Severity.ERROR);
        assertThat(violation.column()).isEqualTo("ZoneId");
        assertThat(violation.ruleId()).isEqualTo("ColumnHandling-A-010-M");
        assertThat(check(with("x_ZoneId", "z1"))).isEmpty();
    }

    // --- consistency of pairs ------------------------------------------------------------------

    @Test
    void chargePeriodMustEndAfterItStarts() {
        Map<String, String> row = with("ChargePeriodEnd", "2025-01-01T00:00:00Z");
        FocusViolation violation = single(row);
        assertThat(violation.severity()).isEqualTo(Severity.ERROR);
        assertThat(violation.column()).isEqualTo("ChargePeriodEnd");
        assertThat(violation.ruleId()).isEqualTo("ChargePeriodEnd-C-004-M");
        assertThat(violation.message()).contains("ChargePeriodStart 2025-01-01T00:00:00Z must be before the exclusive ChargePeriodEnd");
        assertThat(single(with("ChargePeriodEnd", "2024-12-31T00:00:00Z")).ruleId()).isEqualTo("ChargePeriodEnd-C-004-M");
        assertThat(check(with("ChargePeriodEnd", "2025-01-01T00:00:01Z"))).isEmpty();
    }

    @Test
    void billingPeriodMustEndAfterItStarts() {
        FocusViolation violation = single(with("BillingPeriodEnd", "2024-12-01T00:00:00Z"));
        assertThat(violation.severity()).isEqualTo(Severity.ERROR);
        assertThat(violation.ruleId()).isEqualTo("BillingPeriodEnd-C-004-M");
        assertThat(check(with("BillingPeriodEnd", "2025-01-01T00:00:01Z"))).isEmpty();
    }

    @Test
    void aQuantityNeedsItsUnit() {
        FocusViolation consumed = single(with("ConsumedUnit", null));
        assertThat(consumed.ruleId()).isEqualTo("ConsumedUnit-C-006-C");
        assertThat(consumed.column()).isEqualTo("ConsumedUnit");
        assertThat(consumed.severity()).isEqualTo(Severity.ERROR);
        FocusViolation pricing = single(with("PricingUnit", ""));
        assertThat(pricing.ruleId()).isEqualTo("PricingUnit-C-006-C");
        assertThat(pricing.severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void aUnitNeedsItsQuantity() {
        List<FocusViolation> consumed = check(with("ConsumedQuantity", null));
        assertThat(consumed).filteredOn(FocusViolation::isError).extracting(FocusViolation::ruleId)
                .containsExactly("ConsumedUnit-C-005-C");
        // the model also asks a Usage row that is not a correction for its ConsumedQuantity
        assertThat(consumed).filteredOn(v -> !v.isError()).extracting(FocusViolation::ruleId)
                .containsExactly("ConsumedQuantity-C-006-C");
        List<FocusViolation> pricing = check(with("PricingQuantity", null));
        assertThat(pricing).filteredOn(FocusViolation::isError).extracting(FocusViolation::ruleId)
                .containsExactly("PricingUnit-C-005-C");
        Map<String, String> neither = validRow();
        neither.put("PricingQuantity", null);
        neither.put("PricingUnit", null);
        assertThat(check(neither)).extracting(FocusViolation::ruleId, FocusViolation::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PricingQuantity-C-005-C", Severity.INCOMPLETE));
    }

    @Test
    void aPurchaseIsNotUsageBased() {
        Map<String, String> row = with("ChargeCategory", "Purchase");
        row.put("ConsumedQuantity", null); // ConsumedQuantity-C-004-C: only Usage rows carry one
        row.put("ConsumedUnit", null);
        FocusViolation violation = single(row);
        assertThat(violation.ruleId()).isEqualTo("ChargeFrequency-C-004-C");
        assertThat(violation.column()).isEqualTo("ChargeFrequency");
        assertThat(violation.severity()).isEqualTo(Severity.ERROR);
        row.put("ChargeFrequency", "One-Time");
        assertThat(check(row)).isEmpty();
        assertThat(check(with("ChargeFrequency", "Usage-Based"))).isEmpty();
    }

    @Test
    void negativeQuantitiesOnlyOnCorrectionsCreditsAndAdjustments() {
        FocusViolation violation = single(with("ConsumedQuantity", "-0.5"));
        assertThat(violation.ruleId()).isNull();
        assertThat(violation.focusRuleId()).isEmpty();
        assertThat(violation.keyword()).isNull();
        assertThat(violation.severity()).isEqualTo(Severity.ERROR);
        assertThat(violation.message()).contains("is negative (-0.5)");
        assertThat(violation.column()).isEqualTo("ConsumedQuantity");
        // (a negative PricingQuantity also breaks the model's unit price × quantity = cost rules)
        assertThat(check(with("PricingQuantity", "-1"))).filteredOn(v -> v.ruleId() == null)
                .extracting(FocusViolation::column).containsExactly("PricingQuantity");

        for (String category : new String[] {"Credit", "Adjustment"}) {
            Map<String, String> row = with("PricingQuantity", "-1");
            row.put("ChargeCategory", category);
            assertThat(check(row)).as(category).noneMatch(v -> v.ruleId() == null);
        }
        Map<String, String> correction = with("ConsumedQuantity", "-3");
        correction.put("ChargeClass", "Correction");
        assertThat(check(correction)).isEmpty();
        assertThat(FocusValidator.validate(TestRecords.complete().chargeCategory(ChargeCategory.USAGE)
                .chargeClass(ChargeClass.CORRECTION).pricingQuantity(new BigDecimal("-2")).build())).isEmpty();
    }

    // --- streams and CSV ----------------------------------------------------------------------------

    @Test
    void streamViolationsCarryOneBasedRowNumbers() {
        UsageRecord good = TestRecords.complete().build();
        UsageRecord noCurrency = TestRecords.complete().billingCurrency((String) null).build();
        UsageRecord negative = TestRecords.complete().consumedQuantity(new BigDecimal("-1")).build();

        List<FocusViolation> violations = FocusValidator.validate(Stream.of(good, noCurrency, good, negative)).toList();

        assertThat(violations).extracting(FocusViolation::row).containsExactly(2L, 4L);
        assertThat(violations.get(0).column()).isEqualTo("BillingCurrency");
        assertThat(violations.get(0).severity()).isEqualTo(Severity.INCOMPLETE);
        assertThat(violations.get(0)).hasToString(
                "row 2: INCOMPLETE BillingCurrency: FOCUS requires a value; the source did not report one [BillingCurrency-C-004-M MUST NOT]");
        assertThat(violations.get(1).column()).isEqualTo("ConsumedQuantity");
    }

    @Test
    void streamValidationIsLazy() {
        AtomicInteger pulled = new AtomicInteger();
        Stream<UsageRecord> endless = Stream.generate(() -> {
            int n = pulled.incrementAndGet();
            return n == 3 ? TestRecords.complete().consumedQuantity(new BigDecimal("-1")).build() : TestRecords.complete().build();
        });

        Stream<FocusViolation> violations = FocusValidator.validate(endless);
        assertThat(pulled).hasValue(0);
        FocusViolation first = violations.findFirst().orElseThrow();

        assertThat(first.row()).isEqualTo(3);
        assertThat(pulled).hasValue(3);
    }

    private static String csv(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    @Test
    void csvViolationsCarryTheLineTheRowStartsOn() {
        String text = csv(
                "BillingCurrency,ChargeDescription,ChargeCategory",
                "USD,plain,Usage",
                "usd,\"two",
                "lines\",Usage",
                "EUR,\"three\nlines\nLF\",Bogus",
                "EUR,\"cr\ronly\",Usage",
                "ABC,last,Usage");

        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader(text))) {
            // (line 1 lists the columns FOCUS requires that this three-column header lacks)
            Map<Long, List<String>> errors = violations.filter(FocusViolation::isError).filter(v -> v.row() > 1).collect(Collectors.groupingBy(
                    FocusViolation::row, java.util.TreeMap::new, Collectors.mapping(FocusViolation::column, Collectors.toList())));
            // line 3-4: a CRLF inside quotes; 5-7: LFs inside quotes; 8-9: a lone CR inside quotes
            assertThat(errors).containsOnlyKeys(3L, 5L, 10L);
            assertThat(errors.get(3L)).containsOnly("BillingCurrency");
            assertThat(errors.get(5L)).containsOnly("ChargeCategory");
            assertThat(errors.get(10L)).containsOnly("BillingCurrency");
        }
    }

    @Test
    void csvHeaderWithANonXCustomColumnIsReportedOnLine1() {
        String text = csv("BillingCurrency,ZoneId,x_zone", "USD,z1,z1", "EUR,z2,z2");
        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader(text))) {
            List<FocusViolation> errors = violations.filter(FocusViolation::isError).toList();
            assertThat(errors).first().satisfies(v -> {
                assertThat(v.row()).isEqualTo(1);
                assertThat(v.column()).isEqualTo("ZoneId");
                assertThat(v.ruleId()).isEqualTo("ColumnHandling-A-010-M");
            });
            assertThat(errors).noneMatch(v -> v.column().equals("x_zone"));
            assertThat(errors).filteredOn(v -> v.column().equals("ZoneId")).as("reported once, on the header line").hasSize(1);
        }
    }

    @Test
    void csvOfAValidRowHasNoError() {
        StringBuilder header = new StringBuilder();
        StringBuilder values = new StringBuilder();
        validRow().forEach((column, value) -> {
            header.append(header.length() == 0 ? "" : ",").append(column);
            values.append(values.length() == 0 ? "" : ",").append(value == null ? "" : value);
        });
        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(
                new StringReader(csv(header.toString(), values.toString())))) {
            assertThat(violations).isEmpty();
        }
    }

    @Test
    void aLeadingByteOrderMarkIsNotPartOfTheFirstColumnName() {
        String text = "\uFEFF" + csv("BilledCost,BillingCurrency", "abc,USD");
        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader(text))) {
            List<FocusViolation> errors = violations.filter(FocusViolation::isError).filter(v -> v.row() > 1).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).column()).isEqualTo("BilledCost");
            assertThat(errors.get(0).row()).isEqualTo(2);
        }
    }

    @Test
    void malformedCsvFailsNamingTheLine() {
        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader(csv("A,B", "1,2", "1,2,3")))) {
            assertThatThrownBy(violations::toList).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("CSV line 3 has 3 fields but the header has 2");
        }
        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader("A,B\r\n1,\"open\r\n"))) {
            assertThatThrownBy(violations::toList).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CSV line 2: a quoted field is never closed");
        }
        assertThatThrownBy(() -> FocusValidator.validateCsv(new StringReader("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the CSV is empty");
    }
}
