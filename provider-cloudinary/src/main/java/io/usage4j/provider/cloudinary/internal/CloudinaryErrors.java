package io.usage4j.provider.cloudinary.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.usage4j.spi.kit.ErrorBodyReader;
import io.usage4j.spi.kit.ProviderError;
import java.util.Optional;

/**
 * Cloudinary's error body, {@code {"error": {"message": "Invalid credentials"}}}, as the kit's
 * {@link ErrorBodyReader}. Also accepts {@code {"error": "text"}} and a top-level {@code message},
 * which other Cloudinary APIs answer with, so no message is lost to a small variation.
 */
public final class CloudinaryErrors {
    private static final int MAX_MESSAGE = 500;

    private CloudinaryErrors() {}

    /** The reader to give the kit. */
    public static ErrorBodyReader reader() {
        return (status, json, text) -> message(json).map(ProviderError::message).orElseGet(ProviderError::none);
    }

    /** The message of an error body, if it has one. */
    static Optional<String> message(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        JsonNode error = body.path("error");
        JsonNode message = error.isObject() ? error.path("message") : error;
        if (!message.isTextual()) {
            message = body.path("message");
        }
        if (!message.isTextual() || message.asText().isBlank()) {
            return Optional.empty();
        }
        String text = message.asText().strip();
        return Optional.of(text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text);
    }
}
