package io.usage4j.provider.latitude.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usage4j.provider.latitude.LatitudeFixtures;
import io.usage4j.spi.kit.ProviderError;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatitudeErrorsTest {
    private final LatitudeErrors reader = new LatitudeErrors();

    private ProviderError read(int status, String body) throws IOException {
        return reader.read(status, new ObjectMapper().readTree(body), body);
    }

    @Test
    void theDocumentedRateLimitBodyGivesItsWordsCodeAndRetryAfter() throws IOException {
        ProviderError error = read(429, LatitudeFixtures.read("rate-limited.json"));

        assertThat(error.message()).isEqualTo("Rate Limit Exceeded: Too many requests. Please slow down and retry.");
        assertThat(error.code()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(error.requestId()).isNull();
    }

    @Test
    void everyErrorIsKeptOnceAndTheFirstCodeWins() throws IOException {
        ProviderError error = read(422, """
                {"errors": [
                  {"status": "422", "title": "Invalid", "detail": "filter[project] is required"},
                  {"status": "422", "code": "invalid_plan", "title": "Invalid plan"},
                  {"status": "422", "title": "Invalid", "detail": "filter[project] is required"},
                  {"status": "422", "code": "second", "detail": "Invalid"}
                ]}
                """);

        assertThat(error.message()).isEqualTo("Invalid: filter[project] is required; Invalid plan; Invalid");
        assertThat(error.code()).isEqualTo("invalid_plan");
        assertThat(error.retryAfter()).isNull();
    }

    @Test
    void aRetryAfterGivenAsTextOrAFractionIsRead() throws IOException {
        assertThat(read(429, "{\"errors\": [{\"title\": \"slow\", \"meta\": {\"retry_after\": \"15\"}}]}").retryAfter())
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(read(429, "{\"errors\": [{\"title\": \"slow\", \"meta\": {\"retry_after\": 1.5}}]}").retryAfter())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(read(429, "{\"errors\": [{\"title\": \"slow\", \"meta\": {\"retry_after\": \"soon\"}}]}").retryAfter())
                .isNull();
    }

    @Test
    void aBodyThatIsNotJsonApiReadsAsNothing() throws IOException {
        assertThat(reader.read(502, null, "<html>Bad Gateway</html>")).isEqualTo(ProviderError.none());
        assertThat(read(500, "{\"error\": \"boom\"}")).isEqualTo(ProviderError.none());
        assertThat(read(500, "{\"errors\": []}")).isEqualTo(ProviderError.none());
        JsonNode noWords = new ObjectMapper().readTree("{\"errors\": [{\"status\": \"500\"}]}");
        assertThat(reader.read(500, noWords, "")).isEqualTo(ProviderError.none());
    }
}
