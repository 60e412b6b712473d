package io.usage4j.dataset.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the dataset metadata needs, without a JSON library (the module depends on core and
 * parquet-java only): writing maps, lists, strings, numbers and booleans with indentation, and parsing
 * them back (objects become {@link LinkedHashMap}s, arrays {@link ArrayList}s, numbers {@link BigDecimal}s).
 */
public final class JsonText {
    private JsonText() {}

    /** {@code value} as indented JSON text. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof BigDecimal number) {
            out.append(number.toPlainString());
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "\n" : ",\n");
                first = false;
                indent(out, depth + 1);
                string(out, String.valueOf(entry.getKey()));
                out.append(": ");
                write(out, entry.getValue(), depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                out.append(first ? "\n" : ",\n");
                first = false;
                indent(out, depth + 1);
                write(out, item, depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    /** A compact one-line JSON object of string keys and values (the FOCUS text of a Tags value). */
    public static String object(Map<String, String> entries) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, entry.getKey());
            out.append(':');
            if (entry.getValue() == null) {
                out.append("null");
            } else {
                string(out, entry.getValue());
            }
        }
        return out.append('}').toString();
    }

    private static void indent(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the offset, if the text is not JSON
     */
    public static Object parse(String text) {
        Parser parser = new Parser(text);
        parser.space();
        Object value = parser.value();
        parser.space();
        if (parser.at != text.length()) {
            throw parser.error("text after the JSON value");
        }
        return value;
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Object value() {
            if (at >= text.length()) {
                throw error("the text ends where a value was expected");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{' -> {
                    return object();
                }
                case '[' -> {
                    return array();
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    for (String literal : new String[] {"true", "false", "null"}) {
                        if (text.startsWith(literal, at)) {
                            at += literal.length();
                            return literal.equals("null") ? null : Boolean.valueOf(literal);
                        }
                    }
                    int start = at;
                    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                        at++;
                    }
                    try {
                        return new BigDecimal(text.substring(start, at));
                    } catch (NumberFormatException e) {
                        at = start;
                        throw error("not a JSON value");
                    }
                }
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            space();
            if (take('}')) {
                return map;
            }
            while (true) {
                space();
                if (at >= text.length() || text.charAt(at) != '"') {
                    throw error("a key was expected");
                }
                String key = string();
                space();
                if (!take(':')) {
                    throw error("':' was expected");
                }
                space();
                map.put(key, value());
                space();
                if (take('}')) {
                    return map;
                }
                if (!take(',')) {
                    throw error("',' or '}' was expected");
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            at++;
            space();
            if (take(']')) {
                return list;
            }
            while (true) {
                space();
                list.add(value());
                space();
                if (take(']')) {
                    return list;
                }
                if (!take(',')) {
                    throw error("',' or ']' was expected");
                }
            }
        }

        private String string() {
            StringBuilder value = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    break;
                }
                char escape = text.charAt(at++);
                switch (escape) {
                    case '"', '\\', '/' -> value.append(escape);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("a \\u escape is cut short");
                        }
                        try {
                            value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException e) {
                            throw error("a \\u escape is not hexadecimal");
                        }
                        at += 4;
                    }
                    default -> throw error("unknown escape \\" + escape);
                }
            }
            throw error("a string is not closed");
        }

        boolean take(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        void space() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("not valid JSON at offset " + at + ": " + why);
        }
    }
}
