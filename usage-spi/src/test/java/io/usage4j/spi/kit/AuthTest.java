package io.usage4j.spi.kit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import feign.RequestLine;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Auth")
class AuthTest {

    /** A one-method API for the loopback server below. */
    public interface PingClient {
        @RequestLine("GET /ping")
        String ping();
    }

    @Nested
    @DisplayName("with several headers")
    class SeveralHeaders {

        @Test
        @DisplayName("sends every header, once each, with every request")
        void sendsEveryHeader() {
            WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            try {
                server.stubFor(get(urlPathEqualTo("/ping")).willReturn(okJson("\"pong\"")));
                SourceConfig config = SourceConfig.of("test", Map.of(HttpKit.BASE_URL, server.baseUrl()),
                        HttpKit.commonProperties());
                Auth auth = Auth.header("X-Auth-Email", "ops@example.com").and("X-Auth-Key", "legacy-key-6d2f");
                try (HttpKit kit = HttpKit.builder(config).defaultBaseUrl("https://unused.example.com").auth(auth).build()) {
                    PingClient client = kit.client(PingClient.class);
                    assertThat(kit.call("ping", client::ping)).isEqualTo("pong");
                    assertThat(kit.call("ping", client::ping)).isEqualTo("pong");
                }
                List<LoggedRequest> requests = server.findAll(getRequestedFor(urlPathEqualTo("/ping")));
                assertThat(requests).hasSize(2).allSatisfy(request -> {
                    assertThat(request.header("X-Auth-Email").values()).containsExactly("ops@example.com");
                    assertThat(request.header("X-Auth-Key").values()).containsExactly("legacy-key-6d2f");
                    assertThat(request.containsHeader("Authorization")).isFalse();
                });
            } finally {
                server.stop();
            }
        }

        @Test
        @DisplayName("lists the header names in order and never shows a value")
        void namesInOrderValuesHidden() {
            Auth auth = Auth.header("X-Auth-Email", "ops@example.com").and("X-Auth-Key", "legacy-key-6d2f");
            assertThat(auth.headerNames()).containsExactly("X-Auth-Email", "X-Auth-Key");
            assertThat(auth.headerName()).isEqualTo("X-Auth-Email");
            assertThat(auth.toString()).doesNotContain("ops@example.com").doesNotContain("legacy-key-6d2f")
                    .contains("X-Auth-Key");
        }

        @Test
        @DisplayName("refuses the same header twice, whatever its case")
        void refusesDuplicates() {
            Auth bearer = Auth.bearer("t0ken");
            assertThatThrownBy(() -> bearer.and("authorization", "x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("authorization").hasMessageNotContaining("t0ken");
        }
    }

    @Nested
    @DisplayName("optional secrets")
    class OptionalSecrets {

        @Test
        @DisplayName("are secret but not required, and their values are masked")
        void maskedNotRequired() {
            ProviderProperty key = ProviderProperty.optionalSecret("auth_key", "legacy key", "CLOUDFLARE_API_KEY");
            assertThat(key.secret()).isTrue();
            assertThat(key.required()).isFalse();
            SourceConfig config = SourceConfig.of("test", Map.of("auth_key", "legacy-key-6d2f"), List.of(key));
            assertThat(config.toString()).doesNotContain("legacy-key-6d2f");
            assertThat(config.secretValues()).containsExactly("legacy-key-6d2f");
            assertThat(SourceConfig.of("test", Map.of(), List.of(key)).get("auth_key")).isEmpty();
        }
    }
}
