package io.usage4j.outside;

import io.usage4j.spi.internal.Redactor;
import java.util.List;

/** Breaks the internal-package rule on purpose: code outside the spi using io.usage4j.spi.internal. Test-only. */
public final class UsesSpiInternal {
    private UsesSpiInternal() {}

    public static String redact(String text) {
        return new Redactor(List.of("secret")).redact(text);
    }
}
