package io.usage4j.provider.cloudflare.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.spi.kit.Envelope;
import io.usage4j.spi.kit.ProviderError;
import java.util.List;
import java.util.Optional;

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
        @JsonProperty("result") List<T> result) implements Envelope {

    /**
     * {@code "success": false} is an error, whatever the HTTP status said; an envelope without
     * {@code success} is not the envelope Cloudflare documents.
     */
    @Override
    public Optional<ProviderError> reportedError() {
        if (success == null) {
            throw new UnreadableResponseException(CloudflareMapper.PROVIDER_ID, "the response is not Cloudflare's envelope:"
                    + " \"success\": null (absent) where true or false was expected", null);
        }
        return succeeded() ? Optional.empty() : Optional.of(new ProviderError("\"success\": " + success + ": "
                + CloudflareErrors.describe(errorList()), null, null, null));
    }

    /** Whether the envelope reports success ({@code "success": true}); absent counts as not successful. */
    public boolean succeeded() {
        return Boolean.TRUE.equals(success);
    }

    /** The errors, never {@code null}. */
    public List<CloudflareMessage> errorList() {
        return errors == null ? List.of() : errors;
    }
}
