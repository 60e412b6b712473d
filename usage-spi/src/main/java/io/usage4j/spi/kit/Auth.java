package io.usage4j.spi.kit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How requests authenticate: one or more headers whose values are secrets (Cloudflare's legacy
 * {@code X-Auth-Email} + {@code X-Auth-Key} pair takes two). {@link #toString()} never shows a value.
 */
public final class Auth {
    /** Header name to value, in the order they are sent. */
    private final Map<String, String> headers;
    private final String scheme;

    private Auth(Map<String, String> headers, String scheme) {
        this.headers = Collections.unmodifiableMap(headers);
        this.scheme = scheme;
    }

    private static Auth single(String name, String value, String scheme) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(name, value);
        return new Auth(headers, scheme);
    }

    /** {@code Authorization: Bearer <token>}. */
    public static Auth bearer(String token) {
        Objects.requireNonNull(token, "token is null");
        return single("Authorization", "Bearer " + token, "bearer");
    }

    /** {@code Authorization: Basic base64(key:secret)}. */
    public static Auth basic(String key, String secret) {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(secret, "secret is null");
        String encoded = Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return single("Authorization", "Basic " + encoded, "basic");
    }

    /** A custom header carrying the credential as is, e.g. {@code Fastly-Key: <token>}. */
    public static Auth header(String name, String value) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(value, "value is null");
        return single(name, value, "header " + name);
    }

    /**
     * This authentication plus one more header sent with every request, e.g.
     * {@code Auth.header("X-Auth-Email", email).and("X-Auth-Key", key)}.
     *
     * @throws IllegalArgumentException if this authentication already sends a header of that name
     *     (compared case-insensitively, as HTTP does)
     */
    public Auth and(String name, String value) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(value, "value is null");
        String lower = name.toLowerCase(Locale.ROOT);
        if (headers.keySet().stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(lower))) {
            throw new IllegalArgumentException("authentication already sends header " + name);
        }
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Auth(more, scheme + " + " + name);
    }

    /** The first header's name. */
    public String headerName() {
        return headers.keySet().iterator().next();
    }

    /** Every header's name, in the order they are sent. */
    public List<String> headerNames() {
        return List.copyOf(headers.keySet());
    }

    /** The first header's value; a secret. */
    String headerValue() {
        return headers.values().iterator().next();
    }

    /** Header name to value, in order; values are secrets. */
    Map<String, String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "Auth[" + scheme + ", ****]";
    }
}
