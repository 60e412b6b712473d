package io.usage4j.spi.kit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.tomakehurst.wiremock.WireMockServer;
import feign.Param;
import feign.RequestLine;
import feign.Response;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.Granularity;
import io.usage4j.core.RequestException;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.WindowUnit;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.SourceRuntime;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The kit's fetch pipeline")
class FetchPipelineTest {
    private static final String KEY = "s3cr3t-key-value";
    private static final SourceCapabilities CAPABILITIES = SourceCapabilities.builder().granularity(Granularity.DAY)
            .windowUnit(WindowUnit.DAYS).windowSize(2).extensionColumns(List.of("x_note")).build();

    private WireMockServer server;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    /** The test API. */
    public interface Api {
        @RequestLine("GET /usage?from={from}&cursor={cursor}")
        Response usage(@Param("from") String from, @Param("cursor") String cursor);
    }

    /** A page envelope. */
    public record Envelope(@JsonProperty("next") String next, @JsonProperty("error") String error)
            implements io.usage4j.spi.kit.Envelope {
        @Override
        public Optional<String> nextCursor() {
            return Optional.ofNullable(next);
        }

        @Override
        public Optional<ProviderError> reportedError() {
            return Optional.ofNullable(error).map(ProviderError::message);
        }
    }

    /** An item. */
    public record Item(@JsonProperty("day") String day, @JsonProperty("qty") BigDecimal quantity,
            @JsonProperty("note") String note) {
    }

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpKit kit(Map<String, String> extra) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("key", KEY, HttpKit.BASE_URL, server.baseUrl(),
                HttpKit.MAX_CONCURRENCY, "2", HttpKit.MAX_RETRIES, "2"));
        values.putAll(extra);
        List<ProviderProperty> properties = new java.util.ArrayList<>(HttpKit.commonProperties());
        properties.add(ProviderProperty.secret("key", "the key"));
        properties.add(ProviderProperty.optional("region", "a region"));
        SourceConfig config = SourceConfig.of("test", values, properties, SourceRuntime.system().withSleeper(sleeps::add));
        return HttpKit.builder(config).defaultBaseUrl("https://example.com").auth(Auth.header("X-Key", KEY))
                .requestIdHeaders("X-Req").queryOptions(ProviderProperty.optional("region", "a region")).build();
    }

    private static final class Reader implements WindowReader<Item> {
        private final Api api;

        Reader(Api api) {
            this.api = api;
        }

        @Override
        public SourceCapabilities capabilities() {
            return CAPABILITIES;
        }

        @Override
        public List<WindowRequest<Item>> requests(Window window, FetchContext context) {
            return List.of(WindowRequest.send("usage " + window, cursor -> api.usage(window.start().toString(), cursor))
                    .arrayIn("items", Item.class, Envelope.class));
        }

        @Override
        public UsageRecord map(Item item) {
            LocalDate day = LocalDate.parse(item.day());
            io.usage4j.core.ImmutableUsageRecord.Builder builder = UsageRecord.builder().billingAccountId("a")
                    .chargePeriodStart(day.atStartOfDay(ZoneOffset.UTC).toInstant())
                    .chargePeriodEnd(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .chargeCategory(ChargeCategory.USAGE).chargeFrequency(ChargeFrequency.USAGE_BASED)
                    .consumedQuantity(item.quantity()).consumedUnit("Requests").serviceName("Test")
                    .serviceProviderName("Test");
            if (item.note() != null) {
                builder.putExtensions(item.note(), "1");
            }
            return builder.build();
        }
    }

    private List<UsageRecord> fetch(UsageQuery query) {
        try (HttpKit kit = kit(Map.of()); Stream<UsageRecord> records = kit.fetch(query, new Reader(kit.client(Api.class)))) {
            return records.toList();
        }
    }

    private static String item(String day, String qty) {
        return "{\"day\":\"" + day + "\",\"qty\":" + qty + "}";
    }

    private void stub(String from, String body) {
        server.stubFor(get(urlPathEqualTo("/usage")).withQueryParam("from",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(from)).willReturn(okJson(body)));
    }

    @Nested
    @DisplayName("reads")
    class Reads {
        @Test
        @DisplayName("windows in order, pages by cursor, and numbers exactly as the JSON text says")
        void windowsAndPages() {
            server.stubFor(get(urlPathEqualTo("/usage")).withQueryParam("from",
                    com.github.tomakehurst.wiremock.client.WireMock.equalTo("2025-01-01"))
                    .withQueryParam("cursor", com.github.tomakehurst.wiremock.client.WireMock.absent())
                    .willReturn(okJson("{\"items\":[" + item("2025-01-01", "1.10") + "],\"next\":\"c2\"}")));
            server.stubFor(get(urlPathEqualTo("/usage")).withQueryParam("cursor",
                    com.github.tomakehurst.wiremock.client.WireMock.equalTo("c2"))
                    .willReturn(okJson("{\"next\":null,\"items\":[" + item("2025-01-02", "2.000000000000000000001") + "]}")));
            stub("2025-01-03", "{\"items\":[" + item("2025-01-03", "3") + "]}");

            List<UsageRecord> records = fetch(UsageQuery.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-04")));

            assertThat(records).extracting(r -> r.consumedQuantity().orElseThrow())
                    .containsExactly(new BigDecimal("1.10"), new BigDecimal("2.000000000000000000001"), new BigDecimal("3"));
        }

        @Test
        @DisplayName("every filter of the query on the client, whatever was pushed down")
        void filters() {
            stub("2025-01-01", "{\"items\":[" + item("2025-01-01", "1") + "," + item("2024-12-31", "9") + "]}");
            assertThat(fetch(UsageQuery.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-02"))))
                    .extracting(r -> r.consumedQuantity().orElseThrow()).containsExactly(BigDecimal.ONE);
        }
    }

    @Nested
    @DisplayName("refuses")
    class Refuses {
        @Test
        @DisplayName("a query option the provider does not declare, listing the ones it reads, before any request")
        void unknownOption() {
            UsageQuery query = UsageQuery.builder().from(LocalDate.parse("2025-01-01")).to(LocalDate.parse("2025-01-02"))
                    .putOptions("dataset", "paygo").build();
            assertThatThrownBy(() -> fetch(query)).isInstanceOf(UnsupportedQueryException.class)
                    .hasMessageContaining("dataset").hasMessageContaining("[region]");
            server.verify(0, getRequestedFor(urlPathEqualTo("/usage")));
        }

        @Test
        @DisplayName("a 2xx body reporting an error, as a request error with the status and request id, secrets masked")
        void reportedError() {
            server.stubFor(get(urlPathEqualTo("/usage")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withHeader("X-Req", "r-42")
                    .withBody("{\"error\":\"key " + KEY + " is suspended\",\"items\":null}")));
            assertThatThrownBy(() -> fetch(UsageQuery.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-02"))))
                    .isInstanceOf(RequestException.class).hasMessageContaining("is suspended")
                    .hasMessageContaining("HTTP 200").hasMessageContaining("r-42")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        }

        @Test
        @DisplayName("an element that cannot be a record, naming the provider, the request and its window")
        void mappingFailure() {
            stub("2025-01-01", "{\"items\":[{\"day\":\"yesterday\",\"qty\":1}]}");
            assertThatThrownBy(() -> fetch(UsageQuery.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-02"))))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageStartingWith("[test]")
                    .hasMessageContaining("window [2025-01-01, 2025-01-02)").hasMessageContaining("element 1");
        }

        @Test
        @DisplayName("a record with an extension column the capabilities do not declare")
        void undeclaredExtension() {
            stub("2025-01-01", "{\"items\":[{\"day\":\"2025-01-01\",\"qty\":1,\"note\":\"x_other\"}]}");
            assertThatThrownBy(() -> fetch(UsageQuery.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-02"))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("x_other")
                    .hasMessageContaining("[x_note]");
        }

        @Test
        @DisplayName("a closed kit at once")
        void closed() {
            HttpKit kit = kit(Map.of());
            kit.close();
            assertThatThrownBy(() -> kit.fetch(UsageQuery.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-02")),
                    new Reader(kit.client(Api.class)))).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Test
    @DisplayName("waits between retries through the runtime's sleeper, never a process-wide static")
    void sleeperFromRuntime() {
        server.stubFor(get(urlPathEqualTo("/usage")).inScenario("s").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/usage")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"items\":[" + item("2025-01-01", "1") + "]}")));
        assertThat(fetch(UsageQuery.between(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-02")))).hasSize(1);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    }
}
