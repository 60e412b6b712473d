package io.usage4j.dataset;

import java.util.List;
import java.util.Objects;

/**
 * What a sync did, partition by partition.
 *
 * @param outcomes every outcome, in the order the sources and months were processed
 * @param requestedMonths how many source months were fetched (each one query to its source)
 */
public record SyncReport(List<PartitionOutcome> outcomes, int requestedMonths) {
    /** Checks the fields. */
    public SyncReport {
        outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes is null"));
    }

    /** The outcomes with {@code status}. */
    public List<PartitionOutcome> with(PartitionOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).toList();
    }

    /** How many outcomes have {@code status}. */
    public long count(PartitionOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** Whether anything failed. */
    public boolean failed() {
        return count(PartitionOutcome.Status.FAILED) > 0;
    }
}
