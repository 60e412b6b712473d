package io.usage4j.spi.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/** Parses an HTTP {@code Retry-After} value: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
public final class RetryAfter {
    private RetryAfter() {}

    /** The wait {@code value} asks for, measured from {@code clock}'s now; empty when absent or unreadable. */
    public static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        Instant at = httpDate(text, clock);
        if (at == null) {
            return Optional.empty();
        }
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    /**
     * An HTTP-date in any of the three formats a recipient must accept (RFC 9110 §5.6.7): IMF-fixdate
     * ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the obsolete RFC 850 form ({@code Sunday, 06-Nov-94
     * 08:49:37 GMT}, a two-digit year more than 50 years ahead meaning the past century) and asctime
     * ({@code Sun Nov  6 08:49:37 1994}, UTC); null if it is none of them.
     */
    private static Instant httpDate(String text, Clock clock) {
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException notImfFixdate) {
            // try the obsolete forms
        }
        int thisYear = clock.instant().atZone(ZoneOffset.UTC).getYear();
        DateTimeFormatter rfc850 = new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, thisYear - 49)
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.US)
                .withZone(ZoneOffset.UTC);
        DateTimeFormatter asctime = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US)
                .withZone(ZoneOffset.UTC);
        for (DateTimeFormatter format : new DateTimeFormatter[] {rfc850, asctime}) {
            try {
                return ZonedDateTime.parse(text, format).toInstant();
            } catch (DateTimeParseException notThisForm) {
                // next form
            }
        }
        return null;
    }
}
