package io.usage4j.spi;

import io.usage4j.core.ConfigurationException;
import io.usage4j.spi.internal.Redactor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed usage URL, {@code usage:<provider>:<path>[?key=value&...]}: the provider id, the
 * provider-specific path (an account id, often; may be empty), and the options, URL-decoded, in order.
 *
 * <p>Examples: {@code usage:cloudflare:023e105f4ecef8ad9ca31a8372d0c353?dataset=paygo},
 * {@code usage:fastly:}, {@code usage:latitude:proj_123?products=si_a,si_b}.
 */
public final class UsageUrl {
    private static final Pattern FORM = Pattern.compile("usage:([a-z][a-z0-9-]*):([^?]*)(?:\\?(.*))?", Pattern.DOTALL);
    private static final Pattern SECRET_LOOKING =
            Pattern.compile("(?i).*(token|secret|key|pass|pwd|credential|auth|bearer|signature).*");

    private final String provider;
    private final String path;
    private final Map<String, String> options;

    private UsageUrl(String provider, String path, Map<String, String> options) {
        this.provider = provider;
        this.path = path;
        this.options = options;
    }

    /**
     * Parses {@code url}.
     *
     * @throws ConfigurationException if it is not of the form {@code usage:<provider>:<path>[?k=v&...]}
     */
    public static UsageUrl parse(String url) {
        Objects.requireNonNull(url, "url is null");
        Matcher m = FORM.matcher(url.trim());
        if (!m.matches()) {
            throw new ConfigurationException(null, "'" + redactQuery(url) + "' is not a usage URL: expected usage:<provider>:<path>[?key=value&...],"
                    + " e.g. usage:cloudflare:<account_id>", null);
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (m.group(3) != null && !m.group(3).isEmpty()) {
            for (String pair : m.group(3).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq), url);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), url);
                if (options.put(key, value) != null) {
                    throw new ConfigurationException(m.group(1), "usage URL option '" + key + "' is given twice", null);
                }
            }
        }
        return new UsageUrl(m.group(1), decode(m.group(2), url), Collections.unmodifiableMap(options));
    }

    private static String decode(String text, String url) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw new ConfigurationException(null, "usage URL '" + redactQuery(url) + "' has a malformed %-escape", null);
        }
    }

    private static String redactQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }

    /**
     * The text of {@code url} as it may be shown in a message or a log: when it parses, its
     * {@link #toString() canonical form} (decoded, credential-looking values masked); when it does
     * not, the text before its query. A credential given in the URL, raw or percent-encoded, never
     * shows.
     */
    public static String redact(String url) {
        Objects.requireNonNull(url, "url is null");
        try {
            return parse(url).toString();
        } catch (ConfigurationException malformed) {
            return Redactor.maskUrlCredentials(redactQuery(url.trim()));
        }
    }

    /** The provider id, e.g. {@code cloudflare}. */
    public String provider() {
        return provider;
    }

    /** The provider-specific part between the second colon and the query; may be empty. */
    public String path() {
        return path;
    }

    /** The options of the query part, decoded, in order. */
    public Map<String, String> options() {
        return options;
    }

    /**
     * The URL in canonical form; option values whose names look like credentials are masked, and so
     * are the user info and query of option values that are URLs.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("usage:").append(provider).append(':').append(path);
        char sep = '?';
        for (Map.Entry<String, String> option : options.entrySet()) {
            text.append(sep).append(option.getKey()).append('=')
                    .append(SECRET_LOOKING.matcher(option.getKey()).matches() ? "****" : shown(option.getValue()));
            sep = '&';
        }
        return text.toString();
    }

    /** A value as it may be shown: a URL-looking value loses its user info and query. */
    static String shown(String value) {
        return value.contains("://") || value.contains("@") ? Redactor.maskUrlCredentials(value) : value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UsageUrl that && provider.equals(that.provider) && path.equals(that.path)
                && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, path, options);
    }
}
