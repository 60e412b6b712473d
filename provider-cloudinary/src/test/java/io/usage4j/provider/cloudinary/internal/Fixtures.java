package io.usage4j.provider.cloudinary.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Test fixtures decoded as the kit decodes responses: unknown fields ignored, decimals as BigDecimal
 * from their text (the two settings of the kit's mapper that matter to a provider's DTOs).
 */
final class Fixtures {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Fixtures() {}

    /** The text of {@code /cloudinary/<name>}. */
    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/cloudinary/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response body decoded into the DTOs. */
    static BillingUsageResponse decode(String json) {
        try {
            return MAPPER.readValue(json, BillingUsageResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plans of a fixture file. */
    static List<PlanUsage> plans(String name) {
        return decode(text(name)).plans().orElseThrow();
    }
}
