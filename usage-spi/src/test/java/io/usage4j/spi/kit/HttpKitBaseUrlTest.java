package io.usage4j.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.ConfigurationException;
import io.usage4j.spi.SourceConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HttpKitBaseUrlTest {
    private static final String DEFAULT = "https://api.example.com/v4";

    private static String baseUrl(String configured) {
        Map<String, String> values = new HashMap<>();
        if (configured != null) {
            values.put(HttpKit.BASE_URL, configured);
        }
        SourceConfig config = SourceConfig.of("test", values, HttpKit.commonProperties());
        try (HttpKit kit = HttpKit.builder(config).defaultBaseUrl(DEFAULT).build()) {
            assertThat(kit.providerId()).isEqualTo("test");
            return kit.baseUrl();
        }
    }

    @Test
    void theDefaultIsUsedUnlessBaseUrlIsSet() {
        assertThat(baseUrl(null)).isEqualTo(DEFAULT);
        assertThat(baseUrl("  ")).isEqualTo(DEFAULT);
    }

    @ParameterizedTest
    @CsvSource({
            "https://api.example.com, https://api.example.com",
            "https://api.example.com/, https://api.example.com",
            "https://api.example.com/client/v4/, https://api.example.com/client/v4",
            "HTTPS://api.example.com:8443/x, HTTPS://api.example.com:8443/x",
            "http://localhost:8080, http://localhost:8080",
            "http://LOCALHOST:8080/, http://LOCALHOST:8080",
            "http://127.0.0.1:9999/api, http://127.0.0.1:9999/api",
            "http://127.0.0.2, http://127.0.0.2",
            "http://[::1]:8080, http://[::1]:8080"})
    void httpsAnywhereAndHttpOnlyOnLoopback(String configured, String expected) {
        assertThat(baseUrl(configured)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com", "http://10.0.0.1:8080", "http://localhost.example.com",
            "http://[2001:db8::1]", "http://192.168.1.1/api"})
    void plainHttpToANonLoopbackHostIsRefusedClearly(String configured) {
        assertThatThrownBy(() -> baseUrl(configured))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("[test] property 'base_url' uses plain http:// to ")
                .hasMessageContaining("which is refused: credentials would cross the network in clear text. Use https://")
                .hasMessageContaining("plain http is allowed only for loopback hosts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com/?token=abc123secret", "https://user:abc123secret@api.example.com",
            "http://user:abc123secret@localhost:8080", "ftp://user:abc123secret@example.com",
            "https://user:abc123secret@bad_host.example.com"})
    void queriesAndUserInfoAreRefusedWithoutEchoingThem(String configured) {
        assertThatThrownBy(() -> baseUrl(configured))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("property 'base_url' must not carry a query or user info")
                .hasMessageNotContaining("abc123secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com", "api.example.com", "/relative/path", "mailto:ops@example.com"})
    void otherSchemesAndRelativeUrlsAreRefused(String configured) {
        assertThatThrownBy(() -> baseUrl(configured))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be an absolute https:// URL");
    }

    @Test
    void unparseableUrlsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> baseUrl("https://user:abc123 secret@api.example.com"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("property 'base_url' is not a URL")
                .hasMessageNotContaining("abc123");
    }

    @Test
    void kitPropertiesAreValidated() {
        SourceConfig config = SourceConfig.of("test", Map.of(HttpKit.MAX_RETRIES, "-1"), HttpKit.commonProperties());
        assertThatThrownBy(() -> HttpKit.builder(config).defaultBaseUrl(DEFAULT).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("property 'max_retries' must be an integer of at least 0");
        SourceConfig none = SourceConfig.of("test", Map.of(), HttpKit.commonProperties());
        assertThatThrownBy(() -> HttpKit.builder(none).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no base URL");
    }

    @Test
    void toStringNamesTheAuthSchemeButNotTheCredential() {
        SourceConfig config = SourceConfig.of("test", Map.of(), HttpKit.commonProperties());
        try (HttpKit kit = HttpKit.builder(config).defaultBaseUrl(DEFAULT).auth(Auth.bearer("tok-9f8e7d")).build()) {
            assertThat(kit.toString()).contains("bearer").contains(DEFAULT).doesNotContain("tok-9f8e7d");
        }
        assertThat(Auth.basic("key", "pw-1234567").toString()).isEqualTo("Auth[basic, ****]");
        assertThat(Auth.header("Fastly-Key", "fk-123456").toString()).doesNotContain("fk-123456").contains("Fastly-Key");
        assertThat(Auth.basic("key", "pw").headerValue()).isEqualTo("Basic a2V5OnB3");
    }
}
