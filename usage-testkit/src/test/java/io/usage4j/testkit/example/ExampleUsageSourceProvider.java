package io.usage4j.testkit.example;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ConfigurationException;
import io.usage4j.core.Granularity;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.WindowUnit;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageUrl;
import io.usage4j.spi.kit.Auth;
import io.usage4j.spi.kit.HttpKit;
import feign.Response;
import io.usage4j.spi.kit.FetchContext;
import io.usage4j.spi.kit.WindowReader;
import io.usage4j.spi.kit.WindowRequest;
import io.usage4j.spi.kit.ProviderError;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A complete, correct plugin for a small example API, built the way PLUGINS.md describes: the
 * provider says how to request one window and how to map one item to a FOCUS record; the kit's
 * pipeline plans the windows, pages, decodes and filters. The testkit's own tests run the conformance suite against it (it must
 * pass) and against subclasses broken on purpose (each must fail the check meant to catch it).
 */
public class ExampleUsageSourceProvider implements UsageSourceProvider {
    static final SourceCapabilities CAPABILITIES = SourceCapabilities.builder()
            .granularity(Granularity.DAY)
            .windowUnit(WindowUnit.DAYS)
            .windowSize(7)
            .note("example API: 7 days per request, cursor-paged")
            .build();

    @Override
    public String id() {
        return "example";
    }

    @Override
    public SourceCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<ProviderProperty> properties() {
        List<ProviderProperty> properties = new ArrayList<>();
        properties.add(ProviderProperty.secret("api_key", "the example API key", "EXAMPLE_API_KEY"));
        properties.addAll(HttpKit.commonProperties());
        return properties;
    }

    @Override
    public List<String> urlForms() {
        return List.of("usage:" + id() + ":<account>");
    }

    @Override
    public UsageSource open(UsageUrl url, SourceConfig config) {
        if (url.path().isBlank()) {
            throw new ConfigurationException(id(), "the URL names no account: use " + urlForms().get(0), null);
        }
        HttpKit kit = kit(config);
        return new ExampleSource(id(), url.path(), kit, kit.client(ExampleClient.class));
    }

    /** The kit for this provider; broken subclasses change how it is built. */
    protected HttpKit kit(SourceConfig config) {
        return HttpKit.builder(config)
                .defaultBaseUrl("https://usage.example.com")
                .auth(Auth.header("X-Api-Key", config.require("api_key")))
                .errorBodyReader((status, json, text) -> json != null && json.path("error").isTextual()
                        ? ProviderError.message(json.path("error").asText()) : ProviderError.none())
                .build();
    }

    /** Requests one page of a window; broken subclasses change how. */
    protected Response send(ExampleClient client, String account, Window window, String cursor) {
        return client.usage(account, window.start().toString(), window.end().toString(), cursor);
    }

    /** Closes the source's kit; a broken subclass forgets to. */
    protected void closeKit(HttpKit kit) {
        kit.close();
    }

    static UsageRecord toRecord(String account, ExamplePage.Item item) {
        LocalDate day = LocalDate.parse(item.day());
        return UsageRecord.builder()
                .billingAccountId(account)
                .chargePeriodStart(day.atStartOfDay(ZoneOffset.UTC).toInstant())
                .chargePeriodEnd(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .chargeCategory(ChargeCategory.USAGE)
                .chargeFrequency(ChargeFrequency.USAGE_BASED)
                .consumedQuantity(item.quantity())
                .consumedUnit(item.unit())
                .skuMeter(item.metric())
                .serviceName("Example")
                .serviceProviderName("Example")
                .build();
    }

    private final class ExampleSource implements UsageSource, WindowReader<ExamplePage.Item> {
        private final String providerId;
        private final String account;
        private final HttpKit kit;
        private final ExampleClient client;

        ExampleSource(String providerId, String account, HttpKit kit, ExampleClient client) {
            this.providerId = providerId;
            this.account = account;
            this.kit = kit;
            this.client = client;
        }

        @Override
        public String providerId() {
            return providerId;
        }

        @Override
        public SourceCapabilities capabilities() {
            return CAPABILITIES;
        }

        @Override
        public Stream<UsageRecord> fetch(UsageQuery query) {
            return kit.fetch(query, this);
        }

        @Override
        public List<WindowRequest<ExamplePage.Item>> requests(Window window, FetchContext context) {
            return List.of(WindowRequest.send("usage " + window, cursor -> send(client, account, window, cursor))
                    .arrayIn("items", ExamplePage.Item.class, ExamplePage.class));
        }

        @Override
        public UsageRecord map(ExamplePage.Item item) {
            return toRecord(account, item);
        }

        @Override
        public void close() {
            closeKit(kit);
        }

        @Override
        public String toString() {
            return "ExampleSource[" + account + ", " + kit + "]";
        }
    }
}
