package io.usage4j.spi;

import io.usage4j.spi.kit.Sleeper;
import java.time.Clock;
import java.util.Objects;

/**
 * The runtime services a source reaches through its {@link SourceConfig}, in the way a database
 * connector receives its context: the clock "today" and Retry-After dates are read from, and how the
 * kit waits between retries. {@link UsageSources} passes them to every source it opens, so a test
 * injects its own per registry (never through a process-wide static), and tests may run in parallel.
 *
 * @param clock the clock for "today" (query planning, lookback) and HTTP-date Retry-After values
 * @param sleeper how retry delays are waited
 */
public record SourceRuntime(Clock clock, Sleeper sleeper) {

    /** Checks the fields. */
    public SourceRuntime {
        Objects.requireNonNull(clock, "clock is null");
        Objects.requireNonNull(sleeper, "sleeper is null");
    }

    /** The system UTC clock and real sleeping. */
    public static SourceRuntime system() {
        return new SourceRuntime(Clock.systemUTC(), Sleeper.system());
    }

    /** This runtime with {@code clock}. */
    public SourceRuntime withClock(Clock clock) {
        return new SourceRuntime(clock, sleeper);
    }

    /** This runtime with {@code sleeper}: for tests that record retry delays instead of waiting them out. */
    public SourceRuntime withSleeper(Sleeper sleeper) {
        return new SourceRuntime(clock, sleeper);
    }
}
