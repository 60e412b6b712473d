package io.usage4j.cli;

/**
 * Makes text inert before it reaches a terminal: whatever a provider sent (error text, a service
 * name, a unit) or a file held cannot move the cursor, clear the screen, retitle the window or
 * reorder text. Line breaks and tabs become spaces; every other control character (C0, DEL, C1: the
 * starts of ESC, CSI and OSC sequences) and the Unicode direction overrides become visible escapes
 * such as {@code \x1b}. Files written with {@code --output} keep values exact; only what is shown is
 * changed.
 */
final class Terminal {
    private Terminal() {}

    /** {@code text} made inert; {@code null} stays {@code null}. */
    static String inert(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (c == '\n' || c == '\r' || c == '\t' || c == '\u2028' || c == '\u2029') {
                out.append(' ');
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c)
                || c >= '\u202a' && c <= '\u202e'
                || c >= '\u2066' && c <= '\u2069'
                || c == '\u200e' || c == '\u200f' || c == '\u061c'
                || c == '\u2028' || c == '\u2029';
    }
}
