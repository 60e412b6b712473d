package io.usage4j.spi;

import io.usage4j.spi.kit.Sleeper;
import java.time.Clock;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The runtime services a source reaches through its {@link SourceConfig}, in the way a database
 * connector receives its context: the clock "today", Retry-After dates and the retry budget are read
 * from, how the kit waits between retries, and the random source of the retry jitter.
 * {@link UsageSources} passes them to every source it opens, so a test injects its own per registry
 * (never through a process-wide static), and tests may run in parallel.
 *
 * @param clock the clock for "today" (query planning, lookback), HTTP-date Retry-After values and
 *     {@code max_retry_duration}
 * @param sleeper how retry delays are waited
 * @param random values in {@code [0, 1)} that jitter the retry backoff
 */
public record SourceRuntime(Clock clock, Sleeper sleeper, DoubleSupplier random) {

    /** Checks the fields. */
    public SourceRuntime {
        Objects.requireNonNull(clock, "clock is null");
        Objects.requireNonNull(sleeper, "sleeper is null");
        Objects.requireNonNull(random, "random is null");
    }

    /** {@code clock} and {@code sleeper} with a thread-safe random jitter. */
    public SourceRuntime(Clock clock, Sleeper sleeper) {
        this(clock, sleeper, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** The system UTC clock, real sleeping and random jitter. */
    public static SourceRuntime system() {
        return new SourceRuntime(Clock.systemUTC(), Sleeper.system());
    }

    /** This runtime with {@code clock}. */
    public SourceRuntime withClock(Clock clock) {
        return new SourceRuntime(clock, sleeper, random);
    }

    /** This runtime with {@code sleeper}: for tests that record retry delays instead of waiting them out. */
    public SourceRuntime withSleeper(Sleeper sleeper) {
        return new SourceRuntime(clock, sleeper, random);
    }

    /** This runtime with {@code random} as the jitter source: for tests that need exact retry delays. */
    public SourceRuntime withRandom(DoubleSupplier random) {
        return new SourceRuntime(clock, sleeper, random);
    }
}
