package io.usage4j.testkit.example;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/** One page of the example API's response. */
public record ExamplePage(@JsonProperty("items") List<Item> items, @JsonProperty("next_cursor") String nextCursor) {

    /** One day of one metric. */
    public record Item(@JsonProperty("day") String day, @JsonProperty("metric") String metric,
            @JsonProperty("quantity") BigDecimal quantity, @JsonProperty("unit") String unit) {}
}
