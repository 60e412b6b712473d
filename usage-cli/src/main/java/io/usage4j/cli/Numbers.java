package io.usage4j.cli;

import java.math.BigDecimal;

/** Exact, locale-independent number text for people: thousands grouped with commas, no trailing zeros. */
final class Numbers {
    private Numbers() {}

    /** {@code 1234567.50} becomes {@code 1,234,567.5}; the digits are never rounded. */
    static String grouped(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        String plain = stripped.toPlainString();
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        String fraction = dot < 0 ? "" : digits.substring(dot);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(whole.charAt(i));
        }
        return (negative ? "-" : "") + grouped + fraction;
    }
}
