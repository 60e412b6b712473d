package io.usage4j.dataset.internal;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.WindowUnit;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides, with no I/O, which charge months of one source a sync fetches. In the order the rules are
 * applied, a month in scope is:
 *
 * <ol>
 *   <li>out of reach (kept as it is) when it starts after today, when it starts before the provider's
 *       documented look-back horizon, or, for a source that serves only the current billing period,
 *       when it is not the current month;
 *   <li>fetched with {@code full};
 *   <li>fetched when the dataset has no state for it (missing);
 *   <li>fetched when it was not final when last fetched: fetched before its end plus the provider's
 *       {@linkplain SourceCapabilities#finalityLag() finality lag}, or only in part;
 *   <li>fetched when it is within the look-back: the current month and the {@code lookback} before it;
 *   <li>otherwise kept: final and outside the look-back.
 * </ol>
 */
public final class SyncPlanner {
    private SyncPlanner() {}

    /** What to do with a month, and why. */
    public enum Action {
        /** Fetch it and replace its partitions. */
        FETCH,
        /** Leave its partitions as they are. */
        KEEP,
        /** The provider cannot serve it: leave its partitions as they are. */
        UNREACHABLE
    }

    /** The decision for one month. */
    public record MonthPlan(YearMonth month, Action action, String reason) {
        /** Checks the fields. */
        public MonthPlan {
            Objects.requireNonNull(month, "month is null");
            Objects.requireNonNull(action, "action is null");
            Objects.requireNonNull(reason, "reason is null");
        }
    }

    /**
     * The plan for the months from {@code first} through {@code last} of a source.
     *
     * @param existing the dataset's state of this source, by month
     * @param today the current UTC date
     * @param lookback how many months before the current one are always re-fetched
     */
    public static List<MonthPlan> plan(YearMonth first, YearMonth last, Map<YearMonth, MonthState> existing,
            SourceCapabilities capabilities, LocalDate today, int lookback, boolean full) {
        if (lookback < 0) {
            throw new IllegalArgumentException("lookback must be 0 or more months, got " + lookback);
        }
        YearMonth current = YearMonth.from(today);
        YearMonth lookbackStart = current.minusMonths(lookback);
        LocalDate horizon = capabilities.lookback().map(today::minus).orElse(null);
        List<MonthPlan> plans = new ArrayList<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            MonthState state = existing.get(month);
            if (month.isAfter(current)) {
                plans.add(new MonthPlan(month, Action.UNREACHABLE, "in the future"));
            } else if (horizon != null && month.atDay(1).isBefore(horizon)) {
                plans.add(new MonthPlan(month, Action.UNREACHABLE, "before the provider's look-back of "
                        + capabilities.lookback().get() + " (" + horizon + ")"));
            } else if (capabilities.windowUnit() == WindowUnit.CURRENT_BILLING_PERIOD && !month.equals(current)) {
                plans.add(new MonthPlan(month, Action.UNREACHABLE, "the provider serves the current billing period only"));
            } else if (full) {
                plans.add(new MonthPlan(month, Action.FETCH, "full re-fetch"));
            } else if (state == null) {
                plans.add(new MonthPlan(month, Action.FETCH, "missing"));
            } else if (!state.isFinal()) {
                plans.add(new MonthPlan(month, Action.FETCH, state.wholeMonth()
                        ? "not final (last fetched " + state.fetchedAt() + ", finality lag " + state.finalityLag() + ")"
                        : "only part of the month was fetched"));
            } else if (!month.isBefore(lookbackStart)) {
                plans.add(new MonthPlan(month, Action.FETCH, "within the look-back of " + lookback + " month" + (lookback == 1 ? "" : "s")));
            } else {
                plans.add(new MonthPlan(month, Action.KEEP, "final"));
            }
        }
        return plans;
    }
}
