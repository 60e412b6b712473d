package io.usage4j.spark.internal;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One Spark input partition: usually one split; several, read one after another, when the number of
 * concurrent tasks of a provider is capped ({@code max_concurrent_tasks.<provider>}). Holds no credential.
 */
public record UsagePartition(int index, List<SplitRead> reads) implements InputPartition {
    private static final long serialVersionUID = 1L;

    /** Copies the reads. */
    public UsagePartition {
        reads = List.copyOf(Objects.requireNonNull(reads, "reads is null"));
        if (reads.isEmpty()) {
            throw new IllegalArgumentException("a partition reads at least one split");
        }
    }

    @Override
    public String toString() {
        return "UsagePartition[" + index + ": " + (reads.size() == 1 ? reads.get(0).toString()
                : reads.size() + " splits, " + reads.get(0) + " ... " + reads.get(reads.size() - 1)) + "]";
    }
}
