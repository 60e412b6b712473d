package io.usage4j.testkit.example;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.usage4j.spi.kit.Envelope;
import java.math.BigDecimal;
import java.util.Optional;

/** One page of the example API's response, without its {@code items} (the kit streams those). */
public record ExamplePage(@JsonProperty("next_cursor") String next) implements Envelope {

    @Override
    public Optional<String> nextCursor() {
        return Optional.ofNullable(next);
    }

    /** One day of one metric. */
    public record Item(@JsonProperty("day") String day, @JsonProperty("metric") String metric,
            @JsonProperty("quantity") BigDecimal quantity, @JsonProperty("unit") String unit) {}
}
