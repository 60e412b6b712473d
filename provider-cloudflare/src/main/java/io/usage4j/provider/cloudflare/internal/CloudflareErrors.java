package io.usage4j.provider.cloudflare.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.usage4j.spi.kit.ErrorBodyReader;
import io.usage4j.spi.kit.ProviderError;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Cloudflare's error envelope, {@code {"success": false, "errors": [{"code": 10000, "message":
 * "Authentication error"}], ...}}, for the kit's error decoder, and formats the same {@code errors[]}
 * for an HTTP 200 answer whose envelope says {@code "success": false}. The older top-level shape
 * {@code {"code": 10100, "message": "..."}} (historic 429 bodies) is read too. Request ids come from the
 * {@code cf-ray} header, not the body.
 */
public final class CloudflareErrors implements ErrorBodyReader {

    @Override
    public ProviderError read(int status, JsonNode json, String text) {
        if (json == null || !json.isObject()) {
            return ProviderError.none();
        }
        List<CloudflareMessage> errors = new ArrayList<>();
        JsonNode array = json.path("errors");
        if (array.isArray()) {
            for (JsonNode error : array) {
                String message = text(error.get("message"));
                if (message != null) {
                    errors.add(new CloudflareMessage(text(error.get("code")), message));
                }
            }
        }
        if (errors.isEmpty()) {
            String message = text(json.get("message"));
            if (message == null) {
                return ProviderError.none();
            }
            errors.add(new CloudflareMessage(text(json.get("code")), message));
        }
        if (errors.size() == 1) {
            return new ProviderError(errors.get(0).message(), errors.get(0).code(), null, null);
        }
        return new ProviderError(describe(errors), null, null, null);
    }

    /**
     * The errors as one line: {@code "message [code 1234]; other message"}, or a fixed text when the
     * envelope carries none.
     */
    public static String describe(List<CloudflareMessage> errors) {
        List<String> parts = new ArrayList<>();
        for (CloudflareMessage error : errors) {
            if (error == null || error.message() == null || error.message().isBlank()) {
                continue;
            }
            String code = error.code() == null || error.code().isBlank() ? "" : " [code " + error.code() + "]";
            parts.add(error.message().trim() + code);
        }
        return parts.isEmpty() ? "no error detail given" : String.join("; ", parts);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String value = node.asText();
        return value.isBlank() ? null : value;
    }
}
