package io.usage4j.core.plan;

import io.usage4j.core.QueryFilter;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Pure query planning, the same for every source: cuts a query into the provider's request
 * windows, and applies on the client what the provider cannot.
 *
 * <p>Windows never overlap and together cover the query exactly (for day windows) or the whole
 * calendar months or years it touches (for month and year windows), so no day is requested twice.
 * {@link #clientSide(UsageQuery, SourceCapabilities)} then drops records whose charge period does not
 * overlap the query, and applies the filters the provider did not push down.
 */
public final class QueryPlanner {
    private final Clock clock;

    private QueryPlanner(Clock clock) {
        this.clock = clock;
    }

    /** A planner that reads "today" from the system UTC clock. */
    public static QueryPlanner create() {
        return new QueryPlanner(Clock.systemUTC());
    }

    /** A planner that reads "today" from {@code clock} (for tests and replays). */
    public static QueryPlanner withClock(Clock clock) {
        return new QueryPlanner(Objects.requireNonNull(clock, "clock is null"));
    }

    /**
     * The request windows for {@code query}, in time order.
     *
     * @throws UnsupportedQueryException if the query starts before the provider's documented lookback
     */
    public List<Window> windows(String providerId, UsageQuery query, SourceCapabilities capabilities) {
        Objects.requireNonNull(query, "query is null");
        Objects.requireNonNull(capabilities, "capabilities is null");
        checkLookback(providerId, query, capabilities);
        int size = capabilities.windowSize();
        List<Window> windows = new ArrayList<>();
        switch (capabilities.windowUnit()) {
            case DAYS -> {
                for (LocalDate start = query.from(); start.isBefore(query.to()); start = start.plusDays(size)) {
                    LocalDate end = min(start.plusDays(size), query.to());
                    windows.add(new Window(start, end));
                }
            }
            case CALENDAR_MONTHS -> {
                LocalDate end = query.to().withDayOfMonth(1).equals(query.to())
                        ? query.to() : query.to().withDayOfMonth(1).plusMonths(1);
                for (LocalDate start = query.from().withDayOfMonth(1); start.isBefore(end); start = start.plusMonths(size)) {
                    windows.add(new Window(start, min(start.plusMonths(size), end)));
                }
            }
            case CALENDAR_YEARS -> {
                LocalDate end = query.to().withDayOfYear(1).equals(query.to())
                        ? query.to() : query.to().withDayOfYear(1).plusYears(1);
                for (LocalDate start = query.from().withDayOfYear(1); start.isBefore(end); start = start.plusYears(size)) {
                    windows.add(new Window(start, min(start.plusYears(size), end)));
                }
            }
            case CURRENT_BILLING_PERIOD -> windows.add(new Window(query.from(), query.to()));
        }
        return List.copyOf(windows);
    }

    private void checkLookback(String providerId, UsageQuery query, SourceCapabilities capabilities) {
        if (capabilities.lookback().isEmpty()) {
            return;
        }
        LocalDate horizon = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minus(capabilities.lookback().get());
        if (query.from().isBefore(horizon)) {
            throw new UnsupportedQueryException(providerId, "usage before " + horizon + " is not available (the provider keeps "
                    + capabilities.lookback().get() + "); the query starts on " + query.from()
                    + ": start the query on or after " + horizon, null);
        }
    }

    /**
     * The client-side part of the plan: a record is kept when its charge period overlaps the query
     * and it matches every filter the provider did not push down (see {@link QueryFilter}).
     */
    public static Predicate<UsageRecord> clientSide(UsageQuery query, SourceCapabilities capabilities) {
        Objects.requireNonNull(query, "query is null");
        Objects.requireNonNull(capabilities, "capabilities is null");
        Set<QueryFilter> pushed = capabilities.pushedDownFilters();
        Predicate<UsageRecord> keep = query::overlaps;
        if (!pushed.contains(QueryFilter.METRIC) && !query.metrics().isEmpty()) {
            Set<String> metrics = query.metrics();
            keep = keep.and(r -> in(metrics, r.skuId()) || in(metrics, r.skuMeter()));
        }
        if (!pushed.contains(QueryFilter.SERVICE_NAME) && !query.serviceNames().isEmpty()) {
            Set<String> names = query.serviceNames();
            keep = keep.and(r -> in(names, r.serviceName()));
        }
        if (!pushed.contains(QueryFilter.SUB_ACCOUNT) && !query.subAccountIds().isEmpty()) {
            Set<String> ids = query.subAccountIds();
            keep = keep.and(r -> in(ids, r.subAccountId()));
        }
        return keep;
    }

    /** {@code records} with {@link #clientSide(UsageQuery, SourceCapabilities)} applied; lazy. */
    public static Stream<UsageRecord> applyClientSide(Stream<UsageRecord> records, UsageQuery query,
            SourceCapabilities capabilities) {
        return records.filter(clientSide(query, capabilities));
    }

    private static boolean in(Set<String> values, Optional<String> value) {
        return value.isPresent() && values.contains(value.get());
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
