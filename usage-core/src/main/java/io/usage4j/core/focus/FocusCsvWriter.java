package io.usage4j.core.focus;

import io.usage4j.core.UsageRecord;
import io.usage4j.core.internal.ExtensionNames;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes records as a FOCUS CSV, one row at a time: the header is the FOCUS column names in
 * {@link FocusColumn} order followed by the declared extension columns; fields are quoted per
 * RFC 4180 (CRLF line ends); date-times are ISO 8601 UTC; numbers are plain {@link java.math.BigDecimal}
 * strings, never scientific notation; an absent value is an empty field.
 *
 * <p>Extension columns must be declared up front (a source lists its own in
 * {@link io.usage4j.core.SourceCapabilities#extensionColumns()}), because a streaming writer cannot go
 * back to widen its header. A record carrying an undeclared extension is refused rather than written
 * without it. Not thread-safe.
 */
public final class FocusCsvWriter implements Closeable, Flushable {
    private static final FocusColumn[] COLUMNS = FocusColumn.values();

    private final Writer out;
    private final List<String> extensionColumns;
    private final Set<String> declared;
    private long rows;

    /**
     * A writer to {@code out} that writes the header at once.
     *
     * @param extensionColumns the {@code x_} columns to write after the FOCUS ones, in order
     * @throws IllegalArgumentException if an extension name is not {@code x_...} or is repeated
     * @throws UncheckedIOException if writing the header fails
     */
    public FocusCsvWriter(Writer out, List<String> extensionColumns) {
        this.out = Objects.requireNonNull(out, "out is null");
        Objects.requireNonNull(extensionColumns, "extensionColumns is null");
        this.declared = new LinkedHashSet<>();
        for (String name : extensionColumns) {
            if (!ExtensionNames.isValid(name)) {
                throw new IllegalArgumentException("extension column '" + name + "' must be named x_ followed by letters, digits or underscores");
            }
            if (!declared.add(name)) {
                throw new IllegalArgumentException("extension column '" + name + "' is declared twice");
            }
        }
        this.extensionColumns = List.copyOf(extensionColumns);
        List<String> header = new ArrayList<>();
        for (FocusColumn column : COLUMNS) {
            header.add(column.columnName());
        }
        header.addAll(this.extensionColumns);
        writeLine(header);
    }

    /** A writer with no extension columns. */
    public FocusCsvWriter(Writer out) {
        this(out, List.of());
    }

    /**
     * Writes one record as one row.
     *
     * @throws IllegalArgumentException if the record has an extension column that was not declared
     * @throws UncheckedIOException if writing fails
     */
    public void write(UsageRecord record) {
        Objects.requireNonNull(record, "record is null");
        for (String name : record.extensions().keySet()) {
            if (!declared.contains(name)) {
                throw new IllegalArgumentException("record has extension column " + name
                        + " that this writer was not given; declare it (declared: " + extensionColumns + ")");
            }
        }
        List<String> fields = new ArrayList<>(COLUMNS.length + extensionColumns.size());
        for (FocusColumn column : COLUMNS) {
            fields.add(column.render(record).orElse(""));
        }
        Map<String, String> extensions = record.extensions();
        for (String name : extensionColumns) {
            fields.add(extensions.getOrDefault(name, ""));
        }
        writeLine(fields);
        rows++;
    }

    /**
     * Writes every record of {@code records} in order, consuming the stream one record at a time.
     *
     * @return the number of rows written by this call
     */
    public long writeAll(Stream<UsageRecord> records) {
        long before = rows;
        records.forEachOrdered(this::write);
        return rows - before;
    }

    /** The number of rows written so far, not counting the header. */
    public long rowsWritten() {
        return rows;
    }

    private void writeLine(List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                writeField(fields.get(i));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException("writing FOCUS CSV failed after " + rows + " rows", e);
        }
    }

    private void writeField(String value) throws IOException {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("flushing FOCUS CSV failed", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing FOCUS CSV failed", e);
        }
    }
}
