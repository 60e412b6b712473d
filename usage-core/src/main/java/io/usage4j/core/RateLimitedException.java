package io.usage4j.core;

import java.time.Duration;
import java.util.Optional;

/** The provider is rate limiting (HTTP 429, or its own equivalent); {@link #retryAfter()} says when to come back if it said. */
public class RateLimitedException extends TransientException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param retryAfter how long the provider asked to wait, or {@code null} if it did not say
     */
    public RateLimitedException(String providerId, int httpStatus, String requestId, Duration retryAfter,
            String message, Throwable cause) {
        super(providerId, httpStatus, requestId, message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the provider asked to wait before the next request, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
