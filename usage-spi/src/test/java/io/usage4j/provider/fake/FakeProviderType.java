package io.usage4j.provider.fake;

/** Stands in for a provider's class, so a test can show the spi layering rule catching a dependency on it. Test-only. */
public final class FakeProviderType {
    public static final String NAME = "fake";

    private FakeProviderType() {}

    public static String name() {
        return NAME;
    }
}
