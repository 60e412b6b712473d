package io.usage4j.dataset;

import io.usage4j.dataset.internal.DatasetMetadata;
import io.usage4j.dataset.internal.MonthState;
import io.usage4j.dataset.internal.SyncEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A FOCUS Cost and Usage dataset kept current on disk: hive-partitioned Parquet files
 *
 * <pre>{@code
 * <dir>/provider=<id>/view=<view>/billing_account_id=<id>/charge_month=<YYYY-MM>/part-0.parquet
 * <dir>/_focus_metadata.json
 * }</pre>
 *
 * where the month is that of ChargePeriodStart (UTC), the view is the provider dataset the source reads
 * (its usage URL's {@code dataset} option, {@code default} otherwise), and {@code _focus_metadata.json}
 * holds FOCUS 1.3 {@code DatasetInstance} and {@code Recency} metadata (one time sector per month:
 * complete, last updated) and the sync state.
 *
 * <p>{@link #sync} keeps it current without duplicates: it re-fetches whole months (missing ones, ones
 * not final when last fetched, and the look-back), writes each partition to a hidden temporary file
 * and renames it over the old one atomically, leaves a partition whose content did not change
 * untouched (same bytes), deletes one whose rows vanished upstream, and leaves the previous version of
 * a month in place when fetching it fails or the process dies. Query it with DuckDB:
 *
 * <pre>{@code
 * SELECT provider, charge_month, sum(BilledCost)
 * FROM read_parquet('<dir>/**}{@code /*.parquet', hive_partitioning = true, hive_types_autocast = false)
 * GROUP BY ALL ORDER BY ALL;
 * }</pre>
 *
 * One sync at a time per dataset (a lock file enforces it); reading while a sync runs is safe.
 */
public final class UsageDataset {
    private final Path root;

    private UsageDataset(Path root) {
        this.root = root;
    }

    /** The dataset at {@code directory}; it is created by the first sync. */
    public static UsageDataset at(Path directory) {
        return new UsageDataset(Objects.requireNonNull(directory, "directory is null").toAbsolutePath().normalize());
    }

    /** The dataset's root directory. */
    public Path directory() {
        return root;
    }

    /**
     * Brings the partitions of {@code sources} up to date.
     *
     * @throws IllegalArgumentException before any request, if a source new to the dataset has no start
     *     date in {@code options}, or the dataset metadata is not valid
     * @throws IllegalStateException if another sync holds the dataset
     */
    public SyncReport sync(List<SyncSource> sources, SyncOptions options, SyncListener listener) {
        Objects.requireNonNull(sources, "sources is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(listener, "listener is null");
        return new SyncEngine(root, SyncEngine.BeforeSwap.NONE).sync(List.copyOf(sources), options, listener);
    }

    /** {@link #sync(List, SyncOptions, SyncListener)} without a listener. */
    public SyncReport sync(List<SyncSource> sources, SyncOptions options) {
        return sync(sources, options, SyncListener.NONE);
    }

    /** The partition files the metadata lists, relative to the root, in source and month order. */
    public List<String> partitions() {
        return DatasetMetadata.read(root).stream()
                .sorted(java.util.Comparator.comparing(MonthState::source).thenComparing(MonthState::month))
                .flatMap(state -> state.partitions().stream().map(MonthState.PartitionFile::path))
                .toList();
    }

    /** Checks the dataset: FOCUS rules on every row, and that files, footers and metadata agree. */
    public Stream<DatasetFinding> validate() {
        return DatasetValidator.validate(root);
    }

    @Override
    public String toString() {
        return "UsageDataset[" + root + "]";
    }
}
