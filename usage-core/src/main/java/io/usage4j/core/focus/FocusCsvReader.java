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

/** Reads RFC 4180 CSV with a header line, one row at a time, keeping the line each row starts on. */
final class FocusCsvReader implements AutoCloseable {
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
            while (true) {
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
