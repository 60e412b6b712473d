package io.usage4j.provider.cloudflare.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the PayGo dataset is read from, chosen with the {@code paygo_path} property. The default is
 * the path Cloudflare's API reference documents; newer SDKs moved the endpoint twice, and the v1
 * {@code billable-usage} answer is a superset of the PayGo record, so all three decode alike.
 */
public enum PaygoPath {
    /** {@code /accounts/{id}/billing/usage/paygo}: the documented beta path (the default). */
    BILLING_USAGE_PAYGO("billing/usage/paygo"),
    /** {@code /accounts/{id}/paygo-usage}: its first successor ("Version 1, Alpha"). */
    PAYGO_USAGE("paygo-usage"),
    /** {@code /accounts/{id}/billable-usage}: account billable usage v1, the current successor. */
    BILLABLE_USAGE("billable-usage");

    private final String path;

    PaygoPath(String path) {
        this.path = path;
    }

    /** The path below {@code /accounts/{id}/}, as a user writes it in {@code paygo_path}. */
    public String path() {
        return path;
    }

    /** The path named {@code text} (a leading or trailing slash is ignored), if it is one of the three. */
    public static Optional<PaygoPath> parse(String text) {
        String bare = text.trim().toLowerCase(Locale.ROOT);
        while (bare.startsWith("/")) {
            bare = bare.substring(1);
        }
        while (bare.endsWith("/")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        for (PaygoPath candidate : values()) {
            if (candidate.path.equals(bare)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The accepted values, for messages. */
    public static String choices() {
        return Arrays.stream(values()).map(PaygoPath::path).collect(Collectors.joining(", "));
    }
}
