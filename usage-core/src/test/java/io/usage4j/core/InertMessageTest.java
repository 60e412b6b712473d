package io.usage4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An exception message carries no terminal control: provider text in it is made inert")
class InertMessageTest {

    @Test
    @DisplayName("ESC, BEL, OSC, C1 controls and bidi overrides become visible escapes; line breaks become spaces")
    void inert() {
        String hostile = "bad\u001b]0;pwned\u0007 \u001b[2J\u009b31m x\r\nnext\u202eevil\u0000";
        UsageException e = new RequestException("p", 400, "id\u001b[1m", hostile, null);
        assertThat(e.getMessage())
                .isEqualTo("[p] bad\\x1b]0;pwned\\x07 \\x1b[2J\\x9b31m x  next\\u202eevil\\x00 (HTTP 400, request id id\\x1b[1m)");
        assertThat(e.getMessage().chars().filter(c -> Character.isISOControl(c))).isEmpty();
        assertThat(e.requestId()).contains("id\u001b[1m");
    }

    @Test
    @DisplayName("ordinary text and non-ASCII letters are kept")
    void ordinary() {
        assertThat(new UsageException("p", "Zürich: 3\u00a0GB, 5 €", null).getMessage()).isEqualTo("[p] Zürich: 3\u00a0GB, 5 €");
    }
}
