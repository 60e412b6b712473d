package io.usage4j.spi.internal;

import feign.Request;
import io.usage4j.core.ConfigurationException;
import io.usage4j.spi.SourceConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The kit's properties read once from a source's configuration, with the base-URL policy: https
 * only, plain http only for loopback hosts, no query and no user info.
 *
 * @param baseUrl where requests go, without a trailing slash
 * @param options connect and read timeouts
 * @param maxRetries retries after the first attempt
 * @param maxRetryDuration the longest one request may spend retrying, on the runtime's clock
 * @param concurrency requests in flight at once
 * @param rateLimit requests per second at most, empty for no limit
 */
public record KitSettings(String baseUrl, Request.Options options, int maxRetries, Duration maxRetryDuration,
        int concurrency, OptionalDouble rateLimit) {

    public static final String BASE_URL = "base_url";
    public static final String CONNECT_TIMEOUT = "connect_timeout";
    public static final String READ_TIMEOUT = "read_timeout";
    public static final String MAX_RETRIES = "max_retries";
    public static final String MAX_RETRY_DURATION = "max_retry_duration";
    public static final String MAX_CONCURRENCY = "max_concurrency";
    public static final String RATE_LIMIT = "rate_limit";

    /**
     * Reads the kit's properties from {@code config}, {@code defaultBaseUrl} unless {@code base_url} is set.
     *
     * @throws ConfigurationException if a value is invalid or the base URL is refused
     */
    public static KitSettings from(SourceConfig config, String defaultBaseUrl) {
        String providerId = config.providerId();
        String baseUrl = checkBaseUrl(providerId, config.get(BASE_URL).orElse(defaultBaseUrl));
        Request.Options options = new Request.Options(config.durationValue(CONNECT_TIMEOUT, Duration.ofSeconds(10)),
                config.durationValue(READ_TIMEOUT, Duration.ofSeconds(60)), false);
        OptionalDouble rateLimit = config.get(RATE_LIMIT).isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(config.positiveNumber(RATE_LIMIT, 1));
        return new KitSettings(baseUrl, options, config.intValue(MAX_RETRIES, 4, 0),
                config.durationValue(MAX_RETRY_DURATION, Duration.ofMinutes(2)), config.intValue(MAX_CONCURRENCY, 4, 1),
                rateLimit);
    }

    /** The base-URL policy: the URL without a trailing slash, or a {@link ConfigurationException} saying why not. */
    static String checkBaseUrl(String providerId, String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigurationException(providerId, "no base URL: set property '" + BASE_URL + "'", null);
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            // getReason(), not getMessage(): the message repeats the input, which may carry user info
            throw new ConfigurationException(providerId, "property '" + BASE_URL + "' is not a URL: " + e.getReason()
                    + " at index " + e.getIndex(), null);
        }
        // Checked first, so no later message echoes a password given as user info.
        if (uri.getRawQuery() != null || uri.getRawUserInfo() != null || uri.getRawAuthority() != null
                && uri.getRawAuthority().contains("@")) {
            throw new ConfigurationException(providerId, "property '" + BASE_URL
                    + "' must not carry a query or user info (credentials go in properties or environment variables)", null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ConfigurationException(providerId, "property '" + BASE_URL + "' must be an absolute https:// URL, got '"
                    + withoutUserInfo(url) + "'", null);
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new ConfigurationException(providerId, "property '" + BASE_URL + "' uses plain http:// to " + uri.getHost()
                    + ", which is refused: credentials would cross the network in clear text. Use https://"
                    + " (plain http is allowed only for loopback hosts, for tests and local proxies)", null);
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** {@code url} with its user info and query masked, for messages. */
    private static String withoutUserInfo(String url) {
        return Redactor.maskUrlCredentials(url);
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false; // a name other than localhost: never resolved, never trusted
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
