package io.usage4j.provider.fastly.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.usage4j.spi.kit.ErrorBodyReader;
import io.usage4j.spi.kit.ProviderError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Reads Fastly's error body ({@link ErrorBody}: the {@code Error} model, the older {@code msg}/{@code detail}
 * pair, or {@code errors[]}) into the exception message. A short plain-text body is kept as it is; an
 * HTML error page is not (the HTTP status and reason say enough).
 *
 * <p>Fastly's 429 carries no {@code Retry-After} but {@code Fastly-RateLimit-Reset} (epoch seconds, per
 * Fastly's rate-limiting documentation): the wait until then becomes the retry delay. Without it the
 * kit's exponential backoff applies.
 */
public final class FastlyErrors implements ErrorBodyReader {
    private static final int MAX_TEXT = 200;
    private static final String RESET_HEADER = "Fastly-RateLimit-Reset";

    private final Clock clock;

    /** Reads with the system clock. */
    public FastlyErrors() {
        this(Clock.systemUTC());
    }

    /** Reads with {@code clock} as "now" for the rate-limit reset. */
    public FastlyErrors(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ProviderError read(int status, JsonNode json, String text, Map<String, Collection<String>> headers) {
        ProviderError error = read(status, json, text);
        Duration untilReset = status == 429 ? untilReset(headers) : null;
        return untilReset == null ? error
                : new ProviderError(error.message(), error.code(), error.requestId(), untilReset);
    }

    private Duration untilReset(Map<String, Collection<String>> headers) {
        for (Map.Entry<String, Collection<String>> header : headers.entrySet()) {
            if (RESET_HEADER.equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                try {
                    Instant reset = Instant.ofEpochSecond(Long.parseLong(header.getValue().iterator().next().trim()));
                    Duration wait = Duration.between(clock.instant(), reset);
                    return wait.isNegative() ? Duration.ZERO : wait;
                } catch (NumberFormatException | java.time.DateTimeException notEpochSeconds) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public ProviderError read(int status, JsonNode json, String text) {
        if (json != null && json.isObject()) {
            ErrorBody body = new ErrorBody(field(json, "type"), field(json, "title"), field(json, "code"),
                    field(json, "status"), field(json, "msg"), field(json, "detail"), json.get("errors"), json.get("error"));
            return body.message() == null && body.code() == null ? ProviderError.none() : body.providerError();
        }
        if (json == null && text != null && !text.isBlank() && !text.stripLeading().startsWith("<")) {
            String line = text.strip().lines().findFirst().orElse("");
            return ProviderError.message(line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT) + "..." : line);
        }
        return ProviderError.none();
    }

    private static String field(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}
