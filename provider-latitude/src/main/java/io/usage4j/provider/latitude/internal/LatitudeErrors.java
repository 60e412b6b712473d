package io.usage4j.provider.latitude.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.usage4j.spi.kit.ErrorBodyReader;
import io.usage4j.spi.kit.ProviderError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Latitude's JSON:API error body, {@code {"errors": [{"code", "status", "title", "detail",
 * "meta": {...}}]}}, into the kit's {@link ProviderError}: every error's title and detail (joined with
 * "; "), the first error's code, and {@code meta.retry_after} (seconds), which Latitude puts in the body
 * of a 429 rather than in a {@code Retry-After} header. Never throws.
 */
public final class LatitudeErrors implements ErrorBodyReader {

    @Override
    public ProviderError read(int status, JsonNode json, String text) {
        if (json == null || !json.path("errors").isArray() || json.path("errors").isEmpty()) {
            return ProviderError.none();
        }
        List<String> messages = new ArrayList<>();
        String code = null;
        Duration retryAfter = null;
        for (JsonNode error : json.path("errors")) {
            String message = describe(error);
            if (message != null && !messages.contains(message)) {
                messages.add(message);
            }
            if (code == null) {
                code = text(error.path("code"));
            }
            if (retryAfter == null) {
                retryAfter = retryAfter(error.path("meta").path("retry_after"));
            }
        }
        return new ProviderError(messages.isEmpty() ? null : String.join("; ", messages), code, null, retryAfter);
    }

    /** "title: detail", or whichever of the two is present; {@code null} when neither is. */
    static String describe(JsonNode error) {
        return describe(text(error.path("title")), text(error.path("detail")));
    }

    /** "title: detail" (one of them when they are equal or the other is blank); {@code null} when both are blank. */
    static String describe(String title, String detail) {
        String t = title == null || title.isBlank() ? null : title.trim();
        String d = detail == null || detail.isBlank() ? null : detail.trim();
        if (t != null && d != null && !t.equals(d)) {
            return t + ": " + d;
        }
        return d != null ? d : t;
    }

    private static Duration retryAfter(JsonNode seconds) {
        if (seconds.isNumber() && seconds.asDouble() >= 0) {
            return Duration.ofMillis(Math.round(seconds.asDouble() * 1000));
        }
        if (seconds.isTextual() && seconds.asText().trim().matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(seconds.asText().trim()));
        }
        return null;
    }

    private static String text(JsonNode node) {
        if (node.isValueNode() && !node.isNull()) {
            String value = node.asText().trim();
            return value.isEmpty() ? null : value;
        }
        return null;
    }
}
