package io.usage4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.ConfigurationException;
import io.usage4j.spi.kit.HttpKit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@DisplayName("A credential written where it does not belong is never echoed")
class CredentialEchoTest {
    private static final String SECRET = "hunter2-s3cr3t-77";

    @Nested
    @DisplayName("in a usage URL")
    class InAUsageUrl {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"usage:cloudflare:acct?token=hunter2-s3cr3t-77",
            "usage:cloudinary:acct?api_secret=hunter2-s3cr3t-77&api_key=hunter2-s3cr3t-77",
            "usage:cloudinary:acct?api_key=hunter2-s3cr3t-77",
            "usage:cloudflare:acct?to%6Ben=hunter2%2Ds3cr3t%2D77",
            "usage:cloudflare:acct?token=hunter2-s3cr3t-77%zz",
            "usage:Cloudflare:acct?token=hunter2-s3cr3t-77",
            "usage:cloudflare:acct?base_url=https://me:hunter2-s3cr3t-77@api.example.com/",
            "usage:cloudflare:acct?base_url=https://api.example.com/?token%3Dhunter2-s3cr3t-77"})
        @DisplayName("the text shown for it masks every credential, decoded or still percent-encoded")
        void redactedText(String url) {
            assertThat(UsageUrl.redact(url)).doesNotContain(SECRET).doesNotContain("hunter2%2D")
                    .startsWith("usage:");
        }

        @Test
        @DisplayName("the parsed URL's text masks user info and query values of URL-valued options")
        void urlValuedOptions() {
            assertThat(UsageUrl.parse("usage:p:a?base_url=https://me:" + SECRET + "@h.example/x?q=" + SECRET))
                    .hasToString("usage:p:a?base_url=https://****@h.example/x?****");
        }

        @Test
        @DisplayName("a null URL is refused like parse does")
        void nullUrl() {
            assertThatThrownBy(() -> UsageUrl.redact(null)).isInstanceOf(NullPointerException.class).hasMessage("url is null");
        }
    }

    @Nested
    @DisplayName("checking a URL before opening it")
    class CheckUrl {
        private final UsageSources registry = UsageSources.builder().environment(name -> null).build();

        @Test
        @DisplayName("a good URL passes and needs no credential yet")
        void good() {
            assertThat(registry.checkUrl("usage:memory:acct?dataset=beta").provider()).isEqualTo("memory");
        }

        @Test
        @DisplayName("a credential, an unknown option, an unknown provider or a malformed URL are refused, never echoed")
        void refused() {
            assertThatThrownBy(() -> registry.checkUrl("usage:memory:acct?token=" + SECRET))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("credential 'token' must not be given in the usage URL").hasMessageNotContaining(SECRET);
            assertThatThrownBy(() -> registry.checkUrl("usage:memory:acct?tokn=" + SECRET))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("unknown property [tokn]").hasMessageNotContaining(SECRET);
            assertThatThrownBy(() -> registry.checkUrl("usage:nope:acct?token=" + SECRET))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("no usage provider 'nope' is installed").hasMessageNotContaining(SECRET);
            assertThatThrownBy(() -> registry.checkUrl("usage:Memory:acct?token=" + SECRET))
                    .isInstanceOf(ConfigurationException.class).hasMessageNotContaining(SECRET);
        }
    }

    @Nested
    @DisplayName("in a base_url property")
    class InABaseUrl {
        private final List<ProviderProperty> properties = HttpKit.commonProperties();

        @Test
        @DisplayName("the configuration's text, which --verbose logs, masks user info and query")
        void configText() {
            SourceConfig config = SourceConfig.of("p", Map.of(HttpKit.BASE_URL, "https://me:" + SECRET + "@api.example.com/v4?token="
                    + SECRET), properties);
            assertThat(config.toString()).doesNotContain(SECRET).contains("base_url=https://****@api.example.com/v4?****");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"me:hunter2-s3cr3t-77@api.example.com/v4", "https://me:hunter2-s3cr3t-77@api.example.com",
            "https://api.example.com/?token=hunter2-s3cr3t-77", "ftp://me:hunter2-s3cr3t-77@api.example.com",
            "https://me:hunter2-s3cr3t-77@api.example.com:bad/", "//me:hunter2-s3cr3t-77@api.example.com"})
        @DisplayName("the kit refuses it without echoing the credential")
        void kitRefuses(String url) {
            SourceConfig config = SourceConfig.of("p", Map.of(HttpKit.BASE_URL, url), properties);
            assertThatThrownBy(() -> HttpKit.builder(config).defaultBaseUrl("https://api.example.com").build().close())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageNotContaining(SECRET);
        }
    }
}
