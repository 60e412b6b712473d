package io.usage4j.core.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The CSV reader bounds lines and fields, and names the line that is too long")
class CsvReaderLimitsTest {

    /** A reader of {@code prefix}, then {@code count} times {@code c}, generated as it is read (no big string). */
    private static Reader repeated(String prefix, char c, long count) {
        return generated(prefix, count, i -> c);
    }

    /** A reader of {@code prefix}, then {@code count} generated characters. */
    private static Reader generated(String prefix, long count, java.util.function.LongFunction<Character> at) {
        return new Reader() {
            private int offset;
            private long index;

            @Override
            public int read(char[] buffer, int off, int len) {
                int n = 0;
                while (n < len && offset < prefix.length()) {
                    buffer[off + n++] = prefix.charAt(offset++);
                }
                while (n < len && index < count) {
                    buffer[off + n++] = at.apply(index++);
                }
                return n == 0 ? -1 : n;
            }

            @Override
            public void close() {
            }
        };
    }

    private static long count(Reader csv) {
        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(csv)) {
            return violations.count();
        }
    }

    @Test
    @DisplayName("an unclosed quote running to the end of a large file fails on the field cap, naming its line")
    void unclosedQuote() {
        Reader csv = repeated("BilledCost,ServiceName\r\n1,ok\r\n2,\"", 'x', 64L * 1024 * 1024);
        assertThatThrownBy(() -> count(csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CSV line 3")
                .hasMessageContaining("longer than " + FocusCsvReader.MAX_FIELD_CHARS + " characters");
    }

    @Test
    @DisplayName("a line of very many short fields fails on the field count cap")
    void manyFields() {
        Reader csv = repeated("BilledCost\r\n", ',', FocusCsvReader.MAX_FIELDS + 10L);
        assertThatThrownBy(() -> count(csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CSV line 2 has more than " + FocusCsvReader.MAX_FIELDS + " fields");
    }

    @Test
    @DisplayName("a line of fields each under the field cap but too long together fails on the line cap")
    void longRecord() {
        int every = FocusCsvReader.MAX_FIELD_CHARS / 2;
        Reader csv = generated("BilledCost\r\nx\r\n", FocusCsvReader.MAX_RECORD_CHARS + 10L, i -> i % every == every - 1 ? ',' : 'z');
        assertThatThrownBy(() -> count(csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CSV line 3")
                .hasMessageContaining("longer than " + FocusCsvReader.MAX_RECORD_CHARS + " characters");
    }

    @Test
    @DisplayName("a huge header fails at line 1")
    void header() {
        assertThatThrownBy(() -> FocusValidator.validateCsv(repeated("", 'H', FocusCsvReader.MAX_FIELD_CHARS + 1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CSV line 1");
    }

    @Test
    @DisplayName("a field just under the cap is read")
    void underTheCap() {
        Reader csv = repeated("x_note\r\n", 'y', FocusCsvReader.MAX_FIELD_CHARS);
        try (FocusCsvReader reader = new FocusCsvReader(csv)) {
            assertThat(reader.valuesOf(reader.rows().findFirst().orElseThrow()).get("x_note")).hasSize(FocusCsvReader.MAX_FIELD_CHARS);
        }
    }
}
