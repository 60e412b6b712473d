package io.usage4j.core;

import io.usage4j.core.internal.InertText;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The root of every failure usage4j reports. Unchecked; the subclass says what a caller can do:
 *
 * <ul>
 *   <li>{@link ConfigurationException}: the source is configured wrongly; fix it, retrying never helps.
 *   <li>{@link AuthenticationException}: the provider refused the credentials (HTTP 401/403).
 *   <li>{@link TransientException} and its {@link RateLimitedException}: a retry later may succeed
 *       ({@link #isRetryable()}).
 *   <li>{@link RequestException}: the provider rejected the request (other HTTP 4xx).
 *   <li>{@link UnreadableResponseException}: the provider answered something that cannot be read.
 *   <li>{@link UnsupportedQueryException}: this provider cannot answer the query.
 * </ul>
 *
 * <p>Carries the provider id, the HTTP status and the provider's request id where known. Messages
 * name the provider, what was asked and what to do; they never contain a credential. A message is
 * made inert before it is kept: provider text in it (an error body, a request id) cannot move a
 * terminal's cursor, retitle it or forge a log line, because line breaks become spaces and other
 * control characters visible escapes such as {@code \x1b}.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String providerId;
    private final int httpStatus;
    private final String requestId;

    /** A failure with no HTTP exchange behind it. */
    public UsageException(String providerId, String message, Throwable cause) {
        this(providerId, 0, null, message, cause);
    }

    /**
     * A failure of an HTTP exchange.
     *
     * @param providerId the provider's id, or {@code null} if no provider is involved
     * @param httpStatus the HTTP status, or 0 when there was no response
     * @param requestId the provider's request id, or {@code null}
     * @param message what failed and what to do; must not contain a credential
     * @param cause the underlying failure, or {@code null}
     */
    public UsageException(String providerId, int httpStatus, String requestId, String message, Throwable cause) {
        super(compose(providerId, httpStatus, requestId, message), cause);
        this.providerId = providerId;
        this.httpStatus = httpStatus;
        this.requestId = requestId;
    }

    private static String compose(String providerId, int httpStatus, String requestId, String message) {
        StringBuilder text = new StringBuilder();
        if (providerId != null) {
            text.append('[').append(providerId).append("] ");
        }
        text.append(message);
        if (httpStatus > 0 || requestId != null) {
            text.append(" (");
            if (httpStatus > 0) {
                text.append("HTTP ").append(httpStatus);
            }
            if (requestId != null) {
                text.append(httpStatus > 0 ? ", " : "").append("request id ").append(requestId);
            }
            text.append(')');
        }
        return InertText.of(text.toString());
    }

    /** The provider that failed, when one was involved. */
    public Optional<String> providerId() {
        return Optional.ofNullable(providerId);
    }

    /** The HTTP status of the failed response, when there was one. */
    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }

    /** The provider's request id, when it sent one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Whether repeating the same call later may succeed. */
    public boolean isRetryable() {
        return false;
    }
}
