package io.usage4j.provider.cloudflare.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usage4j.spi.kit.ProviderError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CloudflareErrorsTest {
    private final CloudflareErrors reader = new CloudflareErrors();

    private ProviderError read(int status, String body) {
        JsonNode json;
        try {
            json = Fixtures.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reader.read(status, json, body);
    }

    @Test
    @DisplayName("one entry of errors[] gives the message and the code")
    void singleError() {
        ProviderError error = read(403, Fixtures.text("error-authentication.json"));
        assertThat(error.message()).isEqualTo("Authentication error");
        assertThat(error.code()).isEqualTo("10000");
        assertThat(error.requestId()).isNull();
        assertThat(error.retryAfter()).isNull();
    }

    @Test
    @DisplayName("several errors are joined, each with its code")
    void severalErrors() {
        ProviderError error = read(400, "{\"success\":false,\"errors\":[{\"code\":1001,\"message\":\"bad from\"},"
                + "{\"message\":\"bad to\"},{\"code\":7}],\"result\":null}");
        assertThat(error.message()).isEqualTo("bad from [code 1001]; bad to");
        assertThat(error.code()).isNull();
    }

    @Test
    @DisplayName("the legacy top-level code and message are read when errors[] is absent")
    void legacyShape() {
        ProviderError error = read(429, Fixtures.text("error-rate-limit-legacy.json"));
        assertThat(error.message()).startsWith("More than 1200 requests per 300 seconds reached");
        assertThat(error.code()).isEqualTo("10100");
    }

    @Test
    @DisplayName("a body that is not JSON, or carries no message, gives nothing")
    void nothingToRead() {
        assertThat(reader.read(502, null, "<html>Bad gateway</html>")).isEqualTo(ProviderError.none());
        assertThat(read(500, "{\"success\":false,\"errors\":[]}")).isEqualTo(ProviderError.none());
        assertThat(read(500, "[1,2]")).isEqualTo(ProviderError.none());
    }

    @Test
    @DisplayName("describe() writes every message with its code and says when there is none")
    void describe() {
        assertThat(CloudflareErrors.describe(List.of(new CloudflareMessage("1171", "insufficient_permissions"),
                new CloudflareMessage(null, " second ")))).isEqualTo("insufficient_permissions [code 1171]; second");
        assertThat(CloudflareErrors.describe(Arrays.asList(null, new CloudflareMessage("1", " "))))
                .isEqualTo("no error detail given");
    }
}
