package io.usage4j.core.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeClass;
import io.usage4j.core.ImmutableUsageRecord;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.TestRecords;
import io.usage4j.core.UsageRecord;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FocusCsvWriterTest {

    private static String write(List<String> extensions, UsageRecord... records) {
        StringWriter out = new StringWriter();
        try (FocusCsvWriter writer = new FocusCsvWriter(out, extensions)) {
            for (UsageRecord record : records) {
                writer.write(record);
            }
            assertThat(writer.rowsWritten()).isEqualTo(records.length);
        }
        return out.toString();
    }

    private static String header() {
        return String.join(",", Stream.of(FocusColumn.values()).map(FocusColumn::columnName).toList());
    }

    /** The fields of the second line, split naively (valid only when no field is quoted). */
    private static List<String> plainFields(String csv) {
        String row = csv.split("\r\n")[1];
        return List.of(row.split(",", -1));
    }

    private static String field(String csv, FocusColumn column) {
        return plainFields(csv).get(column.ordinal());
    }

    @Test
    void headerIsFocusColumnsInOrderThenDeclaredExtensions() {
        String csv = write(List.of("x_zone", "x_plan"));
        assertThat(csv).isEqualTo(header() + ",x_zone,x_plan\r\n");
        assertThat(csv).startsWith("BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,");
        assertThat(write(List.of())).isEqualTo(header() + "\r\n");
    }

    @Test
    void headerIsWrittenAtOnceAndRowsEndWithCrlf() {
        StringWriter out = new StringWriter();
        FocusCsvWriter writer = new FocusCsvWriter(out);
        assertThat(out.toString()).isEqualTo(header() + "\r\n");
        writer.write(TestRecords.minimal().build());
        writer.write(TestRecords.minimal().build());
        writer.flush();
        assertThat(List.of(out.toString().split("\r\n", -1))).hasSize(4).last().isEqualTo("");
        assertThat(out.toString().replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void fieldsAreQuotedPerRfc4180() {
        String csv = write(List.of("x_a", "x_b", "x_c", "x_d", "x_e"), TestRecords.minimal()
                .putExtensions("x_a", "one, two")
                .putExtensions("x_b", "say \"hi\"")
                .putExtensions("x_c", "line\r\nbreak")
                .putExtensions("x_d", "lf\nonly")
                .putExtensions("x_e", "plain text")
                .build());
        assertThat(csv).endsWith(",\"one, two\",\"say \"\"hi\"\"\",\"line\r\nbreak\",\"lf\nonly\",plain text\r\n");
    }

    @Test
    void absentValuesAreEmptyFields() {
        String csv = write(List.of("x_zone"), TestRecords.minimal().build());
        List<String> fields = plainFields(csv);
        assertThat(fields).hasSize(FocusColumn.values().length + 1);
        assertThat(field(csv, FocusColumn.BILLED_COST)).isEmpty();
        assertThat(field(csv, FocusColumn.TAGS)).isEmpty();
        assertThat(fields.get(fields.size() - 1)).isEmpty();
        assertThat(field(csv, FocusColumn.BILLING_ACCOUNT_ID)).isEqualTo("acct-1");
        assertThat(field(csv, FocusColumn.CHARGE_CATEGORY)).isEqualTo("Usage");
    }

    @Test
    void numbersArePlainAndExact() {
        String csv = write(List.of(), TestRecords.minimal()
                .billedCost(new BigDecimal("1E+3"))
                .listUnitPrice(new BigDecimal("0.000005"))
                .contractedUnitPrice(new BigDecimal("5E-6"))
                .effectiveCost(new BigDecimal("0.100"))
                .pricingQuantity(new BigDecimal("-12.50"))
                .pricingUnit("GB")
                .build());
        assertThat(field(csv, FocusColumn.BILLED_COST)).isEqualTo("1000");
        assertThat(field(csv, FocusColumn.LIST_UNIT_PRICE)).isEqualTo("0.000005");
        assertThat(field(csv, FocusColumn.CONTRACTED_UNIT_PRICE)).isEqualTo("0.000005");
        assertThat(field(csv, FocusColumn.EFFECTIVE_COST)).isEqualTo("0.100");
        assertThat(field(csv, FocusColumn.PRICING_QUANTITY)).isEqualTo("-12.50");
    }

    @Test
    void timestampsAreIsoUtcAndEnumsFocusSpelled() {
        String csv = write(List.of(), TestRecords.minimal()
                .chargePeriodStart(Instant.parse("2025-03-01T00:00:00Z"))
                .chargePeriodEnd(Instant.parse("2025-03-01T13:45:30Z"))
                .billingPeriodStart(Instant.parse("2025-03-01T00:00:00Z"))
                .billingPeriodEnd(Instant.parse("2025-04-01T00:00:00Z"))
                .chargeCategory(ChargeCategory.ADJUSTMENT)
                .chargeClass(ChargeClass.CORRECTION)
                .serviceCategory(ServiceCategory.AI_AND_MACHINE_LEARNING)
                .build());
        assertThat(field(csv, FocusColumn.CHARGE_PERIOD_START)).isEqualTo("2025-03-01T00:00:00Z");
        assertThat(field(csv, FocusColumn.CHARGE_PERIOD_END)).isEqualTo("2025-03-01T13:45:30Z");
        assertThat(field(csv, FocusColumn.BILLING_PERIOD_END)).isEqualTo("2025-04-01T00:00:00Z");
        assertThat(field(csv, FocusColumn.CHARGE_CATEGORY)).isEqualTo("Adjustment");
        assertThat(field(csv, FocusColumn.CHARGE_CLASS)).isEqualTo("Correction");
        assertThat(field(csv, FocusColumn.SERVICE_CATEGORY)).isEqualTo("AI and Machine Learning");
    }

    @Test
    void tagsAreAnEscapedJsonObjectInOrder() {
        UsageRecord record = TestRecords.minimal()
                .putTags("env", "prod")
                .putTags("quote\"key", "back\\slash")
                .putTags("ctl", "tab\tnl\ncr\rbell\u0007")
                .putTags("unicode", "é€")
                .build();
        assertThat(FocusColumn.TAGS.render(record)).contains(
                "{\"env\":\"prod\",\"quote\\\"key\":\"back\\\\slash\",\"ctl\":\"tab\\tnl\\ncr\\rbell\\u0007\",\"unicode\":\"é€\"}");
        String csv = write(List.of(), record);
        assertThat(csv).contains(",\"{\"\"env\"\":\"\"prod\"\",");
        assertThat(FocusColumn.TAGS.render(TestRecords.minimal().build())).isEmpty();
        assertThat(Json.keyValueProblem(FocusColumn.TAGS.render(record).orElseThrow())).as("the validator reads it back").isNull();
        assertThat(FocusValidator.validate(record)).noneMatch(v -> v.column().equals("Tags"));
    }

    @Test
    void keyOnlyTagsAreBooleanTrueAfterTheValuedOnes() {
        UsageRecord record = TestRecords.minimal()
                .putTags("team", "payments")
                .addKeyOnlyTags("pci")
                .addKeyOnlyTags("beta\"x")
                .build();
        String tags = FocusColumn.TAGS.render(record).orElseThrow();
        assertThat(tags).isEqualTo("{\"team\":\"payments\",\"pci\":true,\"beta\\\"x\":true}");
        assertThat(Json.keyValueProblem(tags)).as("FOCUS key-value format").isNull();
        assertThat(FocusColumn.TAGS.render(TestRecords.minimal().addKeyOnlyTags("pci").build())).hasValue("{\"pci\":true}");
        assertThat(FocusValidator.validate(record)).noneMatch(v -> v.column().equals("Tags"));
    }

    @Test
    void aTagCannotBeBothValuedAndKeyOnly() {
        assertThatThrownBy(() -> TestRecords.minimal().putTags("pci", "yes").addKeyOnlyTags("pci").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pci'").hasMessageContaining("key-only");
    }

    @Test
    void undeclaredExtensionsAreRefused() {
        StringWriter out = new StringWriter();
        FocusCsvWriter writer = new FocusCsvWriter(out, List.of("x_zone"));
        UsageRecord record = TestRecords.minimal().putExtensions("x_zone", "z").putExtensions("x_plan", "p").build();
        assertThatThrownBy(() -> writer.write(record)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x_plan").hasMessageContaining("declared: [x_zone]");
        assertThat(writer.rowsWritten()).isZero();
        assertThat(out.toString()).isEqualTo(header() + ",x_zone\r\n");
    }

    @Test
    void extensionDeclarationsAreChecked() {
        assertThatThrownBy(() -> new FocusCsvWriter(new StringWriter(), List.of("zone")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'zone' must be named x_");
        assertThatThrownBy(() -> new FocusCsvWriter(new StringWriter(), List.of("x_a", "x_a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x_a' is declared twice");
    }

    @Test
    void writeFailuresAreUnchecked() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        assertThatThrownBy(() -> new FocusCsvWriter(broken)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("writing FOCUS CSV failed");
    }

    @Test
    void writeAllCountsTheRowsOfTheCall() {
        StringWriter out = new StringWriter();
        try (FocusCsvWriter writer = new FocusCsvWriter(out)) {
            assertThat(writer.writeAll(Stream.of(TestRecords.minimal().build(), TestRecords.minimal().build()))).isEqualTo(2);
            assertThat(writer.writeAll(Stream.of(TestRecords.minimal().build()))).isEqualTo(1);
            assertThat(writer.rowsWritten()).isEqualTo(3);
        }
    }

    @Test
    void writtenRecordsValidateWithoutErrorAndKeepTheirLines() {
        Random random = new Random(7L);
        String[] awkward = {"plain", "a,b", "say \"x\"", "two\r\nlines", "lf\nline", "", "é, \"€\"\n"};
        List<String> extensions = List.of("x_note", "x_amount");
        List<UsageRecord> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Instant start = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(86_400L * random.nextInt(365));
            BigDecimal quantity = new BigDecimal(random.nextInt(1000)).scaleByPowerOfTen(random.nextInt(20) - 10);
            BigDecimal cost = new BigDecimal("0.50").multiply(quantity); // unit price × quantity = cost, as FOCUS asks
            ImmutableUsageRecord.Builder builder = TestRecords.complete()
                    .chargePeriodStart(start)
                    .chargePeriodEnd(start.plusSeconds(1 + random.nextInt(86_400)))
                    .billedCost(new BigDecimal(random.nextInt(1_000_000)).movePointLeft(random.nextInt(12)))
                    .pricingQuantity(quantity)
                    .listCost(cost)
                    .contractedCost(cost)
                    .chargeDescription(awkward[random.nextInt(awkward.length)])
                    .putTags(awkward[random.nextInt(awkward.length)] + i, awkward[random.nextInt(awkward.length)])
                    .putExtensions("x_note", awkward[random.nextInt(awkward.length)]);
            if (random.nextBoolean()) {
                builder.putExtensions("x_amount", new BigDecimal("1E+5").toPlainString());
            }
            records.add(builder.build());
        }
        String csv = write(extensions, records.toArray(new UsageRecord[0]));

        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader(csv))) {
            assertThat(violations).filteredOn(FocusViolation::isError).isEmpty();
        }
        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader(csv))) {
            // only the advice that an empty ChargeDescription SHOULD NOT be null
            assertThat(violations).allSatisfy(v -> assertThat(v.ruleId()).isEqualTo("ChargeDescription-C-003-O"));
        }
        // a broken record is found again after the round trip, on the line it starts: the first row spans lines 2-4
        String broken = write(extensions, TestRecords.complete().chargeDescription("a\r\nb\nc").build(),
                TestRecords.complete().consumedQuantity(new BigDecimal("-1")).build());
        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader(broken))) {
            List<FocusViolation> errors = violations.filter(FocusViolation::isError).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).column()).isEqualTo("ConsumedQuantity");
            assertThat(errors.get(0).row()).isEqualTo(5);
        }
    }
}
