package io.usage4j.spi.kit;

import java.time.Duration;

/** Waits between retries. The default sleeps; tests inject one that records the delay and returns at once. */
@FunctionalInterface
public interface Sleeper {
    /** Waits {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
