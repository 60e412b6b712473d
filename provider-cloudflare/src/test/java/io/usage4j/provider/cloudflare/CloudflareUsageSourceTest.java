package io.usage4j.provider.cloudflare;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.usage4j.core.AuthenticationException;
import io.usage4j.core.ConfigurationException;
import io.usage4j.core.QueryFilter;
import io.usage4j.core.RateLimitedException;
import io.usage4j.core.RequestException;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.spi.SourceRuntime;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.kit.Sleeper;
import io.usage4j.spi.kit.HttpKit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CloudflareUsageSourceTest {
    /** How the sources of the running test wait between retries; a test records them instead. */
    private volatile Sleeper sleeper = Sleeper.system();
    private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    /** The usage-only dataset: the plain GET. */
    private static final String URL = "usage:cloudflare:" + ACCOUNT + "?dataset=usage";
    private static final String PAYGO_URL = "usage:cloudflare:" + ACCOUNT + "?dataset=paygo";
    private static final String TOKEN = "cf-test-token-0123456789";
    private static final String BILLABLE = "/accounts/" + ACCOUNT + "/billable/usage";
    private static final String PAYGO = "/accounts/" + ACCOUNT + "/billing/usage/paygo";

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private UsageSource open(String url, Map<String, String> extra) {
        return open(url, extra, name -> null);
    }

    private UsageSource open(String url, Map<String, String> extra, Function<String, String> environment) {
        Map<String, String> properties = new HashMap<>();
        properties.put("token", TOKEN);
        properties.put(HttpKit.BASE_URL, server.baseUrl());
        properties.put(HttpKit.MAX_RETRIES, "0");
        properties.putAll(extra);
        properties.values().removeIf(v -> v == null);
        return UsageSources.builder().environment(environment).runtime(SourceRuntime.system().withSleeper(d -> sleeper.sleep(d)))
                .build().openSource(url, properties);
    }

    private List<UsageRecord> fetch(String url, UsageQuery query) {
        return fetch(url, query, Map.of());
    }

    private List<UsageRecord> fetch(String url, UsageQuery query, Map<String, String> extra) {
        try (UsageSource source = open(url, extra); Stream<UsageRecord> records = source.fetch(query)) {
            return records.toList();
        }
    }

    private static UsageQuery between(String from, String to) {
        return UsageQuery.between(LocalDate.parse(from), LocalDate.parse(to));
    }

    private static String fixture(String name) {
        try (InputStream in = CloudflareUsageSourceTest.class.getResourceAsStream("/cloudflare/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A success envelope around {@code records}. */
    private static String envelope(String... records) {
        return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[" + String.join(",", records) + "]}";
    }

    /** A one-day billable record of {@code metric} on {@code day} (or spanning {@code days} days). */
    private static String day(String day, String metric) {
        return span(day, 1, metric);
    }

    private static String span(String day, int days, String metric) {
        LocalDate start = LocalDate.parse(day);
        return "{\"ChargePeriodStart\":\"" + start + "T00:00:00Z\",\"ChargePeriodEnd\":\"" + start.plusDays(days)
                + "T00:00:00Z\",\"ConsumedQuantity\":1,\"ConsumedUnit\":\"Requests\",\"x_BillableMetricId\":\"" + metric
                + "\",\"x_ProductFamilyName\":\"" + (metric.startsWith("r2") ? "R2" : "Workers") + "\"}";
    }

    private static String paygoDay(String day, String service) {
        LocalDate start = LocalDate.parse(day);
        return "{\"ChargePeriodStart\":\"" + start + "T00:00:00Z\",\"ChargePeriodEnd\":\"" + start.plusDays(1)
                + "T00:00:00Z\",\"BillingCurrency\":\"USD\",\"ConsumedQuantity\":2,\"ConsumedUnit\":\"Requests\","
                + "\"ContractedCost\":0.10,\"PricingQuantity\":2,\"ServiceName\":\"" + service + "\"}";
    }

    private MappingBuilder billable(String from, String to) {
        return get(urlPathEqualTo(BILLABLE)).withQueryParam("from", equalTo(from)).withQueryParam("to", equalTo(to));
    }

    private static List<String> starts(List<UsageRecord> records) {
        return records.stream().map(r -> r.chargePeriodStart().toString().substring(0, 10)).toList();
    }

    private List<String> requestedUrls() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        return events.stream().map(e -> e.getRequest().getUrl()).toList();
    }

    @Nested
    @DisplayName("billable usage windows")
    class Windows {

        @Test
        @DisplayName("a 40-day query is two requests, 31 days then 9, with an inclusive 'to'; records come back in window order")
        void fortyDays() {
            server.stubFor(billable("2025-05-01", "2025-05-31").withQueryParam("metric", absent())
                    .willReturn(okJson(fixture("billable-usage-window-1.json"))));
            server.stubFor(billable("2025-06-01", "2025-06-09").withQueryParam("metric", absent())
                    .willReturn(okJson(fixture("billable-usage-window-2.json"))));

            List<UsageRecord> records = fetch(URL, between("2025-05-01", "2025-06-10"));

            assertThat(starts(records)).containsExactly("2025-05-01", "2025-05-31", "2025-06-01", "2025-06-09");
            assertThat(requestedUrls()).containsExactlyInAnyOrder(
                    BILLABLE + "?from=2025-05-01&to=2025-05-31", BILLABLE + "?from=2025-06-01&to=2025-06-09");
        }

        @Test
        @DisplayName("a 31-day month is one request from its 1st to its 31st")
        void oneMonth() {
            server.stubFor(billable("2025-01-01", "2025-01-31")
                    .willReturn(okJson(envelope(day("2025-01-01", "a"), day("2025-01-31", "a")))));

            assertThat(starts(fetch(URL, between("2025-01-01", "2025-02-01")))).containsExactly("2025-01-01", "2025-01-31");
            assertThat(requestedUrls()).containsExactly(BILLABLE + "?from=2025-01-01&to=2025-01-31");
        }

        @Test
        @DisplayName("one day is one request with from equal to to")
        void oneDay() {
            server.stubFor(billable("2025-03-15", "2025-03-15").willReturn(okJson(envelope(day("2025-03-15", "a")))));

            assertThat(starts(fetch(URL, between("2025-03-15", "2025-03-16")))).containsExactly("2025-03-15");
        }

        @Test
        @DisplayName("32 days are two requests that share no day")
        void thirtyTwoDays() {
            server.stubFor(billable("2025-01-01", "2025-01-31").willReturn(okJson(envelope(day("2025-01-31", "a")))));
            server.stubFor(billable("2025-02-01", "2025-02-01").willReturn(okJson(envelope(day("2025-02-01", "a")))));

            assertThat(starts(fetch(URL, between("2025-01-01", "2025-02-02")))).containsExactly("2025-01-31", "2025-02-01");
            assertThat(requestedUrls()).hasSize(2);
        }

        @Test
        @DisplayName("a day an API answers in two windows is counted once, by the window it starts in")
        void edgeDayOnce() {
            server.stubFor(billable("2025-05-01", "2025-05-31")
                    .willReturn(okJson(envelope(day("2025-05-31", "a"), day("2025-06-01", "a")))));
            server.stubFor(billable("2025-06-01", "2025-06-09")
                    .willReturn(okJson(envelope(day("2025-05-31", "a"), day("2025-06-01", "a"), day("2025-06-09", "a")))));

            assertThat(starts(fetch(URL, between("2025-05-01", "2025-06-10"))))
                    .containsExactly("2025-05-31", "2025-06-01", "2025-06-09");
        }

        @Test
        @DisplayName("records overlapping the query are kept, those outside it dropped, at both ends")
        void queryEdges() {
            server.stubFor(billable("2025-05-01", "2025-05-31").willReturn(okJson(envelope(
                    day("2025-04-30", "before"), span("2025-04-30", 2, "straddles"), day("2025-05-01", "a")))));
            server.stubFor(billable("2025-06-01", "2025-06-09").willReturn(okJson(envelope(
                    day("2025-06-09", "a"), day("2025-06-10", "after")))));

            List<UsageRecord> records = fetch(URL, between("2025-05-01", "2025-06-10"));

            assertThat(records).extracting(r -> r.skuId().orElseThrow()).containsExactly("straddles", "a", "a");
        }

        @Test
        @DisplayName("windows are fetched concurrently and still stitched in order")
        void concurrentInOrder() {
            // The first window answers last: order must come from the windows, not from arrival.
            server.stubFor(billable("2025-01-01", "2025-01-31").willReturn(okJson(envelope(day("2025-01-01", "a")))
                    .withFixedDelay(700)));
            server.stubFor(billable("2025-02-01", "2025-03-03").willReturn(okJson(envelope(day("2025-02-01", "a")))
                    .withFixedDelay(500)));
            server.stubFor(billable("2025-03-04", "2025-04-03").willReturn(okJson(envelope(day("2025-03-04", "a")))
                    .withFixedDelay(500)));

            long start = System.nanoTime();
            List<UsageRecord> records = fetch(URL, between("2025-01-01", "2025-04-04"), Map.of(HttpKit.MAX_CONCURRENCY, "3"));

            assertThat(starts(records)).containsExactly("2025-01-01", "2025-02-01", "2025-03-04");
            // one after the other would take 1.7s at least
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        }
    }

    @Nested
    @DisplayName("filters")
    class Filters {

        @Test
        @DisplayName("a metric is pushed down as metric=<billable metric id>")
        void metricPushedDown() {
            server.stubFor(billable("2025-05-01", "2025-05-01").withQueryParam("metric", equalTo("workers_standard_requests"))
                    .willReturn(okJson(envelope(day("2025-05-01", "workers_standard_requests")))));

            List<UsageRecord> records = fetch(URL, UsageQuery.builder().from(LocalDate.parse("2025-05-01"))
                    .to(LocalDate.parse("2025-05-02")).addMetrics("workers_standard_requests").build());

            assertThat(records).extracting(r -> r.skuId().orElseThrow()).containsExactly("workers_standard_requests");
            server.verify(1, getRequestedFor(urlEqualTo(BILLABLE
                    + "?from=2025-05-01&to=2025-05-01&metric=workers_standard_requests")));
        }

        @Test
        @DisplayName("several metrics are one request each per window, in the query's order within each window")
        void severalMetrics() {
            for (String metric : List.of("a", "b")) {
                server.stubFor(billable("2025-05-01", "2025-05-31").withQueryParam("metric", equalTo(metric))
                        .willReturn(okJson(envelope(day("2025-05-02", metric)))));
                server.stubFor(billable("2025-06-01", "2025-06-01").withQueryParam("metric", equalTo(metric))
                        .willReturn(okJson(envelope(day("2025-06-01", metric)))));
            }

            List<UsageRecord> records = fetch(URL, UsageQuery.builder().from(LocalDate.parse("2025-05-01"))
                    .to(LocalDate.parse("2025-06-02")).addMetrics("a", "b").build());

            assertThat(records).extracting(r -> r.chargePeriodStart().toString().substring(0, 10) + " " + r.skuId().orElseThrow())
                    .containsExactly("2025-05-02 a", "2025-05-02 b", "2025-06-01 a", "2025-06-01 b");
            assertThat(requestedUrls()).hasSize(4);
        }

        @Test
        @DisplayName("if the API ignores metric=, records of other metrics are still dropped")
        void metricIgnoredByApi() {
            server.stubFor(billable("2025-05-01", "2025-05-01").willReturn(okJson(envelope(
                    day("2025-05-01", "a"), day("2025-05-01", "b")))));

            List<UsageRecord> records = fetch(URL, UsageQuery.builder().from(LocalDate.parse("2025-05-01"))
                    .to(LocalDate.parse("2025-05-02")).addMetrics("a").build());

            assertThat(records).extracting(r -> r.skuId().orElseThrow()).containsExactly("a");
        }

        @Test
        @DisplayName("a metric given by display name (SkuMeter) is not sent as metric=: the window is fetched whole and matched here")
        void metricByName() {
            server.stubFor(billable("2025-05-01", "2025-05-01").withQueryParam("metric", absent())
                    .willReturn(okJson(fixture("billable-usage-window-1.json").replace("2025-05-31", "2025-05-01")
                            .replace("2025-06-01T", "2025-05-02T"))));

            List<UsageRecord> records = fetch(URL, UsageQuery.builder().from(LocalDate.parse("2025-05-01"))
                    .to(LocalDate.parse("2025-05-02")).addMetrics("R2 Storage", "workers_standard_requests").build());

            assertThat(records).extracting(r -> r.skuId().orElseThrow()).containsExactly("workers_standard_requests", "r2_storage");
            assertThat(requestedUrls()).containsExactly(BILLABLE + "?from=2025-05-01&to=2025-05-01");
        }

        @Test
        @DisplayName("service names and sub-accounts are filtered on the client; nothing else is sent")
        void clientSideFilters() {
            server.stubFor(billable("2025-05-01", "2025-05-01").willReturn(okJson(envelope(
                    day("2025-05-01", "workers_standard_requests"), day("2025-05-01", "r2_storage")))));

            List<UsageRecord> records = fetch(URL, UsageQuery.builder().from(LocalDate.parse("2025-05-01"))
                    .to(LocalDate.parse("2025-05-02")).addServiceNames("R2").build());

            assertThat(records).extracting(r -> r.skuId().orElseThrow()).containsExactly("r2_storage");
            assertThat(requestedUrls()).containsExactly(BILLABLE + "?from=2025-05-01&to=2025-05-01");
        }
    }

    @Nested
    @DisplayName("errors")
    class Errors {

        @Test
        @DisplayName("HTTP 200 with success:false is a request error (status 200) carrying errors[].message and code, not an empty result")
        void successFalse() {
            server.stubFor(billable("2025-05-01", "2025-05-01").willReturn(okJson(fixture("envelope-failure.json"))));

            RequestException error = catchThrowableOfType(RequestException.class,
                    () -> fetch(URL, between("2025-05-01", "2025-05-02")));

            assertThat(error).isNotNull();
            assertThat(error.httpStatus()).hasValue(200);
            assertThat(error.getMessage()).contains("insufficient_permissions [code 1171]").contains("\"success\": false")
                    .startsWith("[cloudflare]");
            assertThat(requestedUrls()).hasSize(1);
        }

        @Test
        @DisplayName("an envelope without success, or success without result, is unreadable")
        void incompleteEnvelope() {
            server.stubFor(billable("2025-05-01", "2025-05-01").willReturn(okJson("{\"result\":[]}")));
            assertThatThrownBy(() -> fetch(URL, between("2025-05-01", "2025-05-02")))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("\"success\": null");

            server.stubFor(billable("2025-05-02", "2025-05-02").willReturn(okJson("{\"success\":true,\"result\":null}")));
            assertThatThrownBy(() -> fetch(URL, between("2025-05-02", "2025-05-03")))
                    .isInstanceOf(UnreadableResponseException.class).hasMessageContaining("without a result array");
        }

        @Test
        @DisplayName("a 403 error envelope is an authentication error with Cloudflare's message, code and cf-ray")
        void forbidden() {
            server.stubFor(billable("2025-05-01", "2025-05-01").willReturn(aResponse().withStatus(403)
                    .withHeader("Content-Type", "application/json").withHeader("cf-ray", "8f1e2d3c4b5a6978-AMS")
                    .withBody(fixture("error-authentication.json"))));

            AuthenticationException error = catchThrowableOfType(AuthenticationException.class,
                    () -> fetch(URL, between("2025-05-01", "2025-05-02")));

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("Authentication error").contains("code 10000").doesNotContain(TOKEN);
            assertThat(error.requestId()).contains("8f1e2d3c4b5a6978-AMS");
            assertThat(error.httpStatus()).hasValue(403);
        }

        @Test
        @DisplayName("a 400 with several errors names them all")
        void badRequest() {
            server.stubFor(billable("2025-05-01", "2025-05-01").willReturn(aResponse().withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"success\":false,\"errors\":[{\"code\":1001,\"message\":\"from is invalid\"},"
                            + "{\"code\":1002,\"message\":\"range exceeds 31 days\"}],\"messages\":[],\"result\":null}")));

            assertThatThrownBy(() -> fetch(URL, between("2025-05-01", "2025-05-02")))
                    .isInstanceOf(RequestException.class)
                    .hasMessageContaining("from is invalid [code 1001]; range exceeds 31 days [code 1002]");
        }

        @Test
        @DisplayName("a 429 is retried after the Retry-After seconds Cloudflare sends")
        void rateLimitedThenSuccess() throws Exception {
            List<Duration> sleeps = new CopyOnWriteArrayList<>();
            server.stubFor(billable("2025-05-01", "2025-05-01").inScenario("limited").whenScenarioStateIs("Started")
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                            .withBody(fixture("error-rate-limit-legacy.json")))
                    .willSetStateTo("open"));
            server.stubFor(billable("2025-05-01", "2025-05-01").inScenario("limited").whenScenarioStateIs("open")
                    .willReturn(okJson(envelope(day("2025-05-01", "a")))));

            sleeper = sleeps::add;
            AutoCloseable override = () -> sleeper = Sleeper.system();
            try {
                assertThat(fetch(URL, between("2025-05-01", "2025-05-02"), Map.of(HttpKit.MAX_RETRIES, "2"))).hasSize(1);
            } finally {
                override.close();
            }
            assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        }

        @Test
        @DisplayName("a persistent 429 is a rate-limit error with the legacy top-level message")
        void rateLimited() {
            server.stubFor(billable("2025-05-01", "2025-05-01").willReturn(aResponse().withStatus(429)
                    .withHeader("Retry-After", "30").withBody(fixture("error-rate-limit-legacy.json"))));

            RateLimitedException error = catchThrowableOfType(RateLimitedException.class,
                    () -> fetch(URL, between("2025-05-01", "2025-05-02")));

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("More than 1200 requests per 300 seconds").contains("code 10100");
            assertThat(error.retryAfter()).contains(Duration.ofSeconds(30));
        }
    }

    @Nested
    @DisplayName("PayGo")
    class Paygo {

        @Test
        @DisplayName("dataset=paygo as a query option is refused, never answered with billable data")
        void datasetAsQueryOptionIsRefused() {
            UsageQuery query = UsageQuery.builder().from(LocalDate.parse("2025-02-01")).to(LocalDate.parse("2025-03-01"))
                    .putOptions("dataset", "paygo").build();
            assertThatThrownBy(() -> fetch(URL, query)).isInstanceOf(UnsupportedQueryException.class)
                    .hasMessageContaining("dataset").hasMessageContaining("reads no query options");
            assertThat(requestedUrls()).isEmpty();
        }

        @Test
        @DisplayName("the documented path, with an exclusive 'to', and the documented example mapped")
        void documentedPath() {
            server.stubFor(get(urlPathEqualTo(PAYGO)).withQueryParam("from", equalTo("2025-02-01"))
                    .withQueryParam("to", equalTo("2025-03-01")).willReturn(okJson(fixture("paygo-usage-documented.json"))));

            List<UsageRecord> records = fetch(PAYGO_URL, between("2025-02-01", "2025-03-01"));

            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.extension("x_ServiceName")).contains("Workers Standard");
                assertThat(r.extension("x_ContractedCost")).contains("0.75");
                assertThat(r.billingAccountId()).isEqualTo(ACCOUNT);
            });
            assertThat(requestedUrls()).containsExactly(PAYGO + "?from=2025-02-01&to=2025-03-01");
        }

        @Test
        @DisplayName("paygo_path selects the newer paths; the v1 superset decodes through the same record")
        void selectablePath() {
            server.stubFor(get(urlPathEqualTo("/accounts/" + ACCOUNT + "/paygo-usage"))
                    .willReturn(okJson(fixture("paygo-usage-v1alpha.json"))));
            server.stubFor(get(urlPathEqualTo("/accounts/" + ACCOUNT + "/billable-usage"))
                    .willReturn(okJson(fixture("billable-usage-v1.json"))));

            List<UsageRecord> alpha = fetch(PAYGO_URL + "&paygo_path=paygo-usage", between("2025-02-01", "2025-02-02"));
            List<UsageRecord> v1 = fetch(PAYGO_URL, between("2025-02-01", "2025-02-02"),
                    Map.of(CloudflareUsageSourceProvider.PAYGO_PATH, "/billable-usage"));

            assertThat(alpha).singleElement().satisfies(r -> assertThat(r.serviceName()).contains("Workers"));
            assertThat(v1).singleElement().satisfies(r -> assertThat(r.billedCost()).contains(new java.math.BigDecimal("0.75")));
            assertThat(requestedUrls()).containsExactly(
                    "/accounts/" + ACCOUNT + "/paygo-usage?from=2025-02-01&to=2025-02-02",
                    "/accounts/" + ACCOUNT + "/billable-usage?from=2025-02-01&to=2025-02-02");
        }

        @Test
        @DisplayName("40 days are two windows; a day answered by both (an inclusive 'to') is counted once")
        void windows() {
            server.stubFor(get(urlPathEqualTo(PAYGO)).withQueryParam("from", equalTo("2025-02-01"))
                    .withQueryParam("to", equalTo("2025-03-04"))
                    .willReturn(okJson(envelope(paygoDay("2025-02-01", "Workers Standard"),
                            paygoDay("2025-03-03", "Workers Standard"), paygoDay("2025-03-04", "Workers Standard")))));
            server.stubFor(get(urlPathEqualTo(PAYGO)).withQueryParam("from", equalTo("2025-03-04"))
                    .withQueryParam("to", equalTo("2025-03-13"))
                    .willReturn(okJson(envelope(paygoDay("2025-03-04", "Workers Standard"),
                            paygoDay("2025-03-12", "Workers Standard")))));

            assertThat(starts(fetch(PAYGO_URL, between("2025-02-01", "2025-03-13"))))
                    .containsExactly("2025-02-01", "2025-03-03", "2025-03-04", "2025-03-12");
        }

        @Test
        @DisplayName("nothing is pushed down: a metric filter matches ServiceName (SkuMeter) on the client, no metric= is sent")
        void metricClientSide() {
            server.stubFor(get(urlPathEqualTo(PAYGO)).willReturn(okJson(envelope(
                    paygoDay("2025-02-01", "Workers Standard"), paygoDay("2025-02-01", "R2 Storage")))));

            try (UsageSource source = open(PAYGO_URL, Map.of())) {
                assertThat(source.capabilities().pushedDownFilters()).doesNotContain(QueryFilter.METRIC);
                assertThat(source.capabilities().extensionColumns()).contains("x_ServiceName", "x_CumulatedContractedCost");
                List<UsageRecord> records = source.fetch(UsageQuery.builder().from(LocalDate.parse("2025-02-01"))
                        .to(LocalDate.parse("2025-02-02")).addMetrics("R2 Storage").build()).toList();
                assertThat(records).extracting(r -> r.extension("x_ServiceName").orElseThrow()).containsExactly("R2 Storage");
            }
            assertThat(requestedUrls()).containsExactly(PAYGO + "?from=2025-02-01&to=2025-02-02");
        }
    }

    @Nested
    @DisplayName("configuration and lifecycle")
    class Lifecycle {

        @Test
        @DisplayName("the token is sent as a Bearer token and may come from CLOUDFLARE_API_TOKEN")
        void tokenFromEnvironment() {
            server.stubFor(billable("2025-05-01", "2025-05-01").willReturn(okJson(envelope())));
            Map<String, String> noToken = new HashMap<>();
            noToken.put("token", null);

            try (UsageSource source = open(URL, noToken, name -> name.equals("CLOUDFLARE_API_TOKEN") ? "from-env-token" : null)) {
                assertThat(source.fetch(between("2025-05-01", "2025-05-02")).toList()).isEmpty();
            }
            server.verify(getRequestedFor(urlPathEqualTo(BILLABLE)).withHeader("Authorization", equalTo("Bearer from-env-token")));
        }

        @Test
        @DisplayName("without a token, opening fails naming the property, CLOUDFLARE_API_TOKEN and the legacy pair")
        void missingToken() {
            Map<String, String> noToken = new HashMap<>();
            noToken.put("token", null);
            assertThatThrownBy(() -> open(URL, noToken)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("token").hasMessageContaining("CLOUDFLARE_API_TOKEN")
                    .hasMessageContaining("auth_email").hasMessageContaining("CLOUDFLARE_API_KEY");
        }

        @Test
        @DisplayName("a missing or malformed account id, an unknown dataset or paygo_path, or paygo_path without PayGo is refused")
        void badConfiguration() {
            assertThatThrownBy(() -> open("usage:cloudflare:", Map.of())).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("names no account");
            assertThatThrownBy(() -> open("usage:cloudflare:my-account", Map.of())).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("'my-account' is not a Cloudflare account id");
            assertThatThrownBy(() -> open("usage:cloudflare:" + ACCOUNT + "?dataset=invoices", Map.of()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("cost, usage, paygo");
            assertThatThrownBy(() -> open(PAYGO_URL + "&paygo_path=usage", Map.of())).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("billing/usage/paygo, paygo-usage, billable-usage");
            assertThatThrownBy(() -> open(URL + "&paygo_path=paygo-usage", Map.of())).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("dataset=paygo only");
            assertThatThrownBy(() -> open(URL + "&token=" + TOKEN, Map.of())).isInstanceOf(ConfigurationException.class)
                    .hasMessageNotContaining(TOKEN);
        }

        @Test
        @DisplayName("the source names account and dataset but never the token; it refuses to fetch once closed")
        void toStringAndClose() {
            UsageSource source = open(PAYGO_URL, Map.of());
            assertThat(source.toString()).contains(ACCOUNT).contains("paygo").doesNotContain(TOKEN);
            assertThat(source.providerId()).isEqualTo("cloudflare");
            assertThatThrownBy(() -> source.fetch(null)).isInstanceOf(NullPointerException.class).hasMessage("query is null");
            source.close();
            assertThatThrownBy(() -> source.fetch(between("2025-05-01", "2025-05-02")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThat(server.getAllServeEvents()).isEmpty();
        }

        @Test
        @DisplayName("the default dataset's capabilities: daily records, 31-day windows, metric pushed down, its x_ columns")
        void capabilities() {
            CloudflareUsageSourceProvider provider = new CloudflareUsageSourceProvider();
            assertThat(provider.capabilities().windowSize()).isEqualTo(31);
            assertThat(provider.capabilities().pushedDownFilters()).containsExactly(QueryFilter.METRIC);
            assertThat(provider.capabilities().extensionColumns()).containsExactly("x_BillableMetricId",
                    "x_BillableMetricName", "x_ProductCategoryName", "x_ProductFamilyId", "x_ProductFamilyName",
                    "x_ZoneId", "x_ZoneName", "x_BillingAccountOmitted");
            assertThat(provider.properties()).extracting(p -> p.name())
                    .contains("token", "auth_email", "auth_key", "dataset", "paygo_path", "group_by", "tag_filter",
                            "product_family_ids", HttpKit.BASE_URL, HttpKit.MAX_CONCURRENCY);
            assertThat(provider.properties()).filteredOn(p -> p.name().equals("token"))
                    .singleElement().satisfies(p -> {
                        assertThat(p.secret()).isTrue();
                        assertThat(p.environmentVariables()).containsExactly("CLOUDFLARE_API_TOKEN");
                    });
        }
    }
}
