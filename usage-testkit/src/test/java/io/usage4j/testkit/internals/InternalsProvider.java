package io.usage4j.testkit.internals;

import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.internal.Redactor;
import io.usage4j.spi.kit.HttpKit;
import io.usage4j.testkit.example.ExampleUsageSourceProvider;
import java.util.List;

/** Broken on purpose: a provider that reaches into the kit's internal package. */
public class InternalsProvider extends ExampleUsageSourceProvider {
    @Override
    public String id() {
        return "example-internals";
    }

    @Override
    protected HttpKit kit(SourceConfig config) {
        new Redactor(List.of()).redact("");
        return super.kit(config);
    }
}
