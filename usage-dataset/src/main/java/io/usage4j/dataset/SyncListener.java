package io.usage4j.dataset;

import java.time.YearMonth;
import java.util.List;

/** Progress of a sync, called on the syncing thread. Every method does nothing by default. */
public interface SyncListener {
    /** A listener that ignores everything. */
    SyncListener NONE = new SyncListener() {};

    /** The months of {@code source} that will be fetched, in order. */
    default void planned(String source, List<YearMonth> toFetch) {}

    /** {@code records} rows of {@code month} of {@code source} were read so far (called every few thousand rows). */
    default void progress(String source, YearMonth month, long records) {}

    /** One outcome, as soon as it is known. */
    default void outcome(PartitionOutcome outcome) {}
}
