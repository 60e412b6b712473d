package io.usage4j.core.internal;

/**
 * The one rule for extension column names (FOCUS ColumnHandling-A-010-M): {@code x_} followed by one or
 * more ASCII letters, digits or underscores. A loop rather than a regex: it runs for every record built.
 */
public final class ExtensionNames {
    private ExtensionNames() {}

    /** Whether {@code name} is a well-formed extension column name. */
    public static boolean isValid(String name) {
        if (name.length() < 3 || name.charAt(0) != 'x' || name.charAt(1) != '_') {
            return false;
        }
        for (int i = 2; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
