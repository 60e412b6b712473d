package io.usage4j.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2025-05-01T00:00:00Z", "2025-05-01T23:59:59+00:00", "2024-02-29T12:30:05Z",
        "2025-05-01T00:00:00+02:00", "2025-05-01T00:00:00.250Z", "1999-12-31T23:59:59-05:30"})
    void agreesWithOffsetDateTime(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30T00:00:00Z", "2025-13-01T00:00:00Z", "2025-05-01T24:00:00Z",
        "2025-05-0aT00:00:00Z", "2025-05-01 00:00:00Z", "2025-05-01T00:00:00", "2025-05-01", ""})
    void rejectsWhatOffsetDateTimeRejects(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void nullIsAProgrammingError() {
        assertThatThrownBy(() -> Timestamps.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
