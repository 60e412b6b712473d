package io.usage4j.provider.cloudinary.internal;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cycle's usage by category ({@code storage_image}, {@code bandwidth_video}, ...), in the order the
 * response lists them. Which keys appear varies by plan and Cloudinary adds new ones, so every key is
 * kept: values are what Jackson read ({@link java.math.BigDecimal} for decimals, an integer type for
 * integers, anything else for a value of another type); the mapper decides what they mean.
 */
class Breakdown {
    private final Map<String, Object> values = new LinkedHashMap<>();

    @JsonAnySetter
    void put(String category, Object value) {
        values.put(category, value);
    }

    /** The categories and their values, in response order. */
    Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }
}
