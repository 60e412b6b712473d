package io.usage4j.spi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The redactor masks what the kit sends in every form it sends it")
class RedactorFormsTest {
    private static final String KEY = "key-4471923";
    private static final String SECRET = "s3cr/et+va=lue";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));

    private final Redactor redactor = Redactor.of(List.of(KEY, SECRET), List.of(BASIC, "Bearer tok-abcdef-123"));

    @Nested
    @DisplayName("a Basic Authorization header reflected by a server")
    class Basic {
        @Test
        @DisplayName("is masked whole, as the credential part alone, and decoded as key:secret")
        void basicForms() {
            String encoded = BASIC.substring("Basic ".length());
            assertThat(redactor.redact("you sent Authorization: " + BASIC + " which is wrong"))
                    .doesNotContain(encoded).doesNotContain(SECRET).contains("****");
            assertThat(redactor.redact("request-id " + encoded)).isEqualTo("request-id ****");
            assertThat(redactor.redact("credentials " + KEY + ":" + SECRET + " refused")).doesNotContain(SECRET).doesNotContain(KEY);
        }

        @Test
        @DisplayName("is masked in URL-safe base64 and without padding too")
        void base64Variants() {
            String urlSafe = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
            assertThat(redactor.redact("x " + urlSafe + " y")).isEqualTo("x **** y");
        }
    }

    @Nested
    @DisplayName("a secret property value")
    class Values {
        @Test
        @DisplayName("is masked raw, URL-encoded (upper and lower case escapes, + or %20) and base64-encoded")
        void valueForms() {
            String encoded = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
            assertThat(encoded).isNotEqualTo(SECRET);
            assertThat(redactor.redact("raw " + SECRET)).isEqualTo("raw ****");
            assertThat(redactor.redact("GET /x?secret=" + encoded)).isEqualTo("GET /x?secret=****");
            assertThat(redactor.redact("GET /x?secret=" + encoded.toLowerCase(java.util.Locale.ROOT)))
                    .isEqualTo("GET /x?secret=****");
            String b64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
            assertThat(redactor.redact("echo " + b64)).isEqualTo("echo ****");
        }

        @Test
        @DisplayName("a spaced secret is masked in its %20 and + forms")
        void spaces() {
            Redactor spaced = Redactor.of(List.of("pass word 42"), List.of());
            assertThat(spaced.redact("a=pass+word+42 b=pass%20word%2042")).isEqualTo("a=**** b=****");
        }

        @Test
        @DisplayName("a bearer header is masked whole and as the token alone")
        void bearer() {
            assertThat(redactor.redact("got Bearer tok-abcdef-123; token tok-abcdef-123"))
                    .isEqualTo("got ****; token ****");
        }
    }

    @Test
    @DisplayName("text without a secret is returned unchanged, and null stays null")
    void unchanged() {
        assertThat(redactor.redact("nothing here: key-44719 is not the key")).isEqualTo("nothing here: key-44719 is not the key");
        assertThat(redactor.redact(null)).isNull();
    }
}
