package io.usage4j.core.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One request's worth of time: the half-open UTC date range {@code [start, end)}.
 *
 * <p>Providers whose APIs take inclusive end dates send {@link #lastDay()}; those that take an
 * exclusive end send {@link #end()}; month-based APIs send {@link #firstMonth()} and {@link #lastMonth()}.
 */
public record Window(LocalDate start, LocalDate end) {

    /** @throws IllegalArgumentException unless {@code start} is before {@code end} */
    public Window {
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(end, "end is null");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("window start " + start + " must be before its exclusive end " + end);
        }
    }

    /** The last day inside the window (the day before the exclusive end). */
    public LocalDate lastDay() {
        return end.minusDays(1);
    }

    /** The number of days in the window. */
    public long days() {
        return ChronoUnit.DAYS.between(start, end);
    }

    /** The calendar month of the first day. */
    public YearMonth firstMonth() {
        return YearMonth.from(start);
    }

    /** The calendar month of the last day. */
    public YearMonth lastMonth() {
        return YearMonth.from(lastDay());
    }

    /** The start as an instant, UTC. */
    public Instant startInstant() {
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The exclusive end as an instant, UTC. */
    public Instant endInstant() {
        return end.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
