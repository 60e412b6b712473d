package io.usage4j.provider.cloudinary.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usage4j.spi.kit.ErrorBodyReader;
import io.usage4j.spi.kit.ProviderError;
import org.junit.jupiter.api.Test;

class CloudinaryErrorsTest {
    private final ErrorBodyReader reader = CloudinaryErrors.reader();

    @Test
    void readsTheDocumentedShape() {
        assertThat(read(401, "{\"error\":{\"message\":\"Invalid credentials\"}}").message()).isEqualTo("Invalid credentials");
        assertThat(read(404, "{\"error\":{\"message\":\"not found\"}}").message()).isEqualTo("not found");
    }

    @Test
    void readsAStringErrorAndATopLevelMessage() {
        assertThat(read(420, "{\"error\":\"max usage rate exceeded\"}").message()).isEqualTo("max usage rate exceeded");
        assertThat(read(400, "{\"message\":\"year must be an integer\"}").message()).isEqualTo("year must be an integer");
    }

    @Test
    void saysNothingWhenTheBodyHasNoMessage() {
        assertThat(read(500, "{\"error\":{\"code\":17}}").messageText()).isEmpty();
        assertThat(read(500, "[]").messageText()).isEmpty();
        assertThat(reader.read(502, null, "<html>Bad gateway</html>").messageText()).isEmpty();
        assertThat(read(400, "{\"error\":{\"message\":\"   \"}}").messageText()).isEmpty();
    }

    @Test
    void cutsAnOverlongMessage() {
        String message = "x".repeat(2000);
        assertThat(read(400, "{\"error\":{\"message\":\"" + message + "\"}}").message()).hasSize(503).endsWith("...");
    }

    private ProviderError read(int status, String body) {
        try {
            JsonNode json = Fixtures.MAPPER.readTree(body);
            return reader.read(status, json, body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
