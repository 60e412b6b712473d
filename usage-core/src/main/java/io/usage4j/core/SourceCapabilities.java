package io.usage4j.core;

import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What a {@link UsageSource} can serve: how fine its records are, how its API cuts a query into
 * requests, which filters it applies itself, and how far back it reaches. The query planner
 * ({@link io.usage4j.core.plan.QueryPlanner}) reads these to give every source the same query meaning.
 */
@Value.Immutable
public abstract class SourceCapabilities {
    SourceCapabilities() {
        // only the generated ImmutableSourceCapabilities extends this
    }


    /** A new builder; {@code granularity} and {@code windowUnit} are required. */
    public static ImmutableSourceCapabilities.Builder builder() {
        return ImmutableSourceCapabilities.builder();
    }

    /** The finest time resolution of a record. */
    public abstract Granularity granularity();

    /** How the API cuts time into requests. */
    public abstract WindowUnit windowUnit();

    /** How many {@link #windowUnit()}s one request may span at most (31 days, 3 months, 1 year...). */
    @Value.Default
    public int windowSize() {
        return 1;
    }

    /** The filters the provider's API applies itself; the rest are applied on the client. */
    public abstract Set<QueryFilter> pushedDownFilters();

    /** How far back from today the provider keeps usage, when it documents a limit. */
    public abstract Optional<Period> lookback();

    /** The {@code x_} extension columns records of this source may carry, in their column order. */
    public abstract List<String> extensionColumns();

    /** A short human note on coverage or access restrictions (e.g. "beta: select accounts only"). */
    public abstract Optional<String> note();

    /**
     * What usage the source describes, when it declares it: sources whose views {@linkplain UsageView#overlaps
     * overlap} describe the same usage, and their rows must not be summed together. Absent (the default)
     * means the source declares no overlap with any other; a source's own rows are additive either way.
     */
    public abstract Optional<UsageView> view();

    @Value.Check
    protected void check() {
        if (windowSize() < 1) {
            throw new IllegalArgumentException("windowSize must be at least 1, got " + windowSize());
        }
    }
}
