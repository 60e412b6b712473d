package io.usage4j.spi.kit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How requests authenticate: one header, whose value is a secret. {@link #toString()} never shows it.
 */
public final class Auth {
    private final String header;
    private final String value;
    private final String scheme;

    private Auth(String header, String value, String scheme) {
        this.header = header;
        this.value = value;
        this.scheme = scheme;
    }

    /** {@code Authorization: Bearer <token>}. */
    public static Auth bearer(String token) {
        Objects.requireNonNull(token, "token is null");
        return new Auth("Authorization", "Bearer " + token, "bearer");
    }

    /** {@code Authorization: Basic base64(key:secret)}. */
    public static Auth basic(String key, String secret) {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(secret, "secret is null");
        String encoded = Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return new Auth("Authorization", "Basic " + encoded, "basic");
    }

    /** A custom header carrying the credential as is, e.g. {@code Fastly-Key: <token>}. */
    public static Auth header(String name, String value) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(value, "value is null");
        return new Auth(name, value, "header " + name);
    }

    /** The header name. */
    public String headerName() {
        return header;
    }

    /** The header value; a secret. */
    String headerValue() {
        return value;
    }

    @Override
    public String toString() {
        return "Auth[" + scheme + ", ****]";
    }
}
