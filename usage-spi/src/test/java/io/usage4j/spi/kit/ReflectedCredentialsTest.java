package io.usage4j.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import feign.RequestLine;
import io.usage4j.core.UsageException;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A server that reflects the credentials it was sent never gets them into a message")
class ReflectedCredentialsTest {
    private static final String KEY = "cld-key-318845";
    private static final String SECRET = "cld-secret-9f2/x+y";

    /** A client of the reflecting server. */
    public interface Api {
        @RequestLine("GET /usage")
        Map<String, Object> usage();
    }

    private static final String PAIR = KEY + ":" + SECRET;
    private static final String ENCODED = Base64.getEncoder().encodeToString(PAIR.getBytes(StandardCharsets.UTF_8));

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        // The server answers with what it was sent: the header whole, its credential part, decoded, and the
        // secret URL-encoded. The stub only matches the header the kit really sends.
        String body = "{\"error\":{\"message\":\"bad header Basic " + ENCODED + " = " + ENCODED + " = " + PAIR + " or "
                + URLEncoder.encode(SECRET, StandardCharsets.UTF_8) + "\"}}";
        server.stubFor(WireMock.get("/usage").withHeader("Authorization", WireMock.equalTo("Basic " + ENCODED))
                .willReturn(WireMock.aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withHeader("X-Request-Id", "Basic " + ENCODED).withBody(body)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    @DisplayName("Basic base64(key:secret) reflected in the body and the request-id header is masked in every form")
    void basic() {
        List<ProviderProperty> properties = new ArrayList<>(HttpKit.commonProperties());
        properties.add(ProviderProperty.secret("api_key", "key"));
        properties.add(ProviderProperty.secret("api_secret", "secret"));
        SourceConfig config = SourceConfig.of("reflect", Map.of("api_key", KEY, "api_secret", SECRET,
                HttpKit.BASE_URL, "http://127.0.0.1:" + server.port(), HttpKit.MAX_RETRIES, "0"), properties);
        ErrorBodyReader reader = (status, json, text) -> ProviderError.message(json == null ? null
                : json.path("error").path("message").asText(null));
        try (HttpKit kit = HttpKit.builder(config).defaultBaseUrl("https://unused.example").auth(Auth.basic(KEY, SECRET))
                .errorBodyReader(reader).build()) {
            Api api = kit.client(Api.class);
            Throwable failure = catchThrowable(() -> kit.call("usage", api::usage));
            assertThat(failure).isInstanceOf(UsageException.class);
            assertThat(((UsageException) failure).httpStatus()).hasValue(401);
            assertThat(failure.getMessage()).contains("bad header **** = **** = **** or ****;").doesNotContain(ENCODED).doesNotContain(SECRET)
                    .doesNotContain(KEY).doesNotContain(URLEncoder.encode(SECRET, StandardCharsets.UTF_8));
            assertThat(((UsageException) failure).requestId()).contains("****");
        }
    }
}
