package io.usage4j.spi.internal;

import java.util.List;

/** Replaces every occurrence of the configured secrets in a text with {@code ****}. */
public final class Redactor {
    private final List<String> secrets;

    public Redactor(List<String> secrets) {
        // Longest first, so a secret that contains another is masked whole.
        this.secrets = secrets.stream().filter(s -> s.length() >= 4)
                .sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        return result;
    }
}
