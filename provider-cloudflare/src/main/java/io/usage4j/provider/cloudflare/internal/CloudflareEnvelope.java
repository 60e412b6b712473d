package io.usage4j.provider.cloudflare.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Cloudflare's v4 response envelope: {@code {"success": bool, "errors": [...], "messages": [...],
 * "result": [...]}}. Only {@code success} says whether the call worked: the documented examples carry
 * placeholder {@code errors} and {@code messages} next to {@code "success": true}. The billing-usage
 * endpoints send no {@code result_info}, so there is no paging.
 *
 * @param <T> the record type of {@code result}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudflareEnvelope<T>(
        @JsonProperty("success") Boolean success,
        @JsonProperty("errors") List<CloudflareMessage> errors,
        @JsonProperty("messages") List<CloudflareMessage> messages,
        @JsonProperty("result") List<T> result) {

    /** Whether the envelope reports success ({@code "success": true}); absent counts as not successful. */
    public boolean succeeded() {
        return Boolean.TRUE.equals(success);
    }

    /** The errors, never {@code null}. */
    public List<CloudflareMessage> errorList() {
        return errors == null ? List.of() : errors;
    }
}
