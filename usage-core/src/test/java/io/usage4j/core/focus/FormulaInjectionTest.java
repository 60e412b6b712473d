package io.usage4j.core.focus;

import static org.assertj.core.api.Assertions.assertThat;

import io.usage4j.core.TestRecords;
import io.usage4j.core.UsageRecord;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A provider string never becomes a spreadsheet formula in CSV written for people")
class FormulaInjectionTest {

    private static Map<String, String> row(FocusCsvWriter.Cells cells, UsageRecord record) {
        StringWriter out = new StringWriter();
        try (FocusCsvWriter writer = new FocusCsvWriter(out, List.of("x_note"), cells)) {
            writer.write(record);
        }
        try (FocusCsvReader reader = new FocusCsvReader(new StringReader(out.toString()))) {
            return reader.valuesOf(reader.rows().findFirst().orElseThrow());
        }
    }

    private static UsageRecord hostile(String text) {
        return TestRecords.minimal().serviceName(text).putExtensions("x_note", text)
                .billedCost(new BigDecimal("-12.50")).consumedQuantity(new BigDecimal("-0.000001")).build();
    }

    @Nested
    @DisplayName("spreadsheet-safe cells")
    class Safe {
        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1",
            "\r=1+1", "\n=1", " =1+1", "\u00a0=1", "\u3000@x", "\uff1d1+1", "-", "=", "\r\n\t -1+1"})
        @DisplayName("a text starting with = + - @ tab or CR, or one after leading blanks, is prefixed with a quote")
        void prefixed(String text) {
            Map<String, String> row = row(FocusCsvWriter.Cells.SPREADSHEET_SAFE, hostile(text));
            assertThat(row.get("ServiceName")).isEqualTo("'" + text);
            assertThat(row.get("x_note")).isEqualTo("'" + text);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"Workers", "1,000 requests", "-5", "-0.25", "12", "a=b", "e@x.com", "'quoted"})
        @DisplayName("plain text and plain numbers are left alone")
        void untouched(String text) {
            Map<String, String> row = row(FocusCsvWriter.Cells.SPREADSHEET_SAFE, hostile(text));
            assertThat(row.get("ServiceName")).isEqualTo(text);
            assertThat(row.get("x_note")).isEqualTo(text);
        }

        @Test
        @DisplayName("numeric columns stay exact, negative numbers included")
        void numbers() {
            Map<String, String> row = row(FocusCsvWriter.Cells.SPREADSHEET_SAFE, hostile("=1"));
            assertThat(row.get("BilledCost")).isEqualTo("-12.50");
            assertThat(row.get("ConsumedQuantity")).isEqualTo("-0.000001");
            assertThat(row.get("ChargePeriodStart")).isEqualTo("2025-01-01T00:00:00Z");
        }
    }

    @Test
    @DisplayName("exact cells (the library's default, for machine pipelines) keep every value as the provider sent it")
    void exact() {
        Map<String, String> row = row(FocusCsvWriter.Cells.EXACT, hostile("\r=1+1"));
        assertThat(row.get("ServiceName")).isEqualTo("\r=1+1");
        StringWriter out = new StringWriter();
        try (FocusCsvWriter writer = new FocusCsvWriter(out, List.of("x_note"))) {
            writer.write(hostile("=1+1"));
        }
        assertThat(out.toString()).contains(",=1+1");
    }
}
