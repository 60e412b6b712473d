package io.usage4j.cli;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.Granularity;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.TransientException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.WindowUnit;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.UsageUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A provider for tests of the CLI's own machinery, registered only in the registries built by
 * {@link #registry}: {@code usage:fake:<records>[?fail_after=N][&ext=x_A,x_B][&delay_ms=M]} streams
 * that many daily records lazily, optionally failing after N of them or sleeping between them.
 */
public final class FakeProvider implements UsageSourceProvider {
    private final String id;

    /** The provider {@code fake}. */
    public FakeProvider() {
        this("fake");
    }

    FakeProvider(String id) {
        this.id = id;
    }

    /** A second provider, {@code other}, to test keys shared between providers. */
    public static final class Other implements UsageSourceProvider {
        private final FakeProvider delegate = new FakeProvider("other");

        @Override
        public String id() {
            return "other";
        }

        @Override
        public SourceCapabilities capabilities() {
            return delegate.capabilities();
        }

        @Override
        public List<ProviderProperty> properties() {
            return List.of(ProviderProperty.secret("token", "a token", "OTHER_TOKEN"),
                    ProviderProperty.optional("region", "a region"),
                    ProviderProperty.optional("fail_after", "fail after this many records"),
                    ProviderProperty.optional("ext", "extension columns to declare and fill"),
                    ProviderProperty.optional("delay_ms", "sleep between records"),
                    ProviderProperty.optional("max_retries", "retries"));
        }

        @Override
        public List<String> urlForms() {
            return List.of("usage:other:<n>");
        }

        @Override
        public UsageSource open(UsageUrl url, SourceConfig config) {
            return delegate.open(url, config);
        }
    }

    /** A registry of {@code fake} and {@code other} only, reading no environment. */
    static UsageSources registry(Path dir) {
        try {
            Path services = dir.resolve("fake-services/META-INF/services");
            Files.createDirectories(services);
            Files.writeString(services.resolve(UsageSourceProvider.class.getName()),
                    FakeProvider.class.getName() + "\n" + Other.class.getName() + "\n", StandardCharsets.UTF_8);
            URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("fake-services").toUri().toURL()}, null) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    return FakeProvider.class.getClassLoader().loadClass(name);
                }
            };
            return UsageSources.builder().classLoader(loader).environment(name -> null).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SourceCapabilities capabilities() {
        return SourceCapabilities.builder().granularity(Granularity.DAY).windowUnit(WindowUnit.DAYS).windowSize(10).build();
    }

    @Override
    public List<ProviderProperty> properties() {
        return List.of(ProviderProperty.secret("token", "a token", "FAKE_TOKEN"),
                ProviderProperty.optional("fail_after", "fail after this many records"),
                ProviderProperty.optional("ext", "extension columns to declare and fill"),
                ProviderProperty.optional("delay_ms", "sleep between records"),
                ProviderProperty.optional("max_retries", "retries"));
    }

    @Override
    public List<String> urlForms() {
        return List.of("usage:fake:<records>");
    }

    @Override
    public UsageSource open(UsageUrl url, SourceConfig config) {
        int count = Integer.parseInt(url.path());
        int failAfter = config.intValue("fail_after", -1, -1);
        int delay = config.intValue("delay_ms", 0, 0);
        List<String> extensions = config.get("ext").map(e -> Arrays.asList(e.split(","))).orElse(List.of());
        String providerId = id;
        SourceCapabilities capabilities = SourceCapabilities.builder().from(capabilities()).extensionColumns(extensions).build();
        return new UsageSource() {
            @Override
            public String providerId() {
                return providerId;
            }

            @Override
            public SourceCapabilities capabilities() {
                return capabilities;
            }

            @Override
            public Stream<UsageRecord> fetch(UsageQuery query) {
                return IntStream.range(0, count).mapToObj(i -> {
                    if (i == failAfter) {
                        throw new TransientException(providerId, 503, "req-" + i, "page " + (i + 1) + " failed: try later", null);
                    }
                    if (delay > 0) {
                        try {
                            Thread.sleep(delay);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted", e);
                        }
                    }
                    Instant start = query.fromInstant().plus(i, ChronoUnit.DAYS);
                    var record = UsageRecord.builder()
                            .billingAccountId(providerId + "-account")
                            .chargePeriodStart(start)
                            .chargePeriodEnd(start.plus(1, ChronoUnit.DAYS))
                            .chargeCategory(ChargeCategory.USAGE)
                            .serviceName(providerId + "-service")
                            .consumedQuantity(BigDecimal.valueOf(i + 1))
                            .consumedUnit("Requests");
                    for (String extension : extensions) {
                        record.putExtensions(extension, providerId + "-" + i);
                    }
                    return record.build();
                });
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }
}
