package io.usage4j.spi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksEveryOccurrenceOfEverySecret() {
        Redactor redactor = new Redactor(List.of("tok-123456", "key-abcdef"));
        assertThat(redactor.redact("GET /x?token=tok-123456 failed; key key-abcdef, again tok-123456"))
                .isEqualTo("GET /x?token=**** failed; key ****, again ****");
        assertThat(redactor.redact("nothing secret here")).isEqualTo("nothing secret here");
        assertThat(redactor.redact(null)).isNull();
    }

    @Test
    void masksTheLongerSecretWholeWhenOneContainsAnother() {
        Redactor redactor = new Redactor(List.of("abcd", "abcd-efgh-ijkl"));
        assertThat(redactor.redact("x abcd-efgh-ijkl y abcd z")).isEqualTo("x **** y **** z");
    }

    @Test
    void ignoresSecretsTooShortToMaskSafely() {
        Redactor redactor = new Redactor(List.of("a", "ab", "abc", ""));
        assertThat(redactor.redact("a cab abc")).isEqualTo("a cab abc");
    }
}
