package io.usage4j.cli;

import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusColumn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON Lines: one object per record, keyed by FOCUS column names then the record's {@code x_}
 * columns. Absent values are left out. Decimal columns are JSON numbers written from the exact
 * {@code BigDecimal} text (never scientific notation); Tags is a JSON object; extension values stay
 * strings, since the provider's text is all that is known about them.
 */
final class JsonLinesSink implements RecordSink {
    private final Writer out;

    JsonLinesSink(Writer out) {
        this.out = out;
    }

    @Override
    public void begin(List<String> extensionColumns) {
        // no header in JSON Lines
    }

    @Override
    public void accept(String providerId, UsageRecord record) {
        try {
            out.write(line(record));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON Lines failed", e);
        }
    }

    static String line(UsageRecord record) {
        StringBuilder json = new StringBuilder("{");
        for (FocusColumn column : FocusColumn.values()) {
            Optional<String> value = column.render(record);
            if (value.isEmpty()) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, column.columnName());
            json.append(':');
            switch (column.type()) {
                case DECIMAL, KEY_VALUE -> json.append(value.get());
                default -> string(json, value.get());
            }
        }
        for (Map.Entry<String, String> extension : record.extensions().entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, extension.getKey());
            json.append(':');
            string(json, extension.getValue());
        }
        return json.append('}').toString();
    }

    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    @Override
    public void finish() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON Lines failed", e);
        }
    }
}
