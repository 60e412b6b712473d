package io.usage4j.provider.cloudinary;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.usage4j.core.AuthenticationException;
import io.usage4j.core.ConfigurationException;
import io.usage4j.core.RateLimitedException;
import io.usage4j.core.RequestException;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.UsageView;
import io.usage4j.spi.SourceRuntime;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.kit.Sleeper;
import io.usage4j.spi.kit.HttpKit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudinaryUsageSourceTest {
    /** How the sources of the running test wait between retries; a test records them instead. */
    private volatile Sleeper sleeper = Sleeper.system();
    private static final String ACCOUNT = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    private static final String PATH = "/v1_1/provisioning/accounts/" + ACCOUNT + "/billing_usage";
    private static final String KEY = "test-api-key-1234";
    private static final String SECRET = "test-api-secret-5678";

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    // --- requests --------------------------------------------------------------------------------

    @Test
    void oneYearIsOneRequestWithBasicAuthAndNoBreakdownParameter() {
        stubYear(2024, fixture("ProPAYG.json"));

        List<UsageRecord> records = fetch("usage:cloudinary:" + ACCOUNT, "2024-09-01", "2024-10-01");

        assertThat(records).hasSize(16);
        String basic = "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        server.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("year", equalTo("2024"))
                .withQueryParam("include_prodenv_breakdown", absent())
                .withHeader("Authorization", equalTo(basic)));
        assertThat(server.getAllServeEvents()).as("no request for 2023: the first cycle starts before the query")
                .hasSize(1);
    }

    @Test
    void theProdenvOptionAsksForTheBreakdown() {
        server.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("year", equalTo("2024"))
                .withQueryParam("include_prodenv_breakdown", equalTo("true")).willReturn(okJson(fixture("AdvancedPAYG.json"))));

        List<UsageRecord> records = fetch("usage:cloudinary:" + ACCOUNT + "?prodenv_breakdown=true", "2024-09-01", "2024-09-02");

        assertThat(records).filteredOn(r -> r.subAccountId().isPresent()).hasSize(8)
                .allSatisfy(r -> assertThat(r.subAccountId()).contains("myproduct"));
    }

    @Test
    void aQueryAcrossTwoYearsAsksForEachYearAndTrimsCyclesOutsideIt() {
        stubYear(2024, fixture("AdvancedPAYG.json"));
        stubYear(2025, fixture("MultiPlan2025.json"));

        List<UsageRecord> records = fetch("usage:cloudinary:" + ACCOUNT, "2024-09-01", "2025-03-01");

        assertThat(records).hasSize(16 + 8 + 7);
        assertThat(records.get(0).chargePeriodStart()).isEqualTo(Instant.parse("2024-08-26T00:00:00Z"));
        assertThat(records.get(16).extension("x_plan_name")).contains("Advanced PAYG");
        assertThat(records.get(16).chargePeriodStart()).isEqualTo(Instant.parse("2025-01-26T00:00:00Z"));
        assertThat(records.get(30).extension("x_plan_name")).contains("Advanced Extra PAYG +");
        assertThat(records).as("the cycle from 2025-03-26 does not overlap the query")
                .noneMatch(r -> r.chargePeriodStart().equals(Instant.parse("2025-03-26T00:00:00Z")));
        server.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("year", equalTo("2024")));
        server.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("year", equalTo("2025")));
        assertThat(server.getAllServeEvents()).hasSize(2);
    }

    @Test
    void aMonthOfAnAnnualPlanReadsTheYearTheCycleBeganAndAnswersWithThatMonth() {
        stubYear(2025, fixture("Annual2025.json"));
        stubYear(2024, fixture("Annual2024.json"));

        List<UsageRecord> records = fetch("usage:cloudinary:" + ACCOUNT, "2025-03-01", "2025-04-01");

        assertThat(records).extracting(r -> r.skuMeter().orElseThrow() + "=" + r.consumedQuantity().orElseThrow().toPlainString())
                .containsExactly("storage_image=47.50", "bandwidth_image=118.40");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.chargePeriodStart()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
            assertThat(r.chargePeriodEnd()).isEqualTo(Instant.parse("2025-04-01T00:00:00Z"));
            assertThat(r.extension("x_annual_cycle_from_day")).contains("2024-09-01");
        });
        server.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("year", equalTo("2025")));
        server.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("year", equalTo("2024")));
    }

    @Test
    void toDayIsTheCyclesLastDay() {
        stubYear(2025, fixture("Annual2025.json"));
        stubYear(2024, fixture("Annual2024.json"));

        assertThat(fetch("usage:cloudinary:" + ACCOUNT, "2025-03-31", "2025-04-01"))
                .as("the March cycle's to_day 2025-03-31 is inside it").hasSize(2)
                .allSatisfy(r -> assertThat(r.chargePeriodStart()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z")));
        assertThat(fetch("usage:cloudinary:" + ACCOUNT, "2025-04-01", "2025-04-02"))
                .as("the day after to_day belongs to the next cycle only").hasSize(2)
                .allSatisfy(r -> assertThat(r.chargePeriodStart()).isEqualTo(Instant.parse("2025-04-01T00:00:00Z")));
    }

    @Test
    void aFirstYearWithoutCyclesReadsTheYearBefore() {
        stubYear(2025, "[]");
        stubYear(2024, fixture("Annual2024.json"));

        List<UsageRecord> records = fetch("usage:cloudinary:" + ACCOUNT, "2025-01-01", "2025-01-02");

        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.chargePeriodStart())
                .isEqualTo(Instant.parse("2025-01-01T00:00:00Z")));
    }

    @Test
    void noActiveSubscriptionIsAnEmptyResult() {
        stubYear(2024, "[]");
        stubYear(2023, "[]");

        assertThat(fetch("usage:cloudinary:" + ACCOUNT, "2024-05-01", "2024-06-01")).isEmpty();
        assertThat(server.getAllServeEvents()).hasSize(2);
    }

    @Test
    void filtersAreAppliedOnTheClient() {
        stubYear(2024, fixture("ProPAYG.json"));

        try (UsageSource source = open("usage:cloudinary:" + ACCOUNT, Map.of())) {
            UsageQuery byEnvironment = UsageQuery.builder().from(LocalDate.parse("2024-09-01"))
                    .to(LocalDate.parse("2024-10-01")).addSubAccountIds("myproduct").build();
            try (Stream<UsageRecord> records = source.fetch(byEnvironment)) {
                assertThat(records.toList()).hasSize(8).allSatisfy(r -> assertThat(r.subAccountId()).contains("myproduct"));
            }
            UsageQuery byMetric = UsageQuery.builder().from(LocalDate.parse("2024-09-01"))
                    .to(LocalDate.parse("2024-10-01")).addMetrics("bandwidth_raw").build();
            try (Stream<UsageRecord> records = source.fetch(byMetric)) {
                assertThat(records.toList()).extracting(r -> r.consumedQuantity().orElseThrow().toPlainString())
                        .as("the environment's, then the account's remainder").containsExactly("0", "0.14");
            }
        }
    }

    @Test
    void withAndWithoutTheBreakdownASourceDeclaresTheSameCreditsOfTheAccountAsTwoViews() {
        try (UsageSource account = open("usage:cloudinary:" + ACCOUNT, Map.of());
                UsageSource environments = open("usage:cloudinary:" + ACCOUNT + "?prodenv_breakdown=true", Map.of());
                UsageSource other = open("usage:cloudinary:other-account", Map.of())) {
            UsageView accountView = account.capabilities().view().orElseThrow();
            UsageView environmentView = environments.capabilities().view().orElseThrow();
            assertThat(accountView.sourceKey()).isEqualTo("cloudinary:" + ACCOUNT + ":credits:account");
            assertThat(environmentView.sourceKey()).isEqualTo("cloudinary:" + ACCOUNT + ":credits:product_environments");
            assertThat(accountView.overlaps(environmentView)).isTrue();
            assertThat(accountView.overlaps(other.capabilities().view().orElseThrow())).isFalse();
            assertThat(environments.capabilities().extensionColumns()).contains("x_account_usage");
        }
    }

    @Test
    void fetchIsLazyAndAClosedSourceRefuses() {
        stubYear(2024, fixture("ProPAYG.json"));
        UsageSource source = open("usage:cloudinary:" + ACCOUNT, Map.of());
        Stream<UsageRecord> records = source.fetch(UsageQuery.between(LocalDate.parse("2024-09-01"), LocalDate.parse("2024-10-01")));
        assertThat(server.getAllServeEvents()).as("nothing requested before the stream is consumed").isEmpty();
        assertThat(records.count()).isEqualTo(16);
        source.close();
        assertThatThrownBy(() -> source.fetch(UsageQuery.between(LocalDate.parse("2024-09-01"), LocalDate.parse("2024-10-01"))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(source.toString()).contains(ACCOUNT).doesNotContain(KEY).doesNotContain(SECRET);
    }

    // --- errors ----------------------------------------------------------------------------------

    @Test
    void cloudinarysErrorMessageReachesTheException() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"Invalid credentials\"}}")));

        assertThatThrownBy(() -> fetch("usage:cloudinary:" + ACCOUNT, "2024-09-01", "2024-10-01"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Invalid credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain(SECRET));
    }

    @Test
    void notFoundIsARejectedRequestWithCloudinarysWords() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"not found\"}}")));

        assertThatThrownBy(() -> fetch("usage:cloudinary:" + ACCOUNT, "2024-09-01", "2024-10-01"))
                .isInstanceOf(RequestException.class)
                .hasMessageContaining("not found")
                .satisfies(e -> assertThat(((RequestException) e).httpStatus()).hasValue(404));
    }

    @Test
    void status420IsRateLimitingLike429() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(420)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"max usage rate exceeded\"}}")));

        assertThatThrownBy(() -> fetch("usage:cloudinary:" + ACCOUNT, "2024-09-01", "2024-10-01"))
                .isInstanceOf(RateLimitedException.class)
                .hasMessageContaining("max usage rate exceeded");
    }

    @Test
    void rateLimitedRequestsAreRetriedAfterTheServersWait() throws Exception {
        for (int status : new int[] {420, 429}) {
            server.resetAll();
            server.stubFor(get(urlPathEqualTo(PATH)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(status).withHeader("Retry-After", "7")
                            .withBody("{\"error\":{\"message\":\"slow down\"}}"))
                    .willSetStateTo("served"));
            server.stubFor(get(urlPathEqualTo(PATH)).inScenario("limited").whenScenarioStateIs("served")
                    .willReturn(okJson(fixture("ProPAYG.json"))));
            List<Duration> waits = new ArrayList<>();
            this.sleeper = waits::add;
            AutoCloseable sleeper = () -> this.sleeper = Sleeper.system();
            try {
                Map<String, String> retry = Map.of("max_retries", "2");
                assertThat(fetch("usage:cloudinary:" + ACCOUNT, retry, "2024-09-01", "2024-10-01")).hasSize(16);
            } finally {
                sleeper.close();
            }
            assertThat(waits).as("HTTP " + status).containsExactly(Duration.ofSeconds(7));
        }
    }

    @Test
    void aQueryOptionIsRefusedNotIgnored() {
        UsageQuery query = UsageQuery.builder().from(LocalDate.parse("2024-09-01")).to(LocalDate.parse("2024-10-01"))
                .putOptions("prodenv_breakdown", "true").build();
        try (UsageSource source = open("usage:cloudinary:" + ACCOUNT, Map.of())) {
            assertThatThrownBy(() -> source.fetch(query)).isInstanceOf(UnsupportedQueryException.class)
                    .hasMessageContaining("prodenv_breakdown").hasMessageContaining("reads no query options");
        }
        server.verify(0, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void anErrorInASuccessfulResponseIsNotAnEmptyResult() {
        stubYear(2024, "{\"error\":{\"message\":\"Account is suspended\"}}");
        // The kit's one rule for a 2xx that reports an error: a request error carrying the status.
        assertThatThrownBy(() -> fetch("usage:cloudinary:" + ACCOUNT, "2024-09-01", "2024-10-01"))
                .isInstanceOf(RequestException.class).hasMessageContaining("Account is suspended")
                .hasMessageContaining("HTTP 200");

        for (String body : List.of("{}", "null", "\"usage\"", "<html>busy</html>", "[{\"metric_usage\":{}}]")) {
            server.resetAll();
            stubYear(2024, body);
            assertThatThrownBy(() -> fetch("usage:cloudinary:" + ACCOUNT, "2024-09-01", "2024-10-01"))
                    .as(body).isInstanceOf(UnreadableResponseException.class);
        }
    }

    // --- configuration ---------------------------------------------------------------------------

    @Test
    void theAccountComesFromThePathElseThePropertyElseTheEnvironment() {
        String otherPath = "/v1_1/provisioning/accounts/from-property/billing_usage";
        String envPath = "/v1_1/provisioning/accounts/from-env/billing_usage";
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(fixture("ProPAYG.json"))));
        server.stubFor(get(urlPathEqualTo(otherPath)).willReturn(okJson(fixture("ProPAYG.json"))));
        server.stubFor(get(urlPathEqualTo(envPath)).willReturn(okJson(fixture("ProPAYG.json"))));
        Function<String, String> env = name -> "CLOUDINARY_ACCOUNT_ID".equals(name) ? "from-env" : null;

        assertThat(fetch(open("usage:cloudinary:" + ACCOUNT, Map.of("account_id", "from-property"), env)))
                .allSatisfy(r -> assertThat(r.billingAccountId()).isEqualTo(ACCOUNT));
        assertThat(fetch(open("usage:cloudinary:", Map.of("account_id", "from-property"), env)))
                .allSatisfy(r -> assertThat(r.billingAccountId()).isEqualTo("from-property"));
        assertThat(fetch(open("usage:cloudinary:", Map.of(), env)))
                .allSatisfy(r -> assertThat(r.billingAccountId()).isEqualTo("from-env"));
        server.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
        server.verify(1, getRequestedFor(urlPathEqualTo(otherPath)));
        server.verify(1, getRequestedFor(urlPathEqualTo(envPath)));
    }

    @Test
    void credentialsComeFromTheEnvironment() {
        stubYear(2024, fixture("ProPAYG.json"));
        Map<String, String> env = Map.of("CLOUDINARY_PROVISIONING_API_KEY", "env-key", "CLOUDINARY_PROVISIONING_API_SECRET", "env-secret");
        UsageSource source = UsageSources.builder().environment(env::get).build()
                .openSource("usage:cloudinary:" + ACCOUNT, Map.of("base_url", server.baseUrl()));

        assertThat(fetch(source)).hasSize(16);
        server.verify(getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization",
                equalTo("Basic " + Base64.getEncoder().encodeToString("env-key:env-secret".getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void badConfigurationIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> open("usage:cloudinary:", Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CLOUDINARY_ACCOUNT_ID");
        assertThatThrownBy(() -> open("usage:cloudinary:../admin", Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not a Cloudinary account id");
        assertThatThrownBy(() -> open("usage:cloudinary:" + ACCOUNT, Map.of("region", "mars")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("api-eu");
        assertThatThrownBy(() -> open("usage:cloudinary:" + ACCOUNT + "?prodenv_breakdown=maybe", Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("prodenv_breakdown");
        assertThatThrownBy(() -> UsageSources.builder().environment(name -> null).build()
                .openSource("usage:cloudinary:" + ACCOUNT + "?api_key=" + KEY, Map.of("api_secret", SECRET)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must not be given in the usage URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        assertThatThrownBy(() -> UsageSources.builder().environment(name -> null).build()
                .openSource("usage:cloudinary:" + ACCOUNT, Map.of("api_key", KEY)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CLOUDINARY_PROVISIONING_API_SECRET");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void theRegionChoosesTheHostAndBaseUrlOverridesIt() {
        Map<String, String> eu = Map.of("api_key", KEY, "api_secret", SECRET, "region", "eu");
        try (UsageSource source = UsageSources.builder().environment(name -> null).build()
                .openSource("usage:cloudinary:" + ACCOUNT, eu)) {
            assertThat(source.toString()).contains("https://api-eu.cloudinary.com");
        }
        Map<String, String> ap = Map.of("api_key", KEY, "api_secret", SECRET, "region", "api-ap");
        try (UsageSource source = UsageSources.builder().environment(name -> null).build()
                .openSource("usage:cloudinary:" + ACCOUNT, ap)) {
            assertThat(source.toString()).contains("https://api-ap.cloudinary.com");
        }
        try (UsageSource source = UsageSources.builder().environment(name -> null).build()
                .openSource("usage:cloudinary:" + ACCOUNT, Map.of("api_key", KEY, "api_secret", SECRET))) {
            assertThat(source.toString()).contains("https://api.cloudinary.com");
        }
        try (UsageSource source = open("usage:cloudinary:" + ACCOUNT, Map.of("region", "eu"))) {
            assertThat(source.toString()).contains(server.baseUrl()).doesNotContain("cloudinary.com");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private void stubYear(int year, String body) {
        server.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("year", equalTo(String.valueOf(year)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private List<UsageRecord> fetch(String url, String from, String to) {
        return fetch(url, Map.of("max_retries", "0"), from, to);
    }

    private List<UsageRecord> fetch(String url, Map<String, String> properties, String from, String to) {
        try (UsageSource source = open(url, properties);
                Stream<UsageRecord> records = source.fetch(UsageQuery.between(LocalDate.parse(from), LocalDate.parse(to)))) {
            return records.toList();
        }
    }

    private static List<UsageRecord> fetch(UsageSource source) {
        try (source; Stream<UsageRecord> records = source.fetch(
                UsageQuery.between(LocalDate.parse("2024-09-01"), LocalDate.parse("2024-10-01")))) {
            return records.toList();
        }
    }

    private UsageSource open(String url, Map<String, String> properties) {
        return open(url, properties, name -> null);
    }

    private UsageSource open(String url, Map<String, String> properties, Function<String, String> environment) {
        Map<String, String> all = new HashMap<>();
        all.put("api_key", KEY);
        all.put("api_secret", SECRET);
        all.put("base_url", server.baseUrl());
        all.putAll(properties);
        return UsageSources.builder().environment(environment).runtime(SourceRuntime.system().withSleeper(d -> sleeper.sleep(d)))
                .build().openSource(url, all);
    }

    private static String fixture(String name) {
        try (InputStream in = CloudinaryUsageSourceTest.class.getResourceAsStream("/cloudinary/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
