package io.usage4j.spi.testproviders;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageSource;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageUrl;
import java.util.List;

/** A second provider claiming the id "memory"; registered only through a test class loader. */
public final class DuplicateMemoryUsageSourceProvider implements UsageSourceProvider {
    @Override
    public String id() {
        return MemoryUsageSourceProvider.ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return MemoryUsageSourceProvider.CAPABILITIES;
    }

    @Override
    public List<ProviderProperty> properties() {
        return List.of();
    }

    @Override
    public List<String> urlForms() {
        return List.of("usage:memory:<anything>");
    }

    @Override
    public UsageSource open(UsageUrl url, SourceConfig config) {
        throw new UnsupportedOperationException("never opened: it only collides with MemoryUsageSourceProvider");
    }
}
