package io.usage4j.spi.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration of the kit. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Tolerant of new fields: providers add them without notice.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Exact: every JSON number with a fraction becomes a BigDecimal from its text.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            // Never let a response echo its own source text into an exception message.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
