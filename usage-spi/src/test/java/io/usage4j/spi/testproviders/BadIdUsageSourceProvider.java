package io.usage4j.spi.testproviders;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageSource;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageUrl;
import java.util.List;

/** A provider whose id no usage URL can name; registered only through a test class loader. */
public final class BadIdUsageSourceProvider implements UsageSourceProvider {
    @Override
    public String id() {
        return "Bad_Id";
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
        return List.of();
    }

    @Override
    public UsageSource open(UsageUrl url, SourceConfig config) {
        throw new UnsupportedOperationException("never opened: its id cannot appear in a usage URL");
    }
}
