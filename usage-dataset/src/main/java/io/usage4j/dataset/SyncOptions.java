package io.usage4j.dataset;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sync covers and how eagerly it re-fetches.
 *
 * @param from first day in scope, inclusive; empty: the first month the dataset already holds for the
 *     source (a source new to the dataset needs it)
 * @param to last day in scope, exclusive; empty: tomorrow (UTC), so today is included
 * @param lookbackMonths how many months before the current one are re-fetched on every sync
 * @param full re-fetch every month in scope, whatever the dataset holds
 * @param clock what "now" is
 */
public record SyncOptions(Optional<LocalDate> from, Optional<LocalDate> to, int lookbackMonths, boolean full, Clock clock) {
    /** The default look-back: the current month and the two before it are re-fetched on every sync. */
    public static final int DEFAULT_LOOKBACK_MONTHS = 2;

    /** Checks the fields. */
    public SyncOptions {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        Objects.requireNonNull(clock, "clock is null");
        if (lookbackMonths < 0) {
            throw new IllegalArgumentException("the look-back must be 0 or more months, got " + lookbackMonths);
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from " + from.get() + " must be before to " + to.get() + " (to is exclusive)");
        }
    }

    /** Every default: the dataset's own range through today, a two-month look-back, the system clock. */
    public static SyncOptions defaults() {
        return new SyncOptions(Optional.empty(), Optional.empty(), DEFAULT_LOOKBACK_MONTHS, false, Clock.systemUTC());
    }

    /** These options with the range starting on {@code from}. */
    public SyncOptions withFrom(LocalDate from) {
        return new SyncOptions(Optional.of(from), to, lookbackMonths, full, clock);
    }

    /** These options with the range ending before {@code to}. */
    public SyncOptions withTo(LocalDate to) {
        return new SyncOptions(from, Optional.of(to), lookbackMonths, full, clock);
    }

    /** These options with a look-back of {@code months}. */
    public SyncOptions withLookbackMonths(int months) {
        return new SyncOptions(from, to, months, full, clock);
    }

    /** These options with {@code full} set. */
    public SyncOptions withFull(boolean full) {
        return new SyncOptions(from, to, lookbackMonths, full, clock);
    }

    /** These options with {@code clock}. */
    public SyncOptions withClock(Clock clock) {
        return new SyncOptions(from, to, lookbackMonths, full, clock);
    }
}
