package io.usage4j.spark.internal;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One split: the usage URL and the half-open window {@code [start, end)} it reads. Holds no credential
 * (usage URLs refuse them); {@code shownUrl} is the URL as {@link io.usage4j.spi.UsageUrl#toString()}
 * prints it, credential-looking options masked.
 */
public record SplitRead(String url, String shownUrl, String providerId, LocalDate start, LocalDate end)
        implements Serializable {
    /** Checks the fields. */
    public SplitRead {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(shownUrl, "shownUrl is null");
        Objects.requireNonNull(providerId, "providerId is null");
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(end, "end is null");
    }

    /** The window, {@code [start, end)}. */
    public String window() {
        return "[" + start + ", " + end + ")";
    }

    @Override
    public String toString() {
        return shownUrl + " " + window();
    }
}
