package io.usage4j.provider.fastly.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.usage4j.spi.kit.ProviderError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An error body from Fastly. The Billing Usage Metrics endpoints declare Fastly's {@code Error} model
 * ({@code type}, {@code title}, {@code code}, {@code status}; fastly-py {@code docs/Error.md}); Fastly's
 * older API answers {@code {"msg": ..., "detail": ...}}, and some of its APIs a JSON:API-style
 * {@code errors[]}. All are read, so whichever Fastly sends reaches the exception message.
 *
 * @param type the error type
 * @param title a short description
 * @param code an error code
 * @param status the HTTP status or {@code error}, as text
 * @param msg the older API's message
 * @param detail the older API's detail
 * @param errors JSON:API-style errors, each with {@code title}/{@code detail}
 * @param error a plain {@code error} text, as some Fastly endpoints and proxies answer
 */
public record ErrorBody(
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("code") String code,
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,
        @JsonProperty("detail") String detail,
        @JsonProperty("errors") JsonNode errors,
        @JsonProperty("error") JsonNode error) {

    /** Whether this body says the request failed (used for bodies that carry no usage data). */
    public boolean reportsFailure() {
        return title != null || msg != null || detail != null || code != null || error != null && error.isTextual()
                || errors != null && errors.isArray() && !errors.isEmpty()
                || status != null && status.trim().toLowerCase(Locale.ROOT).equals("error");
    }

    /** This body as the kit's provider error. */
    public ProviderError providerError() {
        return new ProviderError(message(), code, null, null);
    }

    /** The provider's words, e.g. {@code Bad Request: start_month is invalid}, or {@code null} when there are none. */
    public String message() {
        List<String> parts = new ArrayList<>();
        add(parts, title);
        add(parts, msg);
        add(parts, detail);
        add(parts, text(error));
        if (errors != null && errors.isArray()) {
            for (JsonNode error : errors) {
                if (error.isTextual()) {
                    add(parts, error.asText());
                } else if (error.isObject()) {
                    add(parts, text(error.get("title")));
                    add(parts, text(error.get("detail")));
                    add(parts, text(error.get("message")));
                }
            }
        }
        if (parts.isEmpty()) {
            add(parts, type);
        }
        return parts.isEmpty() ? null : String.join(": ", parts);
    }

    private static String text(JsonNode node) {
        return node == null || !node.isValueNode() || node.isNull() ? null : node.asText();
    }

    private static void add(List<String> parts, String text) {
        if (text != null && !text.isBlank() && !parts.contains(text.trim())) {
            parts.add(text.trim());
        }
    }
}
