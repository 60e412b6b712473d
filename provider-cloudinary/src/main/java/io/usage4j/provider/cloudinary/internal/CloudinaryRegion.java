package io.usage4j.provider.cloudinary.internal;

import java.util.Locale;
import java.util.Optional;

/** The Account Provisioning API's regional hosts, {@code https://{region}.cloudinary.com}. */
public enum CloudinaryRegion {
    /** {@code api}, the default (alias {@code us}). */
    API("api", "us"),
    /** {@code api-eu} (alias {@code eu}). */
    API_EU("api-eu", "eu"),
    /** {@code api-ap} (alias {@code ap}). */
    API_AP("api-ap", "ap");

    private final String host;
    private final String alias;

    CloudinaryRegion(String host, String alias) {
        this.host = host;
        this.alias = alias;
    }

    /** The region named {@code name}: {@code api}, {@code api-eu}, {@code api-ap} or {@code us}, {@code eu}, {@code ap}, any case. */
    public static Optional<CloudinaryRegion> named(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        for (CloudinaryRegion region : values()) {
            if (region.host.equals(key) || region.alias.equals(key)) {
                return Optional.of(region);
            }
        }
        return Optional.empty();
    }

    /** The API's base URL in this region. */
    public String baseUrl() {
        return "https://" + host + ".cloudinary.com";
    }
}
