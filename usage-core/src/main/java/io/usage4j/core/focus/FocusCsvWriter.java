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
 *
 * <p>Cells are {@linkplain Cells#EXACT exact} by default, for machine pipelines. A CSV that people
 * open in a spreadsheet is written with {@link Cells#SPREADSHEET_SAFE}: a text cell a spreadsheet
 * would run as a formula gets a leading {@code '} (see {@link Cells}).
 */
public final class FocusCsvWriter implements Closeable, Flushable {
    private static final FocusColumn[] COLUMNS = FocusColumn.values();

    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** How text cells are written. */
    public enum Cells {
        /** Every value exactly as the record holds it: for machine pipelines. */
        EXACT,
        /**
         * For people and spreadsheets: a text cell (a FOCUS string column, Tags or an extension column)
         * that starts with {@code = + - @}, a tab or a line break, or whose first character after
         * leading blanks and control characters is one of {@code = + - @} (or their full-width forms),
         * is written with a leading {@code '}, so no spreadsheet runs it as a formula. A plain number
         * ({@code -5}, {@code -0.25}) is left as it is; decimal and date-time columns are never changed.
         */
        SPREADSHEET_SAFE
    }

    private final Writer out;
    private final List<String> extensionColumns;
    private final Set<String> declared;
    private final Cells cells;
    private long rows;

    /**
     * A writer to {@code out} that writes the header at once.
     *
     * @param extensionColumns the {@code x_} columns to write after the FOCUS ones, in order
     * @throws IllegalArgumentException if an extension name is not {@code x_...} or is repeated
     * @throws UncheckedIOException if writing the header fails
     */
    public FocusCsvWriter(Writer out, List<String> extensionColumns) {
        this(out, extensionColumns, Cells.EXACT);
    }

    /**
     * A writer to {@code out} whose text cells are written as {@code cells} says; writes the header at once.
     *
     * @param extensionColumns the {@code x_} columns to write after the FOCUS ones, in order
     * @throws IllegalArgumentException if an extension name is not {@code x_...} or is repeated
     * @throws UncheckedIOException if writing the header fails
     */
    public FocusCsvWriter(Writer out, List<String> extensionColumns, Cells cells) {
        this.out = Objects.requireNonNull(out, "out is null");
        Objects.requireNonNull(extensionColumns, "extensionColumns is null");
        this.cells = Objects.requireNonNull(cells, "cells is null");
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
            String value = column.render(record).orElse("");
            boolean text = column.type() != FocusColumn.FocusType.DECIMAL && column.type() != FocusColumn.FocusType.DATETIME;
            fields.add(text ? cell(value) : value);
        }
        Map<String, String> extensions = record.extensions();
        for (String name : extensionColumns) {
            fields.add(cell(extensions.getOrDefault(name, "")));
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

    private String cell(String value) {
        return cells == Cells.SPREADSHEET_SAFE && runsAsFormula(value) ? "'" + value : value;
    }

    /** Whether a spreadsheet could take {@code value} for a formula (see {@link Cells#SPREADSHEET_SAFE}). */
    static boolean runsAsFormula(String value) {
        if (value.isEmpty() || PLAIN_NUMBER.matcher(value).matches()) {
            return false;
        }
        char first = value.charAt(0);
        if (first == '\t' || first == '\r' || first == '\n') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                continue;
            }
            return c == '=' || c == '+' || c == '-' || c == '@' || c == '\uff1d' || c == '\uff0b' || c == '\uff0d'
                    || c == '\uff20';
        }
        return false;
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
