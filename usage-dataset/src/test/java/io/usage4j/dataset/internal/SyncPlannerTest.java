package io.usage4j.dataset.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.usage4j.core.Granularity;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.WindowUnit;
import io.usage4j.dataset.internal.SyncPlanner.Action;
import io.usage4j.dataset.internal.SyncPlanner.MonthPlan;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The sync planner")
class SyncPlannerTest {
    static final LocalDate TODAY = LocalDate.parse("2026-12-03");
    static final SourceCapabilities DAILY = SourceCapabilities.builder().granularity(Granularity.DAY).windowUnit(WindowUnit.DAYS)
            .windowSize(31).finalityLag(Period.ofDays(5)).build();

    /** A dataset holding 24 months, each fetched on {@code fetchedAt} or, if later, a day after it ended. */
    static Map<YearMonth, MonthState> dataset(YearMonth first, YearMonth last, Instant fetchedAt) {
        Map<YearMonth, MonthState> states = new HashMap<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            Instant settled = month.plusMonths(1).atDay(1).plusDays(10).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            Instant at = settled.isBefore(fetchedAt) ? settled : fetchedAt;
            states.put(month, new MonthState("usage:x:1", new SourceIdentity("x", "default"), month, month.atDay(1),
                    month.plusMonths(1).atDay(1), at, at, Period.ofDays(5), 1, List.of()));
        }
        return states;
    }

    static List<YearMonth> fetched(List<MonthPlan> plans) {
        return plans.stream().filter(p -> p.action() == Action.FETCH).map(MonthPlan::month).toList();
    }

    @Nested
    @DisplayName("for a daily re-sync of a 24-month dataset")
    class Daily {
        final YearMonth first = YearMonth.of(2025, 1);
        final YearMonth last = YearMonth.of(2026, 12);
        final Map<YearMonth, MonthState> held = dataset(first, last, Instant.parse("2026-12-02T06:00:00Z"));

        @Test
        @DisplayName("fetches only the current month and the two before it (the default look-back)")
        void lookback() {
            assertThat(fetched(SyncPlanner.plan(first, last, held, DAILY, TODAY, 2, false)))
                    .containsExactly(YearMonth.of(2026, 10), YearMonth.of(2026, 11), YearMonth.of(2026, 12));
        }

        @Test
        @DisplayName("with a look-back of 0 still fetches November: it ended 2 days ago, inside the 5-day finality lag")
        void finality() {
            List<MonthPlan> plans = SyncPlanner.plan(first, last, held, DAILY, TODAY, 0, false);
            assertThat(fetched(plans)).containsExactly(YearMonth.of(2026, 11), YearMonth.of(2026, 12));
            assertThat(plans.get(plans.size() - 2).reason()).startsWith("not final");
        }

        @Test
        @DisplayName("with --full fetches all 24")
        void full() {
            assertThat(fetched(SyncPlanner.plan(first, last, held, DAILY, TODAY, 2, true))).hasSize(24);
        }

        @Test
        @DisplayName("fetches a missing month whatever its age")
        void missing() {
            held.remove(YearMonth.of(2025, 5));
            assertThat(fetched(SyncPlanner.plan(first, last, held, DAILY, TODAY, 2, false))).startsWith(YearMonth.of(2025, 5)).hasSize(4);
        }
    }

    @Test
    @DisplayName("never fetches what the provider cannot serve: future months, months before its look-back, past billing periods")
    void unreachable() {
        SourceCapabilities limited = SourceCapabilities.builder().granularity(Granularity.DAY).windowUnit(WindowUnit.DAYS)
                .lookback(Period.ofMonths(3)).build();
        List<MonthPlan> plans = SyncPlanner.plan(YearMonth.of(2026, 7), YearMonth.of(2027, 1), Map.of(), limited, TODAY, 2, true);
        assertThat(fetched(plans)).containsExactly(YearMonth.of(2026, 10), YearMonth.of(2026, 11), YearMonth.of(2026, 12));
        assertThat(plans).filteredOn(p -> p.action() == Action.UNREACHABLE).extracting(MonthPlan::reason)
                .anyMatch(r -> r.contains("look-back")).anyMatch(r -> r.equals("in the future"));
        SourceCapabilities current = SourceCapabilities.builder().granularity(Granularity.CURRENT_BILLING_PERIOD)
                .windowUnit(WindowUnit.CURRENT_BILLING_PERIOD).build();
        assertThat(fetched(SyncPlanner.plan(YearMonth.of(2026, 7), YearMonth.of(2026, 12), Map.of(), current, TODAY, 2, true)))
                .containsExactly(YearMonth.of(2026, 12));
    }
}
