package io.usage4j.spi.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Map;

/**
 * A provider's hook into the kit's one error decoder: reads the provider's error body shape so the
 * exception carries the provider's own words. Gets the body parsed as JSON (or {@code null} when it is
 * not JSON) and the raw text; never throws (return {@link ProviderError#none()} when nothing fits).
 */
@FunctionalInterface
public interface ErrorBodyReader {
    /**
     * @param status the HTTP status
     * @param json the body as a JSON tree, or {@code null} if it is empty or not JSON
     * @param text the body as text (at most 64 KiB), possibly empty
     */
    ProviderError read(int status, JsonNode json, String text);

    /**
     * The same, with the response headers, for providers that signal in headers what the kit does not
     * read itself (Fastly's {@code Fastly-RateLimit-Reset}, for instance). The default ignores them.
     *
     * @param headers the response headers, names as the server sent them
     */
    default ProviderError read(int status, JsonNode json, String text, Map<String, Collection<String>> headers) {
        return read(status, json, text);
    }

    /** Reads nothing; messages then carry the HTTP status and reason only. */
    static ErrorBodyReader none() {
        return (status, json, text) -> ProviderError.none();
    }
}
