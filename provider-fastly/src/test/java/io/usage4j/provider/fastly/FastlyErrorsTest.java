package io.usage4j.provider.fastly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usage4j.provider.fastly.internal.FastlyErrors;
import io.usage4j.spi.kit.ProviderError;
import org.junit.jupiter.api.Test;

class FastlyErrorsTest {
    private final FastlyErrors errors = new FastlyErrors();

    private static JsonNode json(String text) {
        try {
            return Fixtures.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void readsFastlysErrorModel() {
        String body = Fixtures.text("error-400.json");

        ProviderError error = errors.read(400, json(body), body);

        assertThat(error.message()).isEqualTo("Bad Request");
        assertThat(error.code()).isEqualTo("invalid_month_range");
        assertThat(error.retryAfter()).isNull();
    }

    @Test
    void readsTheOlderMsgAndDetail() {
        String body = Fixtures.text("error-msg.json");

        assertThat(errors.read(401, json(body), body).message())
                .isEqualTo("Provided credentials are missing or invalid: Fastly-Key header missing");
    }

    @Test
    void readsJsonApiStyleErrors() {
        String body = "{\"errors\": [{\"title\": \"Invalid month\", \"detail\": \"start_month must be YYYY-MM\"}]}";

        assertThat(errors.read(400, json(body), body).message()).isEqualTo("Invalid month: start_month must be YYYY-MM");
    }

    @Test
    void readsAPlainErrorText() {
        String body = "{\"error\": \"Bad request\"}";

        assertThat(errors.read(400, json(body), body).message()).isEqualTo("Bad request");
    }

    @Test
    void fallsBackToTheTypeWhenNothingElseIsSaid() {
        String body = "{\"type\": \"rate_limited\"}";

        assertThat(errors.read(429, json(body), body).message()).isEqualTo("rate_limited");
    }

    @Test
    void keepsTheFirstLineOfAShortPlainTextBody() {
        assertThat(errors.read(500, null, "upstream timed out\nmore").message()).isEqualTo("upstream timed out");
    }

    @Test
    void ignoresHtmlAndEmptyBodies() {
        assertThat(errors.read(503, null, "<html><body>Service Unavailable</body></html>").message()).isNull();
        assertThat(errors.read(500, null, "").message()).isNull();
        assertThat(errors.read(500, json("{}"), "{}").message()).isNull();
    }

    @Test
    void aRateLimitWaitsUntilFastlysResetTime() {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.ofEpochSecond(1_700_000_000L), java.time.ZoneOffset.UTC);
        FastlyErrors withClock = new FastlyErrors(clock);
        java.util.Map<String, java.util.Collection<String>> headers =
                java.util.Map.of("fastly-ratelimit-reset", java.util.List.of("1700000042"));

        assertThat(withClock.read(429, null, "", headers).retryAfter()).isEqualTo(java.time.Duration.ofSeconds(42));
        assertThat(withClock.read(500, null, "", headers).retryAfter()).as("only a 429 waits for the reset").isNull();
        assertThat(withClock.read(429, null, "", java.util.Map.of()).retryAfter()).as("no header, kit backoff").isNull();
        assertThat(withClock.read(429, null, "", java.util.Map.of("Fastly-RateLimit-Reset", java.util.List.of("soon"))).retryAfter())
                .isNull();
    }
}
