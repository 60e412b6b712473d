package io.usage4j.dataset;

import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sync did to one partition (or, for months it did not fetch or could not fetch, to one
 * source month).
 *
 * @param source the usage URL
 * @param month the charge month
 * @param path the partition file relative to the dataset root, when the outcome is about one file
 * @param status what happened
 * @param records the partition's rows after the sync (0 when not fetched)
 * @param detail why (the plan's reason, or the failure in one line)
 */
public record PartitionOutcome(String source, YearMonth month, Optional<String> path, Status status, long records,
        String detail) {

    /** What happened to a partition. */
    public enum Status {
        /** New or changed content was swapped in. */
        WRITTEN,
        /** Re-fetched; the content was identical, so the file was left untouched. */
        UNCHANGED,
        /** Its rows disappeared upstream: the file was deleted. */
        REMOVED,
        /** Not fetched: final and outside the look-back. */
        KEPT,
        /** Not fetched: the provider cannot serve this month; what the dataset holds stays. */
        UNREACHABLE,
        /** Fetching or writing failed: the previous version of the month's partitions stays. */
        FAILED
    }

    /** Checks the fields. */
    public PartitionOutcome {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(month, "month is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(detail, "detail is null");
    }
}
