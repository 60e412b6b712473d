package io.usage4j.spi.kit;

import java.time.Duration;
import java.util.Optional;

/**
 * What a provider said in an error response body, as read by its {@link ErrorBodyReader}.
 *
 * @param message the provider's own error text, or {@code null}
 * @param code the provider's error code, or {@code null}
 * @param requestId a request id found in the body, or {@code null}
 * @param retryAfter a wait the body asks for (some providers put it there, not in a header), or {@code null}
 */
public record ProviderError(String message, String code, String requestId, Duration retryAfter) {

    /** Nothing readable in the body. */
    public static ProviderError none() {
        return new ProviderError(null, null, null, null);
    }

    /** Just a message. */
    public static ProviderError message(String message) {
        return new ProviderError(message, null, null, null);
    }

    /** The message as an optional. */
    public Optional<String> messageText() {
        return Optional.ofNullable(message);
    }
}
