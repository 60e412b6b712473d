package io.usage4j.spi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.usage4j.core.AuthenticationException;
import io.usage4j.core.RateLimitedException;
import io.usage4j.core.RequestException;
import io.usage4j.core.TransientException;
import io.usage4j.core.UsageException;
import io.usage4j.spi.kit.ErrorBodyReader;
import io.usage4j.spi.kit.ProviderError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one error decoder: maps an HTTP error response to the usage4j exception that says what a
 * caller can do, with the provider's own error text (read through its {@link ErrorBodyReader}), the
 * request id and the Retry-After. Every text is passed through the {@link Redactor}.
 */
public final class KitErrorDecoder implements ErrorDecoder {
    private static final int MAX_BODY = 64 * 1024;

    private final String providerId;
    private final ObjectMapper mapper;
    private final ErrorBodyReader reader;
    private final List<String> requestIdHeaders;
    private final Set<Integer> rateLimitStatuses;
    private final Redactor redactor;
    private final Clock clock;

    public KitErrorDecoder(String providerId, ObjectMapper mapper, ErrorBodyReader reader, List<String> requestIdHeaders,
            Set<Integer> rateLimitStatuses, Redactor redactor, Clock clock) {
        this.providerId = providerId;
        this.mapper = mapper;
        this.reader = reader;
        this.requestIdHeaders = requestIdHeaders;
        this.rateLimitStatuses = rateLimitStatuses;
        this.redactor = redactor;
        this.clock = clock;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        String text = body(response);
        JsonNode json = null;
        if (!text.isBlank()) {
            try {
                json = mapper.readTree(text);
            } catch (IOException | RuntimeException notJson) {
                json = null;
            }
        }
        ProviderError error;
        try {
            error = reader.read(status, json, text, response.headers());
        } catch (RuntimeException readerBug) {
            error = ProviderError.none();
        }
        if (error == null) {
            error = ProviderError.none();
        }
        String requestId = error.requestId() != null ? error.requestId() : header(response.headers(), requestIdHeaders);
        String said = error.messageText().map(m -> ": " + m).orElse(response.reason() == null ? "" : ": " + response.reason());
        String code = error.code() == null ? "" : " [code " + error.code() + "]";
        String request = response.request().httpMethod() + " " + path(response.request().url());
        String base = request + " failed" + said + code;

        if (status == 401 || status == 403) {
            return new AuthenticationException(providerId, status, redactor.redact(requestId),
                    redactor.redact(base + "; check the credentials and that they may read billing usage"), null);
        }
        if (rateLimitStatuses.contains(status)) {
            Duration retryAfter = error.retryAfter() != null ? error.retryAfter()
                    : RetryAfter.parse(header(response.headers(), List.of("Retry-After")), clock).orElse(null);
            String wait = retryAfter == null ? "" : "; the provider asks to wait " + retryAfter.toSeconds() + "s";
            return new RateLimitedException(providerId, status, redactor.redact(requestId), retryAfter,
                    redactor.redact(base + " (rate limited" + wait + ")"), null);
        }
        if (status >= 500) {
            return new TransientException(providerId, status, redactor.redact(requestId),
                    redactor.redact(base + "; the provider failed, retrying later may help"), null);
        }
        return new RequestException(providerId, status, redactor.redact(requestId),
                redactor.redact(base + "; the request was rejected: check the account id, URL options and query"), null);
    }

    /** The provider's request id among the headers of {@code response}, or {@code null}. */
    public String requestId(Response response) {
        return header(response.headers(), requestIdHeaders);
    }

    /**
     * The exception for a 2xx answer whose body reports an error: a {@link RequestException} with the
     * HTTP status and the request id, its text redacted, as for an HTTP error.
     */
    public UsageException reported(Response response, String what, ProviderError error) {
        String requestId = error.requestId() != null ? error.requestId() : requestId(response);
        String said = error.messageText().map(m -> ": " + m).orElse(": no error detail given");
        String code = error.code() == null ? "" : " [code " + error.code() + "]";
        return new RequestException(providerId, response.status(), redactor.redact(requestId),
                redactor.redact(what + " failed: " + providerId + " answered HTTP " + response.status()
                        + " but its body reports an error" + said + code
                        + "; check the account's access to this data, the URL options and the query"), null);
    }

    /** The exception for an HTTP error {@code response} of a request made outside Feign's error decoding. */
    public UsageException fromStatus(Response response) {
        Exception e = decode(response.request().httpMethod() + " " + path(response.request().url()), response);
        return e instanceof UsageException usage ? usage
                : new RequestException(providerId, response.status(), null, String.valueOf(e.getMessage()), e);
    }

    /** The path and query of {@code url}, without scheme and host. */
    public static String path(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException notAUri) {
            return url;
        }
    }

    private static String header(Map<String, Collection<String>> headers, List<String> names) {
        for (String name : names) {
            for (Map.Entry<String, Collection<String>> header : headers.entrySet()) {
                if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                    return header.getValue().iterator().next();
                }
            }
        }
        return null;
    }

    private static String body(Response response) {
        if (response.body() == null) {
            return "";
        }
        try (InputStream in = response.body().asInputStream()) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return "";
        }
    }

    /** Whether {@code e} came from this decoder. */
    public static Optional<UsageException> usageException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UsageException u) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
