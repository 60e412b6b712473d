package io.usage4j.spi.archfixture;

import io.usage4j.provider.fake.FakeProviderType;

/** Breaks the spi layering rule on purpose: spi code that calls into a provider. Test-only. */
public final class KnowsAProvider {
    private KnowsAProvider() {}

    public static String provider() {
        return FakeProviderType.name();
    }
}
