package io.usage4j.core.archfixture;

import org.assertj.core.api.Assertions;

/** Breaks the core layering rule on purpose: a core class that imports a library. Test-only. */
public final class UsesAssertj {
    private UsesAssertj() {}

    public static void check(String value) {
        Assertions.assertThat(value).isNotEmpty();
    }
}
