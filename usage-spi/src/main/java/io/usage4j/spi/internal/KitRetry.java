package io.usage4j.spi.internal;

import dev.failsafe.RetryPolicy;
import io.usage4j.core.RateLimitedException;
import io.usage4j.core.UsageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kit's retry policy for one request, declared with Failsafe's builder and holding no mutable
 * state: retryable {@link UsageException}s only (429, 5xx, connection faults), at most
 * {@code max_retries} retries, a delay function that prefers the server's Retry-After and otherwise
 * backs off exponentially from 1 s, doubling, capped at 30 s, jittered by ±20% from the runtime's random
 * source, and a retry budget of {@code max_retry_duration} measured on the runtime's clock: no retry
 * once the budget is spent, and none whose Retry-After would outlast what is left of it.
 *
 * <p>The backoff and jitter are computed in the delay function rather than with Failsafe's
 * {@code withBackoff}/{@code withJitter}: Failsafe applies those on top of a computed delay (so they
 * would stretch or shorten a Retry-After) and draws its jitter from {@code Math.random()}, which a test
 * cannot replace.
 */
public final class KitRetry {
    /** The first backoff delay. */
    public static final Duration BASE_DELAY = Duration.ofSeconds(1);
    /** The longest backoff delay. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(30);
    /** The backoff's relative jitter, either way. */
    public static final double JITTER = 0.2;

    private static final Logger LOG = LoggerFactory.getLogger(KitRetry.class);

    private KitRetry() {}

    /**
     * The policy for one request described by {@code what}, its budget starting now on {@code clock}.
     *
     * @param random values in {@code [0, 1)} for the jitter
     */
    public static <T> RetryPolicy<T> policy(String providerId, String what, int maxRetries, Duration maxRetryDuration,
            Clock clock, DoubleSupplier random, Redactor redactor) {
        Instant start = clock.instant();
        return RetryPolicy.<T>builder()
                .handleIf(failure -> failure instanceof UsageException usage && usage.isRetryable())
                .abortIf((result, failure) -> failure != null && !withinBudget(failure, start, clock, maxRetryDuration))
                .withMaxRetries(maxRetries)
                .withDelayFn(context -> delay(context.getLastException(), context.getAttemptCount(), random))
                .onRetryScheduled(event -> LOG.info("{}: {} failed (attempt {}), retrying in {} ms: {}", providerId,
                        what, event.getAttemptCount(), event.getDelay().toMillis(),
                        redactor.redact(String.valueOf(event.getLastException().getMessage()))))
                .build();
    }

    /**
     * The wait before the retry that follows {@code attempts} failed attempts: the server's Retry-After
     * when {@code failure} carries one, else {@code 1 s × 2^(attempts-1)} capped at 30 s, times
     * {@code 1 ± 20%} drawn from {@code random}, capped at 30 s again.
     */
    public static Duration delay(Throwable failure, int attempts, DoubleSupplier random) {
        if (failure instanceof RateLimitedException limited && limited.retryAfter().isPresent()) {
            return limited.retryAfter().get();
        }
        long base = Math.min(MAX_DELAY.toMillis(), BASE_DELAY.toMillis() << Math.min(Math.max(attempts - 1, 0), 20));
        double jitter = 1 + JITTER * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.min(MAX_DELAY.toMillis(), (long) (base * jitter)));
    }

    /** Whether a retry after {@code failure} fits what is left of the budget on {@code clock}. */
    private static boolean withinBudget(Throwable failure, Instant start, Clock clock, Duration budget) {
        Duration elapsed = Duration.between(start, clock.instant());
        Duration wait = failure instanceof RateLimitedException limited && limited.retryAfter().isPresent()
                ? limited.retryAfter().get() : Duration.ZERO;
        return elapsed.plus(wait).compareTo(budget) <= 0;
    }
}
