package io.usage4j.provider.latitude;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.usage4j.provider.latitude.LatitudeFixtures.PERIOD_END;
import static io.usage4j.provider.latitude.LatitudeFixtures.PROJECT;
import static io.usage4j.provider.latitude.LatitudeFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.usage4j.core.AuthenticationException;
import io.usage4j.core.ConfigurationException;
import io.usage4j.core.Granularity;
import io.usage4j.core.RateLimitedException;
import io.usage4j.core.RequestException;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.WindowUnit;
import io.usage4j.spi.SourceRuntime;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.kit.Sleeper;
import io.usage4j.spi.kit.HttpKit;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LatitudeUsageSourceTest {
    /** How the sources of the running test wait between retries; a test records them instead. */
    private volatile Sleeper sleeper = Sleeper.system();
    private static final String TOKEN = "lat-test-key-0123456789";
    private static final String JSON_API = "application/vnd.api+json";
    private static final String URL = "usage:latitude:" + PROJECT;
    /** Covers the whole fixture period, 2025-12-24T15:56:32Z .. 2026-01-24T15:56:32Z. */
    private static final UsageQuery WHOLE_PERIOD = UsageQuery.between(LocalDate.parse("2025-12-01"), LocalDate.parse("2026-02-01"));

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

    private void answer(String fixture) {
        server.stubFor(get(urlPathEqualTo("/billing/usage")).willReturn(okForContentType(JSON_API, read(fixture))));
    }

    private Map<String, String> properties(String... pairs) {
        Map<String, String> properties = new HashMap<>();
        properties.put("token", TOKEN);
        properties.put(HttpKit.BASE_URL, "http://localhost:" + server.port());
        properties.put(HttpKit.MAX_RETRIES, "0");
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    private UsageSource open(String url, Map<String, String> properties, Function<String, String> environment) {
        return UsageSources.builder().environment(environment).runtime(SourceRuntime.system().withSleeper(d -> sleeper.sleep(d)))
                .build().openSource(url, properties);
    }

    private UsageSource open(String url, Map<String, String> properties) {
        return open(url, properties, name -> null);
    }

    private List<UsageRecord> fetch(String url, Map<String, String> properties, UsageQuery query) {
        try (UsageSource source = open(url, properties); Stream<UsageRecord> records = source.fetch(query)) {
            return records.toList();
        }
    }

    private static UsageQuery query(String from, String to) {
        return UsageQuery.between(LocalDate.parse(from), LocalDate.parse(to));
    }

    // --- the request ------------------------------------------------------------------------

    @Test
    void sendsTheProjectProductsAndPlanFiltersWithTheJsonApiAcceptAndABearerKey() {
        answer("several-products.json");

        fetch(URL + "?products=si_aslft06m,si_on0fybnq&plan=c2.small.x86", properties(), WHOLE_PERIOD);

        server.verify(1, getRequestedFor(urlPathEqualTo("/billing/usage"))
                .withQueryParam("filter[project]", equalTo(PROJECT))
                .withQueryParam("filter[products][]", havingExactly("si_aslft06m", "si_on0fybnq"))
                .withQueryParam("filter[plan]", equalTo("c2.small.x86"))
                .withHeader("Accept", equalTo(JSON_API))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void withoutFiltersOnlyTheProjectIsSent() {
        answer("several-products.json");

        fetch(URL, properties(), WHOLE_PERIOD);

        server.verify(1, getRequestedFor(urlPathEqualTo("/billing/usage"))
                .withQueryParam("filter[project]", equalTo(PROJECT))
                .withQueryParam("filter[products][]", absent())
                .withQueryParam("filter[plan]", absent()));
    }

    @Test
    void queryOptionsReplaceTheSourcesFilters() {
        answer("several-products.json");
        UsageQuery query = UsageQuery.builder().from(WHOLE_PERIOD.from()).to(WHOLE_PERIOD.to())
                .putOptions("products", " si_k3xq7r2d ,, ").putOptions("plan", "m4.metal.large").build();

        fetch(URL + "?products=si_aslft06m&plan=c2.small.x86", properties(), query);

        server.verify(1, getRequestedFor(urlPathEqualTo("/billing/usage"))
                .withQueryParam("filter[products][]", havingExactly("si_k3xq7r2d"))
                .withQueryParam("filter[plan]", equalTo("m4.metal.large")));
    }

    @Test
    void anUnknownQueryOptionIsRefusedBeforeAnyRequest() {
        answer("several-products.json");
        UsageQuery query = UsageQuery.builder().from(WHOLE_PERIOD.from()).to(WHOLE_PERIOD.to())
                .putOptions("prodcuts", "si_aslft06m").build();

        assertThatThrownBy(() -> fetch(URL, properties(), query))
                .isInstanceOf(UnsupportedQueryException.class)
                .hasMessageContaining("prodcuts").hasMessageContaining("products");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void nothingIsRequestedUntilTheStreamIsRead() {
        answer("several-products.json");
        try (UsageSource source = open(URL, properties()); Stream<UsageRecord> records = source.fetch(WHOLE_PERIOD)) {
            assertThat(server.getAllServeEvents()).isEmpty();
            assertThat(records.count()).isEqualTo(3);
        }
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    // --- the answer and the billing period -----------------------------------------------------

    @Test
    void aQueryCoveringThePeriodGetsEveryProductLine() {
        answer("several-products.json");

        assertThat(fetch(URL, properties(), WHOLE_PERIOD)).containsExactlyElementsOf(LatitudeFixtures.severalProductsRecords());
    }

    @Test
    void theDocumentedExampleIsAnEmptyResult() {
        answer("documented-example.json");

        assertThat(fetch(URL, properties(), WHOLE_PERIOD)).isEmpty();
    }

    @Test
    void aQueryOverlappingPartOfThePeriodGetsTheOverlappingLinesAndACoverageNote() {
        answer("several-products.json");
        List<UsageRecord> records;
        String log;
        try (StderrCapture capture = new StderrCapture()) {
            // the licensed line ended 2026-01-10T12:00Z, before this query starts
            records = fetch(URL, properties(), query("2026-01-15", "2026-02-15"));
            log = capture.text();
        }

        assertThat(records).extracting(r -> r.resourceId().orElseThrow()).containsExactly("si_aslft06m", "si_on0fybnq");
        assertThat(log).contains("INFO").contains("part of the query [2026-01-15, 2026-02-15) outside it has no records");
    }

    @Test
    void aQueryBeforeThePeriodIsEmptyWithAnInfoNoteNotAnError() {
        answer("several-products.json");
        List<UsageRecord> records;
        String log;
        try (StderrCapture capture = new StderrCapture()) {
            records = fetch(URL, properties(), query("2025-11-01", "2025-12-01"));
            log = capture.text();
        }

        assertThat(records).isEmpty();
        assertThat(log).contains("INFO").contains("[2025-11-01, 2025-12-01) lies outside project " + PROJECT
                + "'s current billing period [2025-12-24T15:56:32Z, 2026-01-24T15:56:32Z)");
    }

    @Test
    void aQueryAfterThePeriodIsEmptyToo() {
        answer("several-products.json");
        UsageQuery nextMonth = query("2026-01-25", "2026-03-01");
        List<UsageRecord> records;
        String log;
        try (StderrCapture capture = new StderrCapture()) {
            records = fetch(URL, properties(), nextMonth);
            log = capture.text();
        }

        assertThat(nextMonth.fromInstant()).as("the query starts after the fixture period ends").isAfter(PERIOD_END);
        assertThat(records).isEmpty();
        assertThat(log).contains("INFO").contains("[2026-01-25, 2026-03-01) lies outside project");
    }

    @Test
    void aTotalThatDoesNotMatchTheLinesIsLoggedAsAWarningAndTheLinesStillComeBack() {
        answer("price-mismatch.json");
        List<UsageRecord> records;
        String log;
        try (StderrCapture capture = new StderrCapture()) {
            records = fetch(URL, properties(), WHOLE_PERIOD);
            log = capture.text();
        }

        assertThat(records).hasSize(1);
        assertThat(records.get(0).extension("x_period_price")).hasValue("500.00");
        assertThat(log).contains("WARN").contains("totals 500.00 but its 1 product line(s) sum to 307.20");
    }

    @Test
    void aTotalThatDoesNotMatchAFilteredRequestIsOnlyAnInfoNote() {
        answer("price-mismatch.json");
        String log;
        try (StderrCapture capture = new StderrCapture()) {
            fetch(URL + "?products=si_aslft06m", properties(), WHOLE_PERIOD);
            log = capture.text();
        }

        assertThat(log).doesNotContain("WARN")
                .contains("totals 500.00 but its 1 product line(s) sum to 307.20 (the request filtered products or plan");
    }

    @Test
    void aMatchingTotalLogsNoWarning() {
        answer("several-products.json");
        String log;
        try (StderrCapture capture = new StderrCapture()) {
            fetch(URL, properties(), WHOLE_PERIOD);
            log = capture.text();
        }

        assertThat(log).doesNotContain("WARN").doesNotContain("sum to");
    }

    @Test
    void theMetricFilterMatchesTheProductNameOrItsResource() {
        answer("several-products.json");
        UsageQuery byName = UsageQuery.builder().from(WHOLE_PERIOD.from()).to(WHOLE_PERIOD.to())
                .addMetrics("m4.metal.large").build();
        UsageQuery byResource = UsageQuery.builder().from(WHOLE_PERIOD.from()).to(WHOLE_PERIOD.to())
                .addMetrics("server").build();

        assertThat(fetch(URL, properties(), byName)).extracting(r -> r.resourceId().orElseThrow())
                .containsExactly("si_k3xq7r2d");
        assertThat(fetch(URL, properties(), byResource)).extracting(r -> r.resourceId().orElseThrow())
                .containsExactly("si_aslft06m", "si_k3xq7r2d");
    }

    @Test
    void theConfiguredCurrencyIsReported() {
        answer("several-products.json");

        assertThat(fetch(URL, properties("currency", "eur"), WHOLE_PERIOD))
                .allSatisfy(r -> assertThat(r.billingCurrency()).hasValue("EUR"));
    }

    // --- errors -------------------------------------------------------------------------------

    @Test
    void aRateLimitWaitsTheRetryAfterFromTheBody() throws Exception {
        server.stubFor(get(urlPathEqualTo("/billing/usage")).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", JSON_API).withBody(read("rate-limited.json")))
                .willSetStateTo("open"));
        server.stubFor(get(urlPathEqualTo("/billing/usage")).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(okForContentType(JSON_API, read("several-products.json"))));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        this.sleeper = waits::add;
            AutoCloseable sleeper = () -> this.sleeper = Sleeper.system();
        List<UsageRecord> records;
        try {
            records = fetch(URL, properties(HttpKit.MAX_RETRIES, "2", HttpKit.MAX_RETRY_DURATION, "5m"), WHOLE_PERIOD);
        } finally {
            sleeper.close();
        }

        assertThat(records).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void aRateLimitThatOutlastsTheRetriesSaysSoInLatitudesWords() {
        server.stubFor(get(urlPathEqualTo("/billing/usage")).willReturn(
                aResponse().withStatus(429).withHeader("Content-Type", JSON_API).withBody(read("rate-limited.json"))));

        assertThatThrownBy(() -> fetch(URL, properties(), WHOLE_PERIOD))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(60)))
                .hasMessageContaining("Rate Limit Exceeded: Too many requests. Please slow down and retry.")
                .hasMessageContaining("RATE_LIMIT_EXCEEDED");
    }

    @Test
    void aJsonApiErrorReachesTheMessage() {
        server.stubFor(get(urlPathEqualTo("/billing/usage")).willReturn(
                aResponse().withStatus(404).withHeader("Content-Type", JSON_API).withBody(read("not-found.json"))));

        assertThatThrownBy(() -> fetch(URL, properties(), WHOLE_PERIOD))
                .isInstanceOf(RequestException.class)
                .hasMessageContaining("Not Found: Project proj_doesNotExist1 was not found")
                .hasMessageContaining("not_found")
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void aRefusedKeyIsAnAuthenticationErrorWithoutTheKey() {
        server.stubFor(get(urlPathEqualTo("/billing/usage")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", JSON_API)
                .withBody("{\"errors\": [{\"status\": \"401\", \"title\": \"Unauthorized\", \"detail\": \"Invalid token "
                        + TOKEN + "\"}]}")));

        assertThatThrownBy(() -> fetch(URL, properties(), WHOLE_PERIOD))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Unauthorized: Invalid token")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void anErrorEnvelopeWithStatus200IsNotAnEmptyResult() {
        server.stubFor(get(urlPathEqualTo("/billing/usage")).willReturn(okForContentType(JSON_API, read("not-found.json"))));

        // The kit's one rule for a 2xx that reports an error: a request error carrying the status.
        assertThatThrownBy(() -> fetch(URL, properties(), WHOLE_PERIOD))
                .isInstanceOf(RequestException.class)
                .hasMessageContaining("Project proj_doesNotExist1 was not found")
                .hasMessageContaining("HTTP 200");
    }

    @Test
    void anErrorEnvelopeEchoingTheKeyDoesNotPutItInTheMessage() {
        server.stubFor(get(urlPathEqualTo("/billing/usage")).willReturn(okForContentType(JSON_API,
                "{\"errors\": [{\"title\": \"Forbidden\", \"detail\": \"key " + TOKEN + " may not read billing\"}]}")));

        assertThatThrownBy(() -> fetch(URL, properties(), WHOLE_PERIOD))
                .isInstanceOf(RequestException.class)
                .hasMessageContaining("Forbidden: key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    // --- configuration and lifecycle -------------------------------------------------------------

    @Test
    void theKeyComesFromLatitudeshBearerWhenNoPropertyGivesIt() {
        answer("several-products.json");
        Map<String, String> properties = properties();
        properties.remove("token");
        try (UsageSource source = open(URL, properties, name -> name.equals("LATITUDESH_BEARER") ? "env-key-42" : null);
                Stream<UsageRecord> records = source.fetch(WHOLE_PERIOD)) {
            assertThat(records.count()).isEqualTo(3);
        }

        server.verify(getRequestedFor(urlPathEqualTo("/billing/usage")).withHeader("Authorization", equalTo("Bearer env-key-42")));
    }

    @Test
    void aMissingKeyNamesThePropertyAndTheVariable() {
        Map<String, String> properties = properties();
        properties.remove("token");

        assertThatThrownBy(() -> open(URL, properties))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("token").hasMessageContaining("LATITUDESH_BEARER");
    }

    @Test
    void aKeyGivenWithItsSchemeIsNotPrefixedTwiceAndRawSendsTheBareKey() {
        answer("several-products.json");

        fetch(URL, properties("token", "Bearer with-scheme-key"), WHOLE_PERIOD);
        fetch(URL, properties("auth_scheme", "raw"), WHOLE_PERIOD);

        server.verify(1, getRequestedFor(urlPathEqualTo("/billing/usage")).withHeader("Authorization", equalTo("Bearer with-scheme-key")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/billing/usage")).withHeader("Authorization", equalTo(TOKEN)));
    }

    @Test
    void badSettingsAreConfigurationErrors() {
        assertThatThrownBy(() -> open("usage:latitude:", properties()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("usage:latitude:<project_id>");
        assertThatThrownBy(() -> open(URL, properties("currency", "dollars")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("currency");
        assertThatThrownBy(() -> open(URL, properties("auth_scheme", "basic")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("bearer or raw");
        assertThatThrownBy(() -> open(URL + "?token=" + TOKEN, properties()))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void aClosedSourceRefusesToFetchEvenFromAStreamTakenBefore() {
        answer("several-products.json");
        UsageSource source = open(URL, properties());
        Stream<UsageRecord> pending = source.fetch(WHOLE_PERIOD);
        source.close();

        assertThatThrownBy(() -> source.fetch(WHOLE_PERIOD)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(pending::toList).isInstanceOf(IllegalStateException.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void toStringShowsTheProjectButNeverTheKey() {
        try (UsageSource source = open(URL + "?products=si_aslft06m", properties())) {
            assertThat(source.toString()).contains(PROJECT).contains("si_aslft06m").doesNotContain(TOKEN);
        }
    }

    @Test
    void capabilitiesSayCurrentBillingPeriodOnlyAndListEveryExtensionColumn() {
        SourceCapabilities capabilities = new LatitudeUsageSourceProvider().capabilities();

        assertThat(capabilities.granularity()).isEqualTo(Granularity.CURRENT_BILLING_PERIOD);
        assertThat(capabilities.windowUnit()).isEqualTo(WindowUnit.CURRENT_BILLING_PERIOD);
        assertThat(capabilities.pushedDownFilters()).isEmpty();
        assertThat(capabilities.lookback()).isEmpty();
        assertThat(capabilities.note()).hasValueSatisfying(note -> assertThat(note).contains("current billing period only"));
        for (UsageRecord record : LatitudeFixtures.severalProductsRecords()) {
            assertThat(capabilities.extensionColumns()).containsAll(record.extensions().keySet());
            assertThat(capabilities.extensionColumns()).as("extension columns in capability order")
                    .containsSubsequence(List.copyOf(record.extensions().keySet()));
        }
    }
}
