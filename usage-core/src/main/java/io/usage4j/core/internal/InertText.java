package io.usage4j.core.internal;

/**
 * Makes text that came from outside (a provider's error body, a header) inert on a terminal or in a
 * log: line breaks and tabs become spaces; every other control character (C0, DEL, C1, which start
 * ESC, OSC and CSI sequences) and the Unicode bidirectional overrides become visible escapes such as
 * {@code \x1b} or {@code \u202e}. Printable text, non-ASCII letters included, is kept.
 */
public final class InertText {
    private InertText() {}

    /** {@code text} made inert; {@code null} stays {@code null}. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !unsafe(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                out.append(c);
            } else if (c == '\n' || c == '\r' || c == '\t' || c == '\u2028' || c == '\u2029') {
                out.append(' ');
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /** Whether {@code c} can change what a terminal shows beyond printing itself. */
    public static boolean unsafe(char c) {
        return Character.isISOControl(c) // C0, DEL and C1
                || c >= '\u202a' && c <= '\u202e' // bidi embeddings and overrides
                || c >= '\u2066' && c <= '\u2069' // bidi isolates
                || c == '\u200e' || c == '\u200f' || c == '\u061c' // direction marks
                || c == '\u2028' || c == '\u2029';
    }
}
