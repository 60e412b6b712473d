package io.usage4j.spi.kit;

import java.util.Optional;

/**
 * Implemented by a decoded response body (an envelope, a document, a page) that can say more than its
 * elements: that the provider reports an error although the HTTP status is 2xx, and where the next
 * page is. The kit asks after decoding; a reported error becomes the same exception for every
 * provider ({@link io.usage4j.core.RequestException} with the HTTP status, the provider's request-id
 * header and secrets masked), exactly as an HTTP error would.
 */
public interface Envelope {

    /**
     * The error this body reports despite a 2xx status, if any. May throw an
     * {@link io.usage4j.core.UnreadableResponseException} when the body is not the envelope the provider
     * documents at all (a required field missing).
     */
    default Optional<ProviderError> reportedError() {
        return Optional.empty();
    }

    /** The cursor of the next page, absent (or empty) on the last page and for unpaged endpoints. */
    default Optional<String> nextCursor() {
        return Optional.empty();
    }
}
