package io.usage4j.spi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2015-10-21T07:27:00Z"), ZoneOffset.UTC);

    @Test
    void deltaSeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse(" 5 ", NOW)).contains(Duration.ofSeconds(5));
    }

    @Test
    void httpDateIsMeasuredFromTheClock() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).contains(Duration.ofSeconds(60));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 08:27:30 GMT", NOW)).contains(Duration.ofMinutes(60).plusSeconds(30));
    }

    @Test
    void theObsoleteHttpDateFormatsAreAcceptedToo() {
        assertThat(RetryAfter.parse("Wednesday, 21-Oct-15 07:28:00 GMT", NOW)).contains(Duration.ofSeconds(60));
        assertThat(RetryAfter.parse("Wed Oct 21 07:28:00 2015", NOW)).contains(Duration.ofSeconds(60));
        assertThat(RetryAfter.parse("Thu Oct  1 00:00:00 2015", NOW)).contains(Duration.ZERO);
        // a two-digit year more than 50 years ahead is the past century: 1994, not 2094
        assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).contains(Duration.ZERO);
        Clock in1990 = Clock.fixed(Instant.parse("1990-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", in1990)).get()
                .satisfies(wait -> assertThat(wait.toDays()).isBetween(1700L, 1800L));
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "soon", "-5", "1.5", "5s", "99999999999999999999999", "2015-10-21T07:28:00Z",
            "Someday, 21 Oct 2015 07:28:00 GMT"})
    void garbageIsIgnored(String value) {
        assertThat(RetryAfter.parse(value, NOW)).isEmpty();
    }
}
