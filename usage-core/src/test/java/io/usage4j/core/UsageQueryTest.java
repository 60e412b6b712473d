package io.usage4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class UsageQueryTest {
    private static final LocalDate JAN_1 = LocalDate.parse("2025-01-01");
    private static final LocalDate FEB_1 = LocalDate.parse("2025-02-01");

    @Test
    void betweenIsHalfOpenUtc() {
        UsageQuery query = UsageQuery.between(JAN_1, FEB_1);

        assertThat(query.from()).isEqualTo(JAN_1);
        assertThat(query.to()).isEqualTo(FEB_1);
        assertThat(query.fromInstant()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(query.toInstant()).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
        assertThat(query.metrics()).isEmpty();
        assertThat(query.serviceNames()).isEmpty();
        assertThat(query.subAccountIds()).isEmpty();
        assertThat(query.options()).isEmpty();
    }

    @Test
    void aSingleDayIsAllowed() {
        UsageQuery day = UsageQuery.between(JAN_1, JAN_1.plusDays(1));
        assertThat(day.toInstant()).isEqualTo(Instant.parse("2025-01-02T00:00:00Z"));
    }

    @Test
    void reversedRangeIsRefusedNamingBothDates() {
        assertThatThrownBy(() -> UsageQuery.between(FEB_1, JAN_1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reversed")
                .hasMessageContaining("from 2025-02-01")
                .hasMessageContaining("to 2025-01-01");
    }

    @Test
    void emptyRangeIsRefusedNamingBothDatesAndTheFix() {
        assertThatThrownBy(() -> UsageQuery.between(JAN_1, JAN_1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty")
                .hasMessageContaining("from 2025-01-01 must be before to 2025-01-01")
                .hasMessageContaining("use to 2025-01-02");
    }

    @Test
    void nullDatesAreRefused() {
        assertThatThrownBy(() -> UsageQuery.between(null, JAN_1)).isInstanceOf(NullPointerException.class)
                .hasMessage("from is null");
        assertThatThrownBy(() -> UsageQuery.between(JAN_1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("to is null");
        assertThatThrownBy(() -> UsageQuery.builder().from(JAN_1).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("to");
    }

    @Test
    void builderCarriesFilters() {
        UsageQuery query = UsageQuery.builder().from(JAN_1).to(FEB_1).addMetrics("requests", "bandwidth")
                .addServiceNames("CDN").addSubAccountIds("proj").putOptions("dataset", "paygo").build();
        assertThat(query.metrics()).containsExactly("requests", "bandwidth");
        assertThat(query.serviceNames()).containsExactly("CDN");
        assertThat(query.subAccountIds()).containsExactly("proj");
        assertThat(query.options()).containsEntry("dataset", "paygo");
    }

    @Test
    void overlapsAtTheHalfOpenEdges() {
        UsageQuery query = UsageQuery.between(LocalDate.parse("2025-01-10"), LocalDate.parse("2025-01-20"));
        Instant from = query.fromInstant();
        Instant to = query.toInstant();

        // ends exactly where the query starts: no overlap
        assertThat(query.overlaps(record(from.minusSeconds(86_400), from))).isFalse();
        // starts exactly where the query ends: no overlap
        assertThat(query.overlaps(record(to, to.plusSeconds(86_400)))).isFalse();
        // one second inside at either edge: overlap
        assertThat(query.overlaps(record(from.minusSeconds(86_400), from.plusSeconds(1)))).isTrue();
        assertThat(query.overlaps(record(to.minusSeconds(1), to.plusSeconds(86_400)))).isTrue();
        // exactly the range, inside it, and spanning it
        assertThat(query.overlaps(record(from, to))).isTrue();
        assertThat(query.overlaps(record(from.plusSeconds(3600), from.plusSeconds(7200)))).isTrue();
        assertThat(query.overlaps(record(from.minusSeconds(1), to.plusSeconds(1)))).isTrue();
        // wholly before or after
        assertThat(query.overlaps(record(from.minusSeconds(7200), from.minusSeconds(3600)))).isFalse();
        assertThat(query.overlaps(record(to.plusSeconds(3600), to.plusSeconds(7200)))).isFalse();
        assertThatThrownBy(() -> query.overlaps(null)).isInstanceOf(NullPointerException.class);
    }

    private static UsageRecord record(Instant start, Instant end) {
        return TestRecords.minimal().chargePeriodStart(start).chargePeriodEnd(end).build();
    }
}
