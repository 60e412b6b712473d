package io.usage4j.core.plan;

import io.usage4j.core.QueryFilter;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Pure query planning, the same for every source: cuts a query into the provider's request
 * windows, and applies on the client what the provider cannot.
 *
 * <p>Windows never overlap and together cover the query exactly (for day windows) or the whole
 * calendar months or years it touches (for month and year windows), so no day is requested twice.
 * A query must lie between {@link #EARLIEST} and {@link #FUTURE_YEARS} years from today, and start within the provider's
 * look-back unless it asks {@link UsageQuery#beyondLookback() beyond it}.
 * {@link #clientSide(UsageQuery, SourceCapabilities)} then drops records whose charge period does not
 * overlap the query, and applies the filters the provider did not push down.
 */
public final class QueryPlanner {
    /**
     * The earliest day a query may start on: no provider reports usage before it, and a range from
     * year 1 (or -999999999) would plan tens of thousands of requests.
     */
    public static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    /** How many years after today a query may end at most: usage there cannot exist yet. */
    public static final int FUTURE_YEARS = 5;

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
     * The request windows for {@code query}, in time order. The list is computed on demand: it holds
     * no window until one is asked for, so its memory does not grow with the range (iterate it, or
     * read it by index; copying it materializes it).
     *
     * @throws UnsupportedQueryException if the query starts before {@link #EARLIEST} or ends more than
     *     {@link #FUTURE_YEARS} years after today (no bill reaches there), or starts before the provider's documented look-back
     *     and the query does not ask {@link UsageQuery#beyondLookback() beyond the look-back}
     */
    public List<Window> windows(String providerId, UsageQuery query, SourceCapabilities capabilities) {
        Objects.requireNonNull(query, "query is null");
        Objects.requireNonNull(capabilities, "capabilities is null");
        checkBounds(providerId, query);
        checkLookback(providerId, query, capabilities);
        int size = capabilities.windowSize();
        return switch (capabilities.windowUnit()) {
            case DAYS -> new Windows(query.from(), query.to(), size, ChronoUnit.DAYS);
            case CALENDAR_MONTHS -> new Windows(query.from().withDayOfMonth(1),
                    query.to().withDayOfMonth(1).equals(query.to()) ? query.to() : query.to().withDayOfMonth(1).plusMonths(1),
                    size, ChronoUnit.MONTHS);
            case CALENDAR_YEARS -> new Windows(query.from().withDayOfYear(1),
                    query.to().withDayOfYear(1).equals(query.to()) ? query.to() : query.to().withDayOfYear(1).plusYears(1),
                    size, ChronoUnit.YEARS);
            case CURRENT_BILLING_PERIOD -> List.of(new Window(query.from(), query.to()));
        };
    }

    /**
     * Windows of {@code size} units from {@code first} up to {@code end}, the last one cut at {@code end};
     * each computed when asked for.
     */
    private static final class Windows extends AbstractList<Window> implements RandomAccess {
        private final LocalDate first;
        private final LocalDate end;
        private final long size;
        private final ChronoUnit unit;
        private final int count;

        Windows(LocalDate first, LocalDate end, int size, ChronoUnit unit) {
            this.first = first;
            this.end = end;
            this.size = size;
            this.unit = unit;
            long units = unit.between(first, end);
            // the bounds checked before keep this far below Integer.MAX_VALUE (at most about 23,000 days)
            this.count = Math.toIntExact((units + size - 1) / size);
        }

        @Override
        public Window get(int index) {
            Objects.checkIndex(index, count);
            LocalDate start = first.plus(index * size, unit);
            return new Window(start, min(start.plus(size, unit), end));
        }

        @Override
        public int size() {
            return count;
        }
    }

    private void checkBounds(String providerId, UsageQuery query) {
        if (query.from().isBefore(EARLIEST)) {
            throw new UnsupportedQueryException(providerId, "the query starts on " + query.from() + ", before any usage a"
                    + " provider can report: start it on or after " + EARLIEST, null);
        }
        LocalDate latest = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusYears(FUTURE_YEARS);
        if (query.to().isAfter(latest)) {
            throw new UnsupportedQueryException(providerId, "the query ends on " + query.to() + ", but usage after " + latest
                    + " cannot exist yet: end it on or before " + latest, null);
        }
    }

    private void checkLookback(String providerId, UsageQuery query, SourceCapabilities capabilities) {
        if (capabilities.lookback().isEmpty() || query.beyondLookback()) {
            return;
        }
        LocalDate horizon = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minus(capabilities.lookback().get());
        if (query.from().isBefore(horizon)) {
            throw new UnsupportedQueryException(providerId, "usage before " + horizon + " is not available (the provider keeps "
                    + capabilities.lookback().get() + "); the query starts on " + query.from()
                    + ": start the query on or after " + horizon + ", or ask beyond the look-back explicitly"
                    + " (UsageQuery beyondLookback(true); on the command line --beyond-lookback)", null);
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
