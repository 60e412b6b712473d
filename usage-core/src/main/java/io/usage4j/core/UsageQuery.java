package io.usage4j.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What to fetch: the half-open UTC date range {@code [from, to)} plus optional filters.
 *
 * <p>{@code to} is exclusive, so {@code between(2025-01-01, 2025-02-01)} is all of January and a
 * single day {@code d} is {@code between(d, d.plusDays(1))}. A record belongs to the answer when its
 * charge period overlaps the range. Empty filter sets mean "no filter".
 */
@Value.Immutable
@SuppressWarnings("immutables:from") // the builder's from(day) wins over Immutables' copy-from(instance)
public abstract class UsageQuery {
    UsageQuery() {
        // only the generated ImmutableUsageQuery extends this
    }


    /** All usage whose charge period overlaps {@code [from, to)}, UTC. */
    public static UsageQuery between(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        return builder().from(from).to(to).build();
    }

    /** A new builder; {@code from} and {@code to} are required. */
    public static ImmutableUsageQuery.Builder builder() {
        return ImmutableUsageQuery.builder();
    }

    /** First day, inclusive, UTC. */
    public abstract LocalDate from();

    /** Last day, exclusive, UTC. */
    public abstract LocalDate to();

    /** Metric or SKU ids to keep ({@link QueryFilter#METRIC}). */
    public abstract Set<String> metrics();

    /** Service names to keep ({@link QueryFilter#SERVICE_NAME}). */
    public abstract Set<String> serviceNames();

    /** Sub-account ids to keep ({@link QueryFilter#SUB_ACCOUNT}). */
    public abstract Set<String> subAccountIds();

    /** Free provider-specific options; each provider documents the keys it reads. */
    public abstract Map<String, String> options();

    /**
     * Whether to ask for usage older than the provider's declared look-back anyway (default
     * {@code false}). Without it, a query that starts before the look-back
     * ({@link SourceCapabilities#lookback()}) is refused with an {@link UnsupportedQueryException}
     * rather than sent; with it, the provider is asked and answers what it still has.
     */
    @Value.Default
    public boolean beyondLookback() {
        return false;
    }

    /** {@link #from()} as the instant it starts, UTC. */
    public Instant fromInstant() {
        return from().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** {@link #to()} as the instant it starts (the exclusive end of the range), UTC. */
    public Instant toInstant() {
        return to().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Whether {@code record}'s charge period overlaps this query's range. */
    public boolean overlaps(UsageRecord record) {
        Objects.requireNonNull(record, "record is null");
        return record.chargePeriodStart().isBefore(toInstant()) && record.chargePeriodEnd().isAfter(fromInstant());
    }

    @Value.Check
    protected void check() {
        if (!from().isBefore(to())) {
            throw new IllegalArgumentException("usage query range is " + (from().equals(to()) ? "empty" : "reversed")
                    + ": from " + from() + " must be before to " + to()
                    + " (to is exclusive; for the single day " + from() + " use to " + from().plusDays(1) + ")");
        }
    }
}
