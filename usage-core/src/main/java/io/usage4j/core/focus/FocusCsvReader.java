package io.usage4j.core.focus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads RFC 4180 CSV with a header line, one row at a time, keeping the line each row starts on.
 * Memory is bounded: a field longer than {@link #MAX_FIELD_CHARS} or a record (a row, quoted line
 * breaks included) longer than {@link #MAX_RECORD_CHARS} characters fails naming the line it starts
 * on, as an unclosed quote running to the end of a large file does; so does a record of more than
 * {@link #MAX_FIELDS} fields.
 */
final class FocusCsvReader implements AutoCloseable {
    /** The longest field read, in characters (1 Mi): far beyond any FOCUS value, Tags included. */
    static final int MAX_FIELD_CHARS = 1 << 20;
    /** The longest record read, in characters (4 Mi), separators and quoted line breaks included. */
    static final int MAX_RECORD_CHARS = 4 << 20;
    /** The most fields in one record (64 Ki); FOCUS has about sixty columns plus extensions. */
    static final int MAX_FIELDS = 1 << 16;

    private final BufferedReader in;
    private final List<String> header;
    private long line = 1;

    /** One row: the line it starts on and its fields, in the header's order. */
    record Row(long line, List<String> fields) {}

    FocusCsvReader(Reader reader) {
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        skipByteOrderMark();
        List<String> first = next();
        if (first == null) {
            throw new IllegalArgumentException("the CSV is empty: a FOCUS CSV starts with a header line");
        }
        this.header = List.copyOf(first);
    }

    /** The fields of {@code row} by column name, in header order. */
    java.util.Map<String, String> valuesOf(Row row) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < row.fields().size(); i++) {
            values.put(header.get(i), row.fields().get(i));
        }
        return values;
    }

    List<String> header() {
        return header;
    }

    Stream<Row> rows() {
        Iterator<Row> iterator = new Iterator<>() {
            private Row next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    long start = line;
                    List<String> fields = FocusCsvReader.this.next();
                    if (fields == null) {
                        return false;
                    }
                    if (fields.size() != header.size()) {
                        throw new IllegalArgumentException("CSV line " + start + " has " + fields.size()
                                + " fields but the header has " + header.size());
                    }
                    next = new Row(start, fields);
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = next;
                next = null;
                return row;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }

    /** Spreadsheet tools often start a UTF-8 CSV with U+FEFF; it is not part of the first column's name. */
    private void skipByteOrderMark() {
        try {
            in.mark(1);
            if (in.read() != '\uFEFF') {
                in.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading CSV failed at line 1", e);
        }
    }

    /** The fields of the next record, or null at the end; a blank last line ends the file. */
    private List<String> next() {
        try {
            int c = in.read();
            if (c == -1) {
                return null;
            }
            long start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean afterQuote = false;
            long recordChars = 0;
            while (true) {
                if (++recordChars > MAX_RECORD_CHARS) {
                    throw new IllegalArgumentException("CSV line " + start + ": the record is longer than " + MAX_RECORD_CHARS
                            + " characters, more than any FOCUS row; the file is not a FOCUS CSV or a quote is never closed");
                }
                if (field.length() > MAX_FIELD_CHARS) {
                    throw new IllegalArgumentException("CSV line " + start + ": a field is longer than " + MAX_FIELD_CHARS
                            + " characters, more than any FOCUS value; the file is not a FOCUS CSV or a quote is never closed");
                }
                if (c == -1) {
                    if (quoted) {
                        throw new IllegalArgumentException("CSV line " + start + ": a quoted field is never closed");
                    }
                    fields.add(field.toString());
                    return fields;
                }
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        in.mark(1);
                        int peek = in.read();
                        if (peek == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            afterQuote = true;
                            in.reset();
                        }
                    } else {
                        // A line break inside a quoted field is LF, CRLF (counted at its LF) or a lone CR.
                        if (ch == '\n') {
                            line++;
                        } else if (ch == '\r') {
                            in.mark(1);
                            int peek = in.read();
                            in.reset();
                            if (peek != '\n') {
                                line++;
                            }
                        }
                        field.append(ch);
                    }
                } else if (ch == '"' && field.length() == 0 && !afterQuote) {
                    quoted = true;
                } else if (ch == ',') {
                    if (fields.size() >= MAX_FIELDS) {
                        throw new IllegalArgumentException("CSV line " + start + " has more than " + MAX_FIELDS
                                + " fields, more than any FOCUS row; the file is not a FOCUS CSV");
                    }
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                } else if (ch == '\r' || ch == '\n') {
                    if (ch == '\r') {
                        in.mark(1);
                        if (in.read() != '\n') {
                            in.reset();
                        }
                    }
                    line++;
                    fields.add(field.toString());
                    return fields;
                } else {
                    if (afterQuote) {
                        throw new IllegalArgumentException("CSV line " + line + ": text after a closing quote");
                    }
                    field.append(ch);
                }
                c = in.read();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading CSV failed at line " + line, e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing CSV failed", e);
        }
    }
}
