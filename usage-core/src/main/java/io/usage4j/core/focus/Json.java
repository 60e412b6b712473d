package io.usage4j.core.focus;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little JSON core needs: writing a flat object of strings (the FOCUS Tags column), checking that a
 * text is a FOCUS key-value object (KeyValueFormat-A-001..004-M), and reading a whole document (the FOCUS
 * requirements model) into maps, lists, strings, {@link java.math.BigDecimal}s, booleans and nulls.
 */
final class Json {
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private Json() {}

    /**
     * The JSON document {@code text} as plain Java values: an object is a {@code Map<String, Object>} in
     * document order, an array a {@code List<Object>}, a number a {@link java.math.BigDecimal} read from
     * its text, and JSON null is {@code null}.
     *
     * @throws IllegalArgumentException naming the offset where the text stops being JSON
     */
    static Object parse(String text) {
        Reader reader = new Reader(text);
        reader.space();
        Object value = reader.value();
        reader.space();
        if (reader.at != text.length()) {
            throw reader.error("text after the JSON value");
        }
        return value;
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        Object value() {
            if (at >= text.length()) {
                throw error("the text ends where a value should start");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{' -> {
                    at++;
                    Map<String, Object> object = new java.util.LinkedHashMap<>();
                    space();
                    if (take('}')) {
                        return object;
                    }
                    do {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        space();
                        if (object.containsKey(key)) {
                            throw error("the key \"" + key + "\" appears twice");
                        }
                        object.put(key, value());
                        space();
                    } while (take(','));
                    expect('}');
                    return object;
                }
                case '[' -> {
                    at++;
                    java.util.List<Object> array = new java.util.ArrayList<>();
                    space();
                    if (take(']')) {
                        return array;
                    }
                    do {
                        space();
                        array.add(value());
                        space();
                    } while (take(','));
                    expect(']');
                    return array;
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
                    Matcher number = NUMBER.matcher(text).region(at, text.length());
                    if (!number.lookingAt()) {
                        throw error("not a JSON value");
                    }
                    at = number.end();
                    return new java.math.BigDecimal(number.group());
                }
            }
        }

        String string() {
            Checker checker = new Checker(text);
            checker.at = at;
            String value = checker.string();
            if (value == null) {
                throw error("not a JSON string");
            }
            at = checker.at;
            return value;
        }

        private void expect(char c) {
            if (!take(c)) {
                throw error("'" + c + "' expected");
            }
        }

        private boolean take(char c) {
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
            return new IllegalArgumentException("not JSON at offset " + at + ": " + why);
        }
    }

    /** What is wrong with a key-value text: the FOCUS rule it breaks and why. */
    record Problem(String ruleId, String message) {}

    /**
     * Why {@code text} is not a FOCUS key-value object (one JSON object of unique keys whose values
     * are strings, numbers, true, false or null), or {@code null} when it is one.
     */
    static Problem keyValueProblem(String text) {
        return new Checker(text).check();
    }

    private static final class Checker {
        private final String text;
        private int at;

        Checker(String text) {
            this.text = text;
        }

        Problem check() {
            space();
            if (!take('{')) {
                return syntax("it does not start with {");
            }
            Set<String> keys = new HashSet<>();
            space();
            if (take('}')) {
                return end();
            }
            while (true) {
                space();
                String key = string();
                if (key == null) {
                    return syntax("a key is not a JSON string");
                }
                if (!keys.add(key)) {
                    return new Problem("KeyValueFormat-A-002-M", "the key \"" + key + "\" appears twice");
                }
                space();
                if (!take(':')) {
                    return syntax("no ':' after the key \"" + key + "\"");
                }
                space();
                if (at < text.length() && (text.charAt(at) == '{' || text.charAt(at) == '[')) {
                    return new Problem("KeyValueFormat-A-004-M", "the value of \"" + key + "\" is an object or an array");
                }
                if (!scalar()) {
                    return syntax("the value of \"" + key + "\" is not a JSON string, number, true, false or null");
                }
                space();
                if (take('}')) {
                    return end();
                }
                if (!take(',')) {
                    return syntax("no ',' or '}' after the value of \"" + key + "\"");
                }
            }
        }

        private Problem end() {
            space();
            return at == text.length() ? null : syntax("there is text after the closing }");
        }

        private Problem syntax(String why) {
            return new Problem("KeyValueFormat-A-001-M", "not a JSON object: " + why);
        }

        private boolean scalar() {
            if (at < text.length() && text.charAt(at) == '"') {
                return string() != null;
            }
            for (String literal : new String[] {"true", "false", "null"}) {
                if (text.startsWith(literal, at)) {
                    at += literal.length();
                    return true;
                }
            }
            Matcher number = NUMBER.matcher(text).region(at, text.length());
            if (number.lookingAt()) {
                at = number.end();
                return true;
            }
            return false;
        }

        /** A JSON string at the cursor, decoded, or null if there is none. */
        private String string() {
            if (!take('"')) {
                return null;
            }
            StringBuilder value = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c < 0x20) {
                    return null;
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    return null;
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
                        if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9A-Fa-f]{4}")) {
                            return null;
                        }
                        value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return null;
        }

        private boolean take(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void space() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }
    }

    static String object(Map<String, String> entries) {
        return object(entries, Set.of());
    }

    /** A flat object of {@code entries} (string values) followed by {@code trueKeys} (each with the value true). */
    static String object(Map<String, String> entries, Set<String> trueKeys) {
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, entry.getKey());
            json.append(':');
            string(json, entry.getValue());
        }
        for (String key : trueKeys) {
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, key);
            json.append(":true");
        }
        return json.append('}').toString();
    }

    private static void string(StringBuilder json, String value) {
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
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
