package io.usage4j.dataset.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Which partitions a source owns: its provider and its "view" (the provider dataset it reads), so two
 * datasets of one provider (Fastly's invoice usage and its per-service usage, say) never share a
 * partition. Derived here, and only here: from the usage view the source declares, else from the usage
 * URL's {@code dataset} option ({@code default} when absent).
 *
 * @param provider the provider id, e.g. {@code fastly}
 * @param view the provider dataset, e.g. {@code services}, or {@code default}
 */
public record SourceIdentity(String provider, String view) {
    /** The view of a source whose URL names no dataset. */
    public static final String DEFAULT_VIEW = "default";

    /** Checks the fields. */
    public SourceIdentity {
        Objects.requireNonNull(provider, "provider is null");
        Objects.requireNonNull(view, "view is null");
    }

    /**
     * The identity of {@code source} opened from {@code usageUrl}: the variant of the usage view the
     * source declares ({@link io.usage4j.core.SourceCapabilities#view()}: {@code cost}, {@code services},
     * {@code product_environments}...), else the URL's {@code dataset} option.
     */
    public static SourceIdentity of(io.usage4j.core.UsageSource source, String usageUrl) {
        Objects.requireNonNull(source, "source is null");
        return source.capabilities().view()
                .map(view -> new SourceIdentity(source.providerId(), view.variant()))
                .orElseGet(() -> of(source.providerId(), usageUrl));
    }

    /** The identity of the source of {@code providerId} opened from {@code usageUrl}, by its {@code dataset} option. */
    public static SourceIdentity of(String providerId, String usageUrl) {
        Objects.requireNonNull(providerId, "providerId is null");
        Objects.requireNonNull(usageUrl, "usageUrl is null");
        String view = DEFAULT_VIEW;
        int query = usageUrl.indexOf('?');
        if (query >= 0) {
            for (String pair : usageUrl.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (key.equals("dataset") && eq >= 0 && eq + 1 < pair.length()) {
                    view = decode(pair.substring(eq + 1)).trim().toLowerCase(Locale.ROOT);
                }
            }
        }
        return new SourceIdentity(providerId, view.isEmpty() ? DEFAULT_VIEW : view);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    @Override
    public String toString() {
        return provider + "/" + view;
    }
}
