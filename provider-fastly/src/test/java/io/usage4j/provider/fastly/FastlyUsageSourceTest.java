package io.usage4j.provider.fastly;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.usage4j.core.AuthenticationException;
import io.usage4j.core.ConfigurationException;
import io.usage4j.core.RateLimitedException;
import io.usage4j.core.RequestException;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.spi.UsageSources;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FastlyUsageSourceTest {
    private static final String TOKEN = "test-token-5ecr3t";
    private static final String MONTHLY = "/billing/v3/usage-metrics";
    private static final String SERVICES = "/billing/v3/service-usage-metrics";
    private static final String NA_BANDWIDTH = "North America Bandwidth";

    private WireMockServer server;
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("token", TOKEN);
        properties.put("base_url", "http://localhost:" + server.port());
        properties.put("max_retries", "0");
        return properties;
    }

    private UsageSource open(String url) {
        return open(url, properties());
    }

    private UsageSource open(String url, Map<String, String> properties) {
        return UsageSources.builder().environment(environment::get).build().openSource(url, properties);
    }

    private static List<UsageRecord> fetch(UsageSource source, UsageQuery query) {
        try (Stream<UsageRecord> records = source.fetch(query)) {
            return records.toList();
        }
    }

    private static UsageQuery between(String from, String to) {
        return UsageQuery.between(LocalDate.parse(from), LocalDate.parse(to));
    }

    private static String metric(String month, String usageType, String quantity) {
        return "{\"month\": \"" + month + "\", \"usage_type\": \"" + usageType + "\", \"name\": \"" + usageType
                + "\", \"region\": \"North America\", \"unit\": \"gb\", \"quantity\": " + quantity
                + ", \"raw_quantity\": 1, \"product_id\": \"cdn_usage\", \"last_updated_at\": \"2025-06-01\"}";
    }

    private static String data(String... metrics) {
        return "{\"data\": [" + String.join(", ", metrics) + "]}";
    }

    private void stubMonthly(String first, String last, String body) {
        server.stubFor(get(urlPathEqualTo(MONTHLY))
                .withQueryParam("start_month", equalTo(first))
                .withQueryParam("end_month", equalTo(last))
                .willReturn(okJson(body)));
    }

    private static MappingBuilder servicePage(String usageType, String month, String cursor) {
        return get(urlPathEqualTo(SERVICES))
                .withQueryParam("product_id", usageType == null ? absent() : equalTo("cdn_usage"))
                .withQueryParam("usage_type_name", usageType == null ? absent() : equalTo(usageType))
                .withQueryParam("start_month", equalTo(month))
                .withQueryParam("end_month", equalTo(month))
                .withQueryParam("limit", equalTo("10000"))
                .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor));
    }

    private static String serviceBody(String usageType, String nextCursor, String... serviceIdAndUnits) {
        StringBuilder details = new StringBuilder();
        for (int i = 0; i < serviceIdAndUnits.length; i += 2) {
            details.append(i == 0 ? "" : ", ").append("{\"customer_id\": \"cust1\", \"service_id\": \"")
                    .append(serviceIdAndUnits[i]).append("\", \"service_name\": \"").append(serviceIdAndUnits[i])
                    .append(".example.com\", \"usage_units\": ").append(serviceIdAndUnits[i + 1]).append('}');
        }
        return "{\"data\": {\"customer_id\": \"cust1\", \"usage_type\": \"" + usageType + "\", \"unit\": \"gb\", \"details\": ["
                + details + "], \"meta\": {\"next_cursor\": " + (nextCursor == null ? "null" : "\"" + nextCursor + "\"")
                + ", \"limit\": 100, \"sort\": \"billing_start_date\", \"total\": 9}}}";
    }

    @Nested
    class MonthlyWindows {

        @Test
        void aQueryFromMidJanuaryToMarchFirstAsksForJanuaryAndFebruaryAndTrimsTheRest() {
            stubMonthly("2025-01", "2025-02", data(metric("2024-12", NA_BANDWIDTH, "9"),
                    metric("2025-01", NA_BANDWIDTH, "1.10"), metric("2025-02", NA_BANDWIDTH, "2.20")));

            List<UsageRecord> records;
            try (UsageSource source = open("usage:fastly:")) {
                records = fetch(source, between("2025-01-15", "2025-03-01"));
            }

            // whole months, kept because they overlap the query; never prorated
            assertThat(records).extracting(UsageRecord::chargePeriodStart)
                    .containsExactly(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"));
            assertThat(records.get(0).consumedQuantity().map(BigDecimal::toPlainString)).contains("1.10");
            assertThat(records.get(1).chargePeriodEnd()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
            server.verify(1, getRequestedFor(urlPathEqualTo(MONTHLY)).withHeader("Fastly-Key", equalTo(TOKEN)));
        }

        @Test
        void aQueryEndingOnTheSecondOfAprilTouchesApril() {
            stubMonthly("2025-03", "2025-04", data(metric("2025-03", NA_BANDWIDTH, "1"), metric("2025-04", NA_BANDWIDTH, "2")));

            try (UsageSource source = open("usage:fastly:")) {
                assertThat(fetch(source, between("2025-03-31", "2025-04-02"))).hasSize(2);
            }
        }

        @Test
        void sevenMonthsAreThreeRequestsOfAtMostThreeMonthsInOrder() {
            stubMonthly("2025-01", "2025-03", data(metric("2025-01", "a", "1"), metric("2025-03", "a", "3")));
            stubMonthly("2025-04", "2025-06", data(metric("2025-04", "a", "4")));
            stubMonthly("2025-07", "2025-07", data(metric("2025-07", "a", "7")));

            List<UsageRecord> records;
            try (UsageSource source = open("usage:fastly:")) {
                records = fetch(source, between("2025-01-01", "2025-08-01"));
            }

            assertThat(records).extracting(r -> r.consumedQuantity().orElseThrow().toPlainString())
                    .containsExactly("1", "3", "4", "7");
            server.verify(3, getRequestedFor(urlPathEqualTo(MONTHLY)));
        }

        @Test
        void aMetricFilterIsAppliedOnTheClient() {
            stubMonthly("2025-01", "2025-01", data(metric("2025-01", "keep", "1"), metric("2025-01", "drop", "2")));

            try (UsageSource source = open("usage:fastly:")) {
                UsageQuery query = UsageQuery.builder().from(LocalDate.parse("2025-01-01")).to(LocalDate.parse("2025-02-01"))
                        .addMetrics("keep").build();
                assertThat(fetch(source, query)).extracting(r -> r.skuMeter().orElseThrow()).containsExactly("keep");
            }
        }

        @Test
        void theUrlsCustomerIdBecomesTheBillingAccount() {
            stubMonthly("2025-01", "2025-01", data(metric("2025-01", "a", "1")));

            try (UsageSource source = open("usage:fastly:x4xCwxxJxGCx123Rx5xTx")) {
                assertThat(fetch(source, between("2025-01-01", "2025-02-01")))
                        .extracting(UsageRecord::billingAccountId).containsExactly("x4xCwxxJxGCx123Rx5xTx");
            }
        }

        @Test
        void nothingIsRequestedBeforeTheStreamIsConsumed() {
            stubMonthly("2025-01", "2025-01", data(metric("2025-01", "a", "1")));

            try (UsageSource source = open("usage:fastly:"); Stream<UsageRecord> records = source.fetch(between("2025-01-01", "2025-02-01"))) {
                assertThat(server.getAllServeEvents()).isEmpty();
                assertThat(records.count()).isEqualTo(1);
            }
        }
    }

    @Nested
    class ServicePaging {

        @Test
        void followsNextCursorLazilyUntilItIsEmptyAskingForFastlysLargestPage() {
            server.stubFor(servicePage(NA_BANDWIDTH, "2025-01", null)
                    .willReturn(okJson(serviceBody(NA_BANDWIDTH, "c2", "s1", "1.5", "s2", "2"))));
            server.stubFor(servicePage(NA_BANDWIDTH, "2025-01", "c2")
                    .willReturn(okJson(serviceBody(NA_BANDWIDTH, "c3+/=", "s3", "3"))));
            server.stubFor(servicePage(NA_BANDWIDTH, "2025-01", "c3+/=")
                    .willReturn(okJson(serviceBody(NA_BANDWIDTH, "", "s4", "4.000"))));

            try (UsageSource source = open("usage:fastly:?dataset=services&product_id=cdn_usage&usage_type_name="
                    + "North%20America%20Bandwidth");
                    Stream<UsageRecord> stream = source.fetch(between("2025-01-01", "2025-02-01"))) {
                List<UsageRecord> firstTwo = stream.limit(2).toList();
                assertThat(firstTwo).extracting(r -> r.resourceId().orElseThrow()).containsExactly("s1", "s2");
                // the second page is not requested while the first one's records suffice
                server.verify(1, getRequestedFor(urlPathEqualTo(SERVICES)));
            }

            List<UsageRecord> all;
            try (UsageSource source = open("usage:fastly:?dataset=services&product_id=cdn_usage&usage_type_name="
                    + "North%20America%20Bandwidth")) {
                all = fetch(source, between("2025-01-01", "2025-02-01"));
            }
            assertThat(all).extracting(r -> r.resourceId().orElseThrow()).containsExactly("s1", "s2", "s3", "s4");
            assertThat(all.get(3).consumedQuantity().map(BigDecimal::toPlainString)).contains("4.000");
            assertThat(all).allSatisfy(r -> {
                assertThat(r.serviceName()).contains("cdn_usage");
                assertThat(r.skuMeter()).contains(NA_BANDWIDTH);
                assertThat(r.billingAccountId()).isEqualTo("cust1");
                assertThat(r.chargePeriodStart()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
            });
            server.verify(1 + 3, getRequestedFor(urlPathEqualTo(SERVICES)));
        }

        @Test
        void aRepeatedCursorStopsWithAnErrorInsteadOfLooping() {
            server.stubFor(servicePage(NA_BANDWIDTH, "2025-01", null).willReturn(okJson(serviceBody(NA_BANDWIDTH, "c2", "s1", "1"))));
            server.stubFor(servicePage(NA_BANDWIDTH, "2025-01", "c2").willReturn(okJson(serviceBody(NA_BANDWIDTH, "c2", "s2", "2"))));

            try (UsageSource source = open("usage:fastly:?dataset=services&product_id=cdn_usage&usage_type_name="
                    + "North%20America%20Bandwidth")) {
                assertThatThrownBy(() -> fetch(source, between("2025-01-01", "2025-02-01")))
                        .isInstanceOf(UnreadableResponseException.class)
                        .hasMessageContaining("c2");
            }
            server.verify(2, getRequestedFor(urlPathEqualTo(SERVICES)));
        }

        @Test
        void withoutProductAndUsageTypeEachMonthIsOneCursorSequenceOverEveryUsageType() {
            stubMonthly("2025-01", "2025-01", data(metric("2025-01", NA_BANDWIDTH, "3"), metric("2025-01", "Europe Requests", "5"),
                    metric("2025-01", NA_BANDWIDTH, "3")));
            stubMonthly("2025-02", "2025-02", data(metric("2025-02", "Europe Requests", "7")));
            server.stubFor(servicePage(null, "2025-01", null).willReturn(okJson(serviceBody(NA_BANDWIDTH, "c2", "s1", "3"))));
            server.stubFor(servicePage(null, "2025-01", "c2").willReturn(okJson(serviceBody("Europe Requests", null, "s1", "5"))));
            server.stubFor(servicePage(null, "2025-02", null).willReturn(okJson(serviceBody("Europe Requests", null, "s2", "7"))));

            List<UsageRecord> records;
            try (UsageSource source = open("usage:fastly:?dataset=services")) {
                records = fetch(source, between("2025-01-10", "2025-02-10"));
            }

            assertThat(records).extracting(r -> r.skuMeter().orElseThrow() + "@" + r.chargePeriodStart() + "=" + r.resourceId().orElseThrow())
                    .containsExactly(NA_BANDWIDTH + "@2025-01-01T00:00:00Z=s1", "Europe Requests@2025-01-01T00:00:00Z=s1",
                            "Europe Requests@2025-02-01T00:00:00Z=s2");
            // the product each usage type belongs to comes from the monthly endpoint's answer
            assertThat(records).allSatisfy(r -> assertThat(r.serviceName()).contains("cdn_usage"));
            server.verify(2, getRequestedFor(urlPathEqualTo(MONTHLY)));
            server.verify(3, getRequestedFor(urlPathEqualTo(SERVICES)));
            server.verify(0, getRequestedFor(urlPathEqualTo(SERVICES))
                    .withQueryParam("product_id", matching(".*")));
        }

        @Test
        void aUsageTypeTwoProductsShareIsReadPerProductSoEachRowNamesItsProduct() {
            stubMonthly("2025-01", "2025-01", data(metric("2025-01", NA_BANDWIDTH, "3"),
                    metric("2025-01", NA_BANDWIDTH, "4").replace("\"cdn_usage\"", "\"compute\"")));
            server.stubFor(servicePage(NA_BANDWIDTH, "2025-01", null).willReturn(okJson(serviceBody(NA_BANDWIDTH, null, "s1", "3"))));
            server.stubFor(get(urlPathEqualTo(SERVICES)).withQueryParam("product_id", equalTo("compute"))
                    .withQueryParam("usage_type_name", equalTo(NA_BANDWIDTH))
                    .willReturn(okJson(serviceBody(NA_BANDWIDTH, null, "s2", "4"))));

            List<UsageRecord> records;
            try (UsageSource source = open("usage:fastly:?dataset=services")) {
                records = fetch(source, between("2025-01-01", "2025-02-01"));
            }

            assertThat(records).extracting(r -> r.serviceName().orElseThrow() + "=" + r.resourceId().orElseThrow())
                    .containsExactly("cdn_usage=s1", "compute=s2");
            server.verify(2, getRequestedFor(urlPathEqualTo(SERVICES)));
        }

        @Test
        void aConfiguredPageSizeIsSentAsTheLimit() {
            server.stubFor(get(urlPathEqualTo(SERVICES)).withQueryParam("limit", equalTo("250"))
                    .willReturn(okJson(serviceBody(NA_BANDWIDTH, null, "s1", "1"))));
            Map<String, String> properties = properties();
            properties.put("page_size", "250");

            try (UsageSource source = open("usage:fastly:?dataset=services&product_id=cdn_usage&usage_type_name="
                    + "North%20America%20Bandwidth", properties)) {
                assertThat(fetch(source, between("2025-01-01", "2025-02-01"))).hasSize(1);
            }
        }

        @Test
        void discoveryReadsOnlyTheUsageTypesAMetricFilterKeeps() {
            stubMonthly("2025-01", "2025-01", data(metric("2025-01", NA_BANDWIDTH, "3"), metric("2025-01", "Europe Requests", "5")));
            server.stubFor(servicePage("Europe Requests", "2025-01", null).willReturn(okJson(serviceBody("Europe Requests", null, "s1", "5"))));

            UsageQuery query = UsageQuery.builder().from(LocalDate.parse("2025-01-01")).to(LocalDate.parse("2025-02-01"))
                    .addMetrics("Europe Requests").build();
            try (UsageSource source = open("usage:fastly:?dataset=services")) {
                assertThat(fetch(source, query)).extracting(r -> r.skuMeter().orElseThrow()).containsExactly("Europe Requests");
            }
            server.verify(1, getRequestedFor(urlPathEqualTo(SERVICES)));
        }

        @Test
        void queryOptionsChooseTheServiceLevelDatasetForOneFetch() {
            server.stubFor(servicePage(NA_BANDWIDTH, "2025-01", null).willReturn(okJson(serviceBody(NA_BANDWIDTH, null, "s9", "1"))));
            UsageQuery query = UsageQuery.builder().from(LocalDate.parse("2025-01-01")).to(LocalDate.parse("2025-02-01"))
                    .putOptions("dataset", "services").putOptions("product_id", "cdn_usage")
                    .putOptions("usage_type_name", NA_BANDWIDTH).build();

            try (UsageSource source = open("usage:fastly:")) {
                assertThat(fetch(source, query)).extracting(r -> r.resourceId().orElseThrow()).containsExactly("s9");
            }
            assertThat(server.findAll(getRequestedFor(urlPathEqualTo(MONTHLY)))).isEmpty();
        }

        @Test
        void theServiceFilterIsSentToFastly() {
            server.stubFor(servicePage(NA_BANDWIDTH, "2025-01", null).withQueryParam("service", equalTo("s9"))
                    .willReturn(okJson(serviceBody(NA_BANDWIDTH, null, "s9", "1"))));

            try (UsageSource source = open("usage:fastly:?dataset=services&product_id=cdn_usage&usage_type_name="
                    + "North%20America%20Bandwidth&service=s9")) {
                assertThat(fetch(source, between("2025-01-01", "2025-02-01"))).hasSize(1);
            }
        }
    }

    @Nested
    class Errors {

        @Test
        void fastlysErrorModelReachesTheMessage() {
            server.stubFor(get(urlPathEqualTo(MONTHLY)).willReturn(aResponse().withStatus(400)
                    .withHeader("Content-Type", "application/json").withHeader("Fastly-Request-Id", "req-123")
                    .withBody(Fixtures.text("error-400.json"))));

            try (UsageSource source = open("usage:fastly:")) {
                assertThatThrownBy(() -> fetch(source, between("2025-01-01", "2025-02-01")))
                        .isInstanceOf(RequestException.class)
                        .hasMessageContaining("Bad Request")
                        .hasMessageContaining("invalid_month_range")
                        .hasMessageContaining("HTTP 400")
                        .satisfies(e -> assertThat(((UsageException) e).requestId()).contains("req-123"));
            }
        }

        @Test
        void aRefusedTokenIsAnAuthenticationFailureWithFastlysWordsAndNoSecret() {
            server.stubFor(get(urlPathEqualTo(MONTHLY)).willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json").withBody(Fixtures.text("error-msg.json"))));

            try (UsageSource source = open("usage:fastly:")) {
                assertThatThrownBy(() -> fetch(source, between("2025-01-01", "2025-02-01")))
                        .isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("Provided credentials are missing or invalid")
                        .hasMessageNotContaining(TOKEN);
            }
        }

        @Test
        void fastlysRateLimitIsARateLimitedFailureOnceRetriesAreUsedUp() {
            server.stubFor(get(urlPathEqualTo(MONTHLY)).willReturn(aResponse().withStatus(429)
                    .withHeader("Fastly-RateLimit-Remaining", "0").withHeader("Fastly-RateLimit-Reset", "1452032384")
                    .withHeader("Content-Type", "application/json").withBody("{\"msg\": \"Too many requests\"}")));

            try (UsageSource source = open("usage:fastly:")) {
                assertThatThrownBy(() -> fetch(source, between("2025-01-01", "2025-02-01")))
                        .isInstanceOf(RateLimitedException.class)
                        .hasMessageContaining("Too many requests")
                        .satisfies(e -> assertThat(((UsageException) e).isRetryable()).isTrue());
            }
        }

        @Test
        void anErrorBodyWithStatus200IsAFailureNotAnEmptyResult() {
            server.stubFor(get(urlPathEqualTo(MONTHLY)).willReturn(okJson("{\"status\": \"error\", \"msg\": \"usage is not available\"}")));

            try (UsageSource source = open("usage:fastly:")) {
                assertThatThrownBy(() -> fetch(source, between("2025-01-01", "2025-02-01")))
                        .isInstanceOf(RequestException.class)
                        .hasMessageContaining("usage is not available");
            }
        }

        @Test
        void aServicePageWithAnErrorBodyIsAFailure() {
            server.stubFor(get(urlPathEqualTo(SERVICES)).willReturn(okJson(Fixtures.text("error-msg.json"))));

            try (UsageSource source = open("usage:fastly:?dataset=services&product_id=cdn_usage&usage_type_name=x")) {
                assertThatThrownBy(() -> fetch(source, between("2025-01-01", "2025-02-01")))
                        .isInstanceOf(RequestException.class)
                        .hasMessageContaining("Provided credentials are missing or invalid");
            }
        }

        @Test
        void aBodyOfAnotherShapeIsUnreadable() {
            server.stubFor(get(urlPathEqualTo(MONTHLY)).willReturn(okJson("{\"unexpected\": true}")));

            try (UsageSource source = open("usage:fastly:")) {
                assertThatThrownBy(() -> fetch(source, between("2025-01-01", "2025-02-01")))
                        .isInstanceOf(UnreadableResponseException.class);
            }
        }

        @Test
        void truncatedJsonIsUnreadableAndNotRetried() {
            server.stubFor(get(urlPathEqualTo(MONTHLY)).willReturn(okJson("{\"data\": [ {\"month\": ")));
            Map<String, String> properties = properties();
            properties.put("max_retries", "2");

            try (UsageSource source = open("usage:fastly:", properties)) {
                assertThatThrownBy(() -> fetch(source, between("2025-01-01", "2025-02-01")))
                        .isInstanceOf(UnreadableResponseException.class);
            }
            server.verify(1, getRequestedFor(urlPathEqualTo(MONTHLY)));
        }

        @Test
        void aServicePageWithoutDataIsUnreadable() {
            server.stubFor(get(urlPathEqualTo(SERVICES)).willReturn(okJson("{\"meta\": {\"next_cursor\": \"x\"}}")));

            try (UsageSource source = open("usage:fastly:?dataset=services&product_id=cdn_usage&usage_type_name=x")) {
                assertThatThrownBy(() -> fetch(source, between("2025-01-01", "2025-02-01")))
                        .isInstanceOf(UnreadableResponseException.class);
            }
        }

        @Test
        void aServicePageNamingTwoCursorsIsUnreadable() {
            server.stubFor(get(urlPathEqualTo(SERVICES)).willReturn(okJson(
                    "{\"data\": {\"details\": [], \"meta\": {\"next_cursor\": \"a\"}}, \"meta\": {\"next_cursor\": \"b\"}}")));

            try (UsageSource source = open("usage:fastly:?dataset=services&product_id=cdn_usage&usage_type_name=x")) {
                assertThatThrownBy(() -> fetch(source, between("2025-01-01", "2025-02-01")))
                        .isInstanceOf(UnreadableResponseException.class)
                        .hasMessageContaining("2 different next cursors");
            }
        }
    }

    @Nested
    class Configuration {

        @Test
        void theTokenFallsBackToFastlyApiTokenThenFastlyApiKey() {
            stubMonthly("2025-01", "2025-01", data(metric("2025-01", "a", "1")));
            Map<String, String> properties = properties();
            properties.remove("token");

            environment.put("FASTLY_API_KEY", "from-api-key");
            try (UsageSource source = open("usage:fastly:", properties)) {
                fetch(source, between("2025-01-01", "2025-02-01"));
            }
            environment.put("FASTLY_API_TOKEN", "from-api-token");
            try (UsageSource source = open("usage:fastly:", properties)) {
                fetch(source, between("2025-01-01", "2025-02-01"));
            }

            List<String> keys = server.findAll(getRequestedFor(urlPathEqualTo(MONTHLY))).stream()
                    .map((LoggedRequest r) -> r.getHeader("Fastly-Key")).toList();
            assertThat(keys).containsExactly("from-api-key", "from-api-token");
        }

        @Test
        void aMissingTokenSaysWhereToSetIt() {
            Map<String, String> properties = properties();
            properties.remove("token");

            assertThatThrownBy(() -> open("usage:fastly:", properties))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("FASTLY_API_TOKEN")
                    .hasMessageContaining("FASTLY_API_KEY");
        }

        @Test
        void serviceLevelOptionsAreRefusedForTheMonthlyDataset() {
            assertThatThrownBy(() -> open("usage:fastly:?product_id=cdn_usage"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("dataset=services");
        }

        @Test
        void anUnknownDatasetIsRefused() {
            assertThatThrownBy(() -> open("usage:fastly:?dataset=bills"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("one of monthly, services, invoices");
        }

        @Test
        void aPageSizeAboveFastlysMaximumIsRefused() {
            Map<String, String> properties = properties();
            properties.put("page_size", "10001");

            assertThatThrownBy(() -> open("usage:fastly:?dataset=services", properties))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("page_size")
                    .hasMessageContaining("10000");
        }

        @Test
        void aCurrencyThatIsNotAnIsoCodeIsRefused() {
            Map<String, String> properties = properties();
            properties.put("currency", "dollars");

            assertThatThrownBy(() -> open("usage:fastly:?dataset=invoices", properties))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("currency")
                    .hasMessageContaining("ISO 4217");
        }

        @Test
        void aPathThatIsNotACustomerIdIsRefused() {
            assertThatThrownBy(() -> open("usage:fastly:not/an-id"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("customer id");
        }

        @Test
        void anUnknownQueryOptionIsRefused() {
            UsageQuery query = UsageQuery.builder().from(LocalDate.parse("2025-01-01")).to(LocalDate.parse("2025-02-01"))
                    .putOptions("granularity", "day").build();

            try (UsageSource source = open("usage:fastly:")) {
                assertThatThrownBy(() -> source.fetch(query))
                        .isInstanceOf(UnsupportedQueryException.class)
                        .hasMessageContaining("granularity");
            }
        }

        @Test
        void aClosedSourceRefusesToFetch() {
            UsageSource source = open("usage:fastly:");
            source.close();

            assertThatThrownBy(() -> source.fetch(between("2025-01-01", "2025-02-01"))).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void toStringShowsNoSecret() {
            try (UsageSource source = open("usage:fastly:x4x?dataset=services")) {
                assertThat(source.toString()).contains("services").contains("x4x").doesNotContain(TOKEN);
            }
        }

        @Test
        void capabilitiesFollowTheDataset() {
            try (UsageSource monthly = open("usage:fastly:"); UsageSource services = open("usage:fastly:?dataset=services")) {
                assertThat(monthly.capabilities().windowSize()).isEqualTo(3);
                assertThat(services.capabilities().windowSize()).isEqualTo(1);
                assertThat(monthly.capabilities().extensionColumns())
                        .containsExactly("x_RawQuantity", "x_LastUpdatedAt", "x_BillingCycleStart", "x_BillingCycleEnd");
            }
        }
    }
}
