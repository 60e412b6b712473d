package io.usage4j.provider.cloudflare.internal;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fixtures, decoded with the same Jackson settings as the kit's decoder. */
final class Fixtures {
    /** The kit's settings: unknown fields ignored, floats as BigDecimal from their text. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .build();

    static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";

    private Fixtures() {}

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/cloudflare/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CloudflareEnvelope<BillableUsageItem> billable(String name) {
        return decode(text(name), new TypeReference<CloudflareEnvelope<BillableUsageItem>>() {});
    }

    static CloudflareEnvelope<PaygoUsageItem> paygo(String name) {
        return decode(text(name), new TypeReference<CloudflareEnvelope<PaygoUsageItem>>() {});
    }

    static <T> T decode(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
