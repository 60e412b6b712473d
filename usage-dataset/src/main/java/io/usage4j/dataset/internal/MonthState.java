package io.usage4j.dataset.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * What the dataset knows about one source's month: when and over which range it was last fetched,
 * whether it was final then, when its content last changed, and the partition files it owns.
 *
 * @param source the usage URL, without secrets
 * @param identity the source's provider and view
 * @param month the charge month
 * @param from first day fetched, inclusive
 * @param to last day fetched, exclusive
 * @param fetchedAt when the month was last fetched completely
 * @param changedAt when its content last changed (a partition written or removed)
 * @param finalityLag the provider's finality lag at the time
 * @param records the rows of all its partitions
 * @param partitions its partition files
 */
public record MonthState(String source, SourceIdentity identity, YearMonth month, LocalDate from, LocalDate to,
        Instant fetchedAt, Instant changedAt, Period finalityLag, long records, List<PartitionFile> partitions) {

    /** Checks the fields. */
    public MonthState {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(identity, "identity is null");
        Objects.requireNonNull(month, "month is null");
        partitions = List.copyOf(partitions);
    }

    /** Whether the whole month was fetched. */
    public boolean wholeMonth() {
        return !from.isAfter(month.atDay(1)) && !to.isBefore(month.plusMonths(1).atDay(1));
    }

    /** Whether the month was final when fetched: the whole month, fetched at least the finality lag after its end. */
    public boolean isFinal() {
        Instant settled = month.plusMonths(1).atDay(1).plus(finalityLag).atStartOfDay(ZoneOffset.UTC).toInstant();
        return wholeMonth() && !fetchedAt.isBefore(settled);
    }

    /** One partition file of the month. */
    public record PartitionFile(String path, String billingAccountId, long records, String sha256) {
        /** Checks the fields. */
        public PartitionFile {
            Objects.requireNonNull(path, "path is null");
            Objects.requireNonNull(billingAccountId, "billingAccountId is null");
            Objects.requireNonNull(sha256, "sha256 is null");
        }
    }
}
