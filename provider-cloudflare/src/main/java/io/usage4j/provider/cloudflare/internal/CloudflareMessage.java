package io.usage4j.provider.cloudflare.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of the envelope's {@code errors[]} or {@code messages[]}: {@code message} (required) and
 * {@code code} (an integer, optional; read as text so an unexpected type never breaks decoding).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudflareMessage(
        @JsonProperty("code") String code,
        @JsonProperty("message") String message) {
}
