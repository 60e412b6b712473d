package io.usage4j.dataset;

import io.usage4j.core.UsageSource;
import java.util.Objects;

/**
 * One source to keep current in a dataset: an open {@link UsageSource} and the usage URL it was
 * opened from. The URL is written to the dataset metadata and the partitions' footers, so it must not
 * carry a secret (usage URLs never do: credentials go in properties or the environment).
 *
 * @param url the usage URL, e.g. {@code usage:cloudflare:023e105f4ecef8ad9ca31a8372d0c353}
 * @param source the open source; the caller closes it
 */
public record SyncSource(String url, UsageSource source) {
    /** Checks the fields. */
    public SyncSource {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(source, "source is null");
    }
}
