package io.usage4j.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.Granularity;
import io.usage4j.core.QueryFilter;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.TestRecords;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.WindowUnit;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class QueryPlannerTest {
    private static final QueryPlanner PLANNER = QueryPlanner.withClock(
            Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC));

    private static SourceCapabilities caps(WindowUnit unit, int size) {
        return SourceCapabilities.builder().granularity(Granularity.DAY).windowUnit(unit).windowSize(size).build();
    }

    private static List<Window> windows(String from, String to, WindowUnit unit, int size) {
        return PLANNER.windows("test", UsageQuery.between(LocalDate.parse(from), LocalDate.parse(to)), caps(unit, size));
    }

    private static Window w(String start, String end) {
        return new Window(LocalDate.parse(start), LocalDate.parse(end));
    }

    // --- DAYS -------------------------------------------------------------------------------------

    @Test
    void daysCutsEvery31DaysAndTheLastWindowIsShorter() {
        assertThat(windows("2025-01-01", "2025-03-01", WindowUnit.DAYS, 31)).containsExactly(
                w("2025-01-01", "2025-02-01"), w("2025-02-01", "2025-03-01"));
        assertThat(windows("2025-01-01", "2025-03-15", WindowUnit.DAYS, 31)).containsExactly(
                w("2025-01-01", "2025-02-01"), w("2025-02-01", "2025-03-04"), w("2025-03-04", "2025-03-15"));
    }

    @Test
    void daysWithinOneWindowIsTheQueryItself() {
        assertThat(windows("2025-01-05", "2025-01-06", WindowUnit.DAYS, 31)).containsExactly(w("2025-01-05", "2025-01-06"));
        assertThat(windows("2025-01-05", "2025-02-05", WindowUnit.DAYS, 31)).containsExactly(w("2025-01-05", "2025-02-05"));
        assertThat(windows("2025-01-05", "2025-02-06", WindowUnit.DAYS, 31)).containsExactly(
                w("2025-01-05", "2025-02-05"), w("2025-02-05", "2025-02-06"));
    }

    @Test
    void daysOverAYearAndALeapYear() {
        List<Window> year = windows("2025-01-01", "2026-01-01", WindowUnit.DAYS, 31);
        assertThat(year).hasSize(12); // 365 = 11 * 31 + 24
        assertThat(year.get(11)).isEqualTo(w("2025-12-08", "2026-01-01"));
        assertThat(year.get(11).days()).isEqualTo(24);
        assertCoversExactly(year, LocalDate.parse("2025-01-01"), LocalDate.parse("2026-01-01"));

        List<Window> leap = windows("2024-01-01", "2025-01-01", WindowUnit.DAYS, 31);
        assertThat(leap).hasSize(12); // 366 = 11 * 31 + 25
        assertThat(leap.get(11).days()).isEqualTo(25);
        assertCoversExactly(leap, LocalDate.parse("2024-01-01"), LocalDate.parse("2025-01-01"));
    }

    @Test
    void daysWindowsCoverRandomRangesExactlyWithoutOverlap() {
        Random random = new Random(20251123L);
        for (int i = 0; i < 500; i++) {
            LocalDate from = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2000));
            LocalDate to = from.plusDays(1 + random.nextInt(800));
            int size = 1 + random.nextInt(40);
            List<Window> windows = PLANNER.windows("test", UsageQuery.between(from, to), caps(WindowUnit.DAYS, size));
            assertCoversExactly(windows, from, to);
            for (int k = 0; k < windows.size(); k++) {
                assertThat(windows.get(k).days()).isBetween(1L, (long) size);
                if (k < windows.size() - 1) {
                    assertThat(windows.get(k).days()).isEqualTo(size);
                }
            }
            assertThat(windows).hasSize((int) ((ChronoUnit.DAYS.between(from, to) + size - 1) / size));
        }
    }

    private static void assertCoversExactly(List<Window> windows, LocalDate from, LocalDate to) {
        assertThat(windows).isNotEmpty();
        assertThat(windows.get(0).start()).isEqualTo(from);
        assertThat(windows.get(windows.size() - 1).end()).isEqualTo(to);
        for (int k = 1; k < windows.size(); k++) {
            assertThat(windows.get(k).start()).as("window %d starts where %d ends", k, k - 1)
                    .isEqualTo(windows.get(k - 1).end());
        }
    }

    // --- CALENDAR_MONTHS ----------------------------------------------------------------------------

    @Test
    void monthsOfOneCoverWholeTouchedMonths() {
        assertThat(windows("2025-01-15", "2025-03-10", WindowUnit.CALENDAR_MONTHS, 1)).containsExactly(
                w("2025-01-01", "2025-02-01"), w("2025-02-01", "2025-03-01"), w("2025-03-01", "2025-04-01"));
    }

    @Test
    void monthsToOnTheFirstDoesNotTouchThatMonth() {
        assertThat(windows("2025-01-01", "2025-03-01", WindowUnit.CALENDAR_MONTHS, 1)).containsExactly(
                w("2025-01-01", "2025-02-01"), w("2025-02-01", "2025-03-01"));
        assertThat(windows("2025-01-31", "2025-02-01", WindowUnit.CALENDAR_MONTHS, 1)).containsExactly(
                w("2025-01-01", "2025-02-01"));
        assertThat(windows("2025-01-31", "2025-02-02", WindowUnit.CALENDAR_MONTHS, 1)).containsExactly(
                w("2025-01-01", "2025-02-01"), w("2025-02-01", "2025-03-01"));
    }

    @Test
    void monthsOfThreeGroupFromTheFirstTouchedMonth() {
        assertThat(windows("2025-02-10", "2025-09-01", WindowUnit.CALENDAR_MONTHS, 3)).containsExactly(
                w("2025-02-01", "2025-05-01"), w("2025-05-01", "2025-08-01"), w("2025-08-01", "2025-09-01"));
        assertThat(windows("2025-11-20", "2026-02-02", WindowUnit.CALENDAR_MONTHS, 3)).containsExactly(
                w("2025-11-01", "2026-02-01"), w("2026-02-01", "2026-03-01"));
    }

    @Test
    void monthWindowsOnRandomRangesCoverWholeMonthsWithoutOverlap() {
        Random random = new Random(42L);
        for (int i = 0; i < 300; i++) {
            LocalDate from = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(2500));
            LocalDate to = from.plusDays(1 + random.nextInt(1000));
            int size = 1 + random.nextInt(6);
            List<Window> windows = PLANNER.windows("t", UsageQuery.between(from, to), caps(WindowUnit.CALENDAR_MONTHS, size));
            LocalDate last = to.minusDays(1);
            assertCoversExactly(windows, from.withDayOfMonth(1), last.withDayOfMonth(1).plusMonths(1));
            for (Window window : windows) {
                assertThat(window.start().getDayOfMonth()).isEqualTo(1);
                assertThat(window.end().getDayOfMonth()).isEqualTo(1);
                assertThat(window.start().plusMonths(size)).isAfterOrEqualTo(window.end());
            }
        }
    }

    // --- CALENDAR_YEARS and CURRENT_BILLING_PERIOD ------------------------------------------------

    @Test
    void yearsCoverWholeTouchedYears() {
        assertThat(windows("2023-06-01", "2025-02-01", WindowUnit.CALENDAR_YEARS, 1)).containsExactly(
                w("2023-01-01", "2024-01-01"), w("2024-01-01", "2025-01-01"), w("2025-01-01", "2026-01-01"));
        assertThat(windows("2024-03-01", "2025-01-01", WindowUnit.CALENDAR_YEARS, 1)).containsExactly(
                w("2024-01-01", "2025-01-01"));
        assertThat(windows("2020-03-01", "2025-01-02", WindowUnit.CALENDAR_YEARS, 2)).containsExactly(
                w("2020-01-01", "2022-01-01"), w("2022-01-01", "2024-01-01"), w("2024-01-01", "2026-01-01"));
    }

    @Test
    void currentBillingPeriodIsOneWindowOfTheQuery() {
        assertThat(windows("2025-06-01", "2025-06-16", WindowUnit.CURRENT_BILLING_PERIOD, 1)).containsExactly(
                w("2025-06-01", "2025-06-16"));
        assertThat(windows("2024-01-01", "2025-06-16", WindowUnit.CURRENT_BILLING_PERIOD, 1)).hasSize(1);
    }

    // --- lookback ----------------------------------------------------------------------------------

    @Test
    void queriesBeforeTheLookbackAreRefusedWithTheHorizon() {
        SourceCapabilities caps = SourceCapabilities.builder().granularity(Granularity.DAY).windowUnit(WindowUnit.DAYS)
                .windowSize(31).lookback(Period.ofDays(90)).build();
        // 2025-06-15 minus 90 days is 2025-03-17
        assertThat(PLANNER.windows("p", UsageQuery.between(LocalDate.parse("2025-03-17"), LocalDate.parse("2025-03-18")), caps))
                .containsExactly(w("2025-03-17", "2025-03-18"));
        assertThatThrownBy(() -> PLANNER.windows("p",
                        UsageQuery.between(LocalDate.parse("2025-03-16"), LocalDate.parse("2025-03-18")), caps))
                .isInstanceOf(UnsupportedQueryException.class)
                .hasMessageStartingWith("[p] ")
                .hasMessageContaining("usage before 2025-03-17 is not available")
                .hasMessageContaining("the query starts on 2025-03-16")
                .satisfies(e -> assertThat(((UnsupportedQueryException) e).providerId()).contains("p"));
    }

    @Test
    void lookbackUsesTheClockInUtc() {
        SourceCapabilities caps = SourceCapabilities.builder().granularity(Granularity.DAY).windowUnit(WindowUnit.DAYS)
                .lookback(Period.ofMonths(1)).build();
        QueryPlanner lateEvening = QueryPlanner.withClock(
                Clock.fixed(Instant.parse("2025-03-31T23:30:00Z"), ZoneOffset.ofHours(10)));
        assertThat(lateEvening.windows("p", UsageQuery.between(LocalDate.parse("2025-02-28"), LocalDate.parse("2025-03-01")), caps))
                .hasSize(1);
        assertThatThrownBy(() -> lateEvening.windows("p",
                        UsageQuery.between(LocalDate.parse("2025-02-27"), LocalDate.parse("2025-03-01")), caps))
                .isInstanceOf(UnsupportedQueryException.class);
    }

    @Test
    void windowRefusesEmptyRangesAndNamesBothDates() {
        assertThatThrownBy(() -> new Window(LocalDate.parse("2025-01-02"), LocalDate.parse("2025-01-02")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-01-02 must be before its exclusive end 2025-01-02");
        Window window = w("2025-01-31", "2025-03-01");
        assertThat(window.lastDay()).isEqualTo(LocalDate.parse("2025-02-28"));
        assertThat(window.firstMonth()).hasToString("2025-01");
        assertThat(window.lastMonth()).hasToString("2025-02");
        assertThat(window.startInstant()).isEqualTo(Instant.parse("2025-01-31T00:00:00Z"));
        assertThat(window.endInstant()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(window).hasToString("[2025-01-31, 2025-03-01)");
    }

    // --- client side -------------------------------------------------------------------------------

    private static final UsageQuery JAN = UsageQuery.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-02-01"));
    private static final SourceCapabilities NOTHING_PUSHED = caps(WindowUnit.DAYS, 31);

    private static UsageRecord day(String day) {
        Instant start = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
        return TestRecords.minimal().chargePeriodStart(start).chargePeriodEnd(start.plus(1, ChronoUnit.DAYS)).build();
    }

    @Test
    void clientSideDropsRecordsOutsideTheHalfOpenRange() {
        UsageRecord endsAtFrom = day("2024-12-31");
        UsageRecord startsAtTo = day("2025-02-01");
        UsageRecord first = day("2025-01-01");
        UsageRecord last = day("2025-01-31");
        UsageRecord spanning = TestRecords.minimal().chargePeriodStart(Instant.parse("2024-12-31T12:00:00Z"))
                .chargePeriodEnd(Instant.parse("2025-01-01T00:00:01Z")).build();

        assertThat(QueryPlanner.applyClientSide(Stream.of(endsAtFrom, first, spanning, last, startsAtTo), JAN, NOTHING_PUSHED))
                .containsExactly(first, spanning, last);
    }

    @Test
    void metricFilterMatchesSkuIdOrSkuMeter() {
        UsageQuery query = UsageQuery.builder().from(JAN.from()).to(JAN.to()).addMetrics("requests").build();
        UsageRecord bySkuId = TestRecords.minimal().skuId("requests").build();
        UsageRecord bySkuMeter = TestRecords.minimal().skuId("sku-9").skuMeter("requests").build();
        UsageRecord other = TestRecords.minimal().skuId("bandwidth").skuMeter("bytes").build();
        UsageRecord none = TestRecords.minimal().build();

        assertThat(QueryPlanner.applyClientSide(Stream.of(bySkuId, bySkuMeter, other, none), query, NOTHING_PUSHED))
                .containsExactly(bySkuId, bySkuMeter);
    }

    @Test
    void serviceNameAndSubAccountFilters() {
        UsageQuery query = UsageQuery.builder().from(JAN.from()).to(JAN.to())
                .addServiceNames("CDN", "DNS").addSubAccountIds("p1").build();
        UsageRecord match = TestRecords.minimal().serviceName("DNS").subAccountId("p1").build();
        UsageRecord wrongService = TestRecords.minimal().serviceName("Storage").subAccountId("p1").build();
        UsageRecord wrongAccount = TestRecords.minimal().serviceName("CDN").subAccountId("p2").build();
        UsageRecord noAccount = TestRecords.minimal().serviceName("CDN").build();

        assertThat(QueryPlanner.applyClientSide(Stream.of(match, wrongService, wrongAccount, noAccount), query, NOTHING_PUSHED))
                .containsExactly(match);
    }

    @Test
    void pushedDownFiltersAreNotReapplied() {
        UsageQuery query = UsageQuery.builder().from(JAN.from()).to(JAN.to()).addMetrics("requests")
                .addServiceNames("CDN").addSubAccountIds("p1").build();
        SourceCapabilities allPushed = SourceCapabilities.builder().granularity(Granularity.DAY).windowUnit(WindowUnit.DAYS)
                .addPushedDownFilters(QueryFilter.values()).build();
        UsageRecord unlike = TestRecords.minimal().skuId("other").serviceName("Storage").subAccountId("p9").build();
        UsageRecord outside = day("2025-02-01");

        Predicate<UsageRecord> keep = QueryPlanner.clientSide(query, allPushed);
        assertThat(keep.test(unlike)).isTrue();
        assertThat(keep.test(outside)).as("the range is always checked on the client").isFalse();

        SourceCapabilities metricPushed = SourceCapabilities.builder().granularity(Granularity.DAY).windowUnit(WindowUnit.DAYS)
                .addPushedDownFilters(QueryFilter.METRIC).build();
        UsageRecord rightServiceAndAccount = TestRecords.minimal().skuId("other").serviceName("CDN").subAccountId("p1").build();
        assertThat(QueryPlanner.clientSide(query, metricPushed).test(rightServiceAndAccount)).isTrue();
        assertThat(QueryPlanner.clientSide(query, metricPushed).test(unlike)).isFalse();
        assertThat(QueryPlanner.clientSide(query, NOTHING_PUSHED).test(rightServiceAndAccount)).isFalse();
    }

    @Test
    void applyClientSideIsLazy() {
        int[] pulled = {0};
        Stream<UsageRecord> source = Stream.iterate(0, i -> i + 1).map(i -> {
            pulled[0]++;
            return day("2025-01-01");
        });
        assertThat(QueryPlanner.applyClientSide(source, JAN, NOTHING_PUSHED).limit(3).count()).isEqualTo(3);
        assertThat(pulled[0]).isEqualTo(3);
    }

    @Test
    void nullArgumentsAreRefused() {
        assertThatThrownBy(() -> PLANNER.windows("p", null, NOTHING_PUSHED)).hasMessage("query is null");
        assertThatThrownBy(() -> PLANNER.windows("p", JAN, null)).hasMessage("capabilities is null");
        assertThatThrownBy(() -> QueryPlanner.withClock(null)).hasMessage("clock is null");
        assertThatThrownBy(() -> SourceCapabilities.builder().granularity(Granularity.DAY).windowUnit(WindowUnit.DAYS)
                .windowSize(0).build()).hasMessageContaining("windowSize must be at least 1, got 0");
    }
}
