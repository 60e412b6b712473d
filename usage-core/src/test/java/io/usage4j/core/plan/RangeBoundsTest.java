package io.usage4j.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.Granularity;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.WindowUnit;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.RandomAccess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The planner refuses absurd ranges and ranges beyond the provider's look-back, and plans lazily")
class RangeBoundsTest {
    private static final QueryPlanner PLANNER = QueryPlanner.withClock(
            Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC));

    private static SourceCapabilities caps(WindowUnit unit, int size) {
        return SourceCapabilities.builder().granularity(Granularity.DAY).windowUnit(unit).windowSize(size).build();
    }

    private static UsageQuery query(LocalDate from, LocalDate to) {
        return UsageQuery.between(from, to);
    }

    @Nested
    @DisplayName("absurd ranges")
    class Absurd {
        @ParameterizedTest
        @EnumSource(WindowUnit.class)
        @DisplayName("years -999999999 and +999999999 are refused with a typed error, at once, for every window unit")
        void extremeYears(WindowUnit unit) {
            assertThatThrownBy(() -> PLANNER.windows("p", query(LocalDate.MIN, LocalDate.parse("2025-01-01")), caps(unit, 1)))
                    .isInstanceOf(UnsupportedQueryException.class)
                    .hasMessageStartingWith("[p] ")
                    .hasMessageContaining("starts on -999999999-01-01")
                    .hasMessageContaining("on or after " + QueryPlanner.EARLIEST);
            assertThatThrownBy(() -> PLANNER.windows("p", query(LocalDate.parse("2025-01-01"), LocalDate.MAX), caps(unit, 1)))
                    .isInstanceOf(UnsupportedQueryException.class)
                    .hasMessageContaining("ends on +999999999-12-31")
                    .hasMessageContaining("on or before 2030-06-15");
        }

        @Test
        @DisplayName("the year 1 is refused, 1970-01-01 is the earliest start")
        void yearOne() {
            assertThatThrownBy(() -> PLANNER.windows("p", query(LocalDate.parse("0001-01-01"), LocalDate.parse("2025-01-01")),
                    caps(WindowUnit.DAYS, 31))).isInstanceOf(UnsupportedQueryException.class);
            assertThat(PLANNER.windows("p", query(QueryPlanner.EARLIEST, QueryPlanner.EARLIEST.plusDays(1)), caps(WindowUnit.DAYS, 31)))
                    .containsExactly(new Window(QueryPlanner.EARLIEST, QueryPlanner.EARLIEST.plusDays(1)));
        }

        @Test
        @DisplayName("a range ending five years from today is the latest accepted")
        void future() {
            assertThat(PLANNER.windows("p", query(LocalDate.parse("2030-06-01"), LocalDate.parse("2030-06-15")),
                    caps(WindowUnit.DAYS, 31))).hasSize(1);
            assertThatThrownBy(() -> PLANNER.windows("p", query(LocalDate.parse("2030-06-01"), LocalDate.parse("2030-06-16")),
                    caps(WindowUnit.DAYS, 31))).isInstanceOf(UnsupportedQueryException.class)
                    .hasMessageContaining("usage after 2030-06-15 cannot exist yet");
        }
    }

    @Nested
    @DisplayName("look-back")
    class Lookback {
        private final SourceCapabilities ninetyDays = SourceCapabilities.builder().granularity(Granularity.DAY)
                .windowUnit(WindowUnit.DAYS).windowSize(31).lookback(Period.ofDays(90)).build();

        @Test
        @DisplayName("a range before the declared look-back is refused, saying how to ask for it anyway")
        void refused() {
            assertThatThrownBy(() -> PLANNER.windows("p", query(LocalDate.parse("2025-03-16"), LocalDate.parse("2025-03-18")),
                    ninetyDays)).isInstanceOf(UnsupportedQueryException.class)
                    .hasMessageContaining("usage before 2025-03-17 is not available")
                    .hasMessageContaining("beyondLookback");
        }

        @Test
        @DisplayName("the user may ask beyond it explicitly")
        void explicit() {
            UsageQuery beyond = UsageQuery.builder().from(LocalDate.parse("2025-01-01")).to(LocalDate.parse("2025-03-18"))
                    .beyondLookback(true).build();
            assertThat(PLANNER.windows("p", beyond, ninetyDays)).hasSize(3);
            assertThat(UsageQuery.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-02")).beyondLookback()).isFalse();
        }
    }

    @Nested
    @DisplayName("lazy windows")
    class Lazy {
        @ParameterizedTest
        @EnumSource(value = WindowUnit.class, names = {"DAYS", "CALENDAR_MONTHS", "CALENDAR_YEARS"})
        @DisplayName("the widest accepted range gives a random-access list computed on demand, equal to the eager plan")
        void widest(WindowUnit unit) {
            UsageQuery widest = query(QueryPlanner.EARLIEST, LocalDate.parse("2030-06-15"));
            List<Window> windows = PLANNER.windows("p", widest, caps(unit, 1));
            assertThat(windows).isInstanceOf(RandomAccess.class);
            assertThat(windows.get(0).start()).isEqualTo(QueryPlanner.EARLIEST);
            assertThat(windows.get(windows.size() - 1).end()).isAfterOrEqualTo(LocalDate.parse("2030-06-15"));
            for (int i = 1; i < windows.size(); i++) {
                assertThat(windows.get(i).start()).isEqualTo(windows.get(i - 1).end());
            }
            int expected = switch (unit) {
                case DAYS -> (int) (LocalDate.parse("2030-06-15").toEpochDay() - QueryPlanner.EARLIEST.toEpochDay());
                case CALENDAR_MONTHS -> (2030 - 1970) * 12 + 6;
                default -> 2031 - 1970;
            };
            assertThat(windows).hasSize(expected);
        }

        @Test
        @DisplayName("the list cannot be changed, and an index outside it is refused")
        void immutable() {
            List<Window> windows = PLANNER.windows("p", query(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-03-01")),
                    caps(WindowUnit.DAYS, 31));
            assertThatThrownBy(() -> windows.add(windows.get(0))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> windows.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> windows.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
