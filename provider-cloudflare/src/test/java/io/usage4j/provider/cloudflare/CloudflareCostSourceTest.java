package io.usage4j.provider.cloudflare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.usage4j.core.ConfigurationException;
import io.usage4j.core.MetricDescription;
import io.usage4j.core.RequestException;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.focus.FocusValidator;
import io.usage4j.core.focus.FocusViolation;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.kit.HttpKit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Cloudflare rated costs, organizations and the metric catalogue over HTTP")
class CloudflareCostSourceTest {
    private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String ORGANIZATION = "5f2d1c0b9a8e7d6c5b4a39281706f5e4";
    private static final String URL = "usage:cloudflare:" + ACCOUNT;
    private static final String PATH = "/accounts/" + ACCOUNT + "/billable/usage";
    private static final String TOKEN = "cf-cost-token-31f0a9";

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
        Map<String, String> properties = new HashMap<>();
        properties.put("token", TOKEN);
        properties.put(HttpKit.BASE_URL, server.baseUrl());
        properties.put(HttpKit.MAX_RETRIES, "0");
        properties.putAll(extra);
        properties.values().removeIf(v -> v == null);
        return UsageSources.builder().environment(name -> null).build().openSource(url, properties);
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
        try (InputStream in = CloudflareCostSourceTest.class.getResourceAsStream("/cloudflare/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request bodies sent, oldest first. */
    private List<String> bodies() {
        return server.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(ServeEvent::getRequest).map(r -> r.getBodyAsString()).toList();
    }

    private static String days(List<UsageRecord> records) {
        return String.join(",", records.stream().map(r -> r.chargePeriodStart().toString().substring(5, 10)).toList());
    }

    @Nested
    @DisplayName("windows")
    class Windows {

        @Test
        @DisplayName("a 40-day query is two POSTs, From inclusive and To exclusive; the edge day both answer counts once")
        void edgeDayOnce() {
            server.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(equalToJson(
                    "{\"TimePeriod\":{\"From\":\"2026-07-01\",\"To\":\"2026-08-01\"},\"Metric\":\"cost\"}"))
                    .willReturn(okJson(fixture("cost-window-1.json"))));
            server.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(equalToJson(
                    "{\"TimePeriod\":{\"From\":\"2026-08-01\",\"To\":\"2026-08-10\"},\"Metric\":\"cost\"}"))
                    .willReturn(okJson(fixture("cost-window-2.json"))));

            List<UsageRecord> records = fetch(URL, between("2026-07-01", "2026-08-10"), Map.of());

            assertThat(days(records)).isEqualTo("07-01,07-31,08-01,08-09");
            BigDecimal billed = records.stream().map(r -> r.billedCost().orElseThrow()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(billed).isEqualTo(new BigDecimal("3.00"));
            assertThat(records).allSatisfy(r -> assertThat(r.billingCurrency()).hasValue("USD"));
            assertThat(server.getAllServeEvents()).hasSize(2);
        }

        @Test
        @DisplayName("one day is one POST from the day to the next")
        void oneDay() {
            server.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(fixture("empty.json"))));
            assertThat(fetch(URL, between("2026-02-28", "2026-03-01"), Map.of())).isEmpty();
            assertThat(bodies()).containsExactly(
                    "{\"TimePeriod\":{\"From\":\"2026-02-28\",\"To\":\"2026-03-01\"},\"Metric\":\"cost\"}");
        }

        @Test
        @DisplayName("62 days are two POSTs of 31 days that share no day")
        void sixtyTwoDays() {
            server.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(fixture("empty.json"))));
            fetch(URL, between("2026-01-01", "2026-03-04"), Map.of());
            assertThat(bodies()).as("windows are fetched concurrently").containsExactlyInAnyOrder(
                    "{\"TimePeriod\":{\"From\":\"2026-01-01\",\"To\":\"2026-02-01\"},\"Metric\":\"cost\"}",
                    "{\"TimePeriod\":{\"From\":\"2026-02-01\",\"To\":\"2026-03-04\"},\"Metric\":\"cost\"}");
        }
    }

    @Nested
    @DisplayName("filters and grouping")
    class Shape {

        @Test
        @DisplayName("metrics, tag filters, product families and two grouping keys go into the body; rows are valid FOCUS with exact sums")
        void everythingInTheBody() {
            server.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(fixture("cost-grouped.json"))));
            UsageQuery query = UsageQuery.builder().from(LocalDate.parse("2026-07-14")).to(LocalDate.parse("2026-07-15"))
                    .addMetrics("workers_standard_requests", "r2_storage", "argo_smart_routing_data_transfer")
                    .putOptions("tag_filter", "team=payments|search;pci=").build();
            List<UsageRecord> records = fetch(URL + "?group_by=tag:team,account&product_family_ids="
                    + "3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", query, Map.of());

            assertThat(bodies()).containsExactly("{\"TimePeriod\":{\"From\":\"2026-07-14\",\"To\":\"2026-07-15\"},"
                    + "\"Metric\":\"cost\",\"FilterBy\":{\"MetricIds\":[\"workers_standard_requests\",\"r2_storage\","
                    + "\"argo_smart_routing_data_transfer\"],\"ProductFamilyIds\":[\"3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\"],"
                    + "\"Tags\":[{\"Key\":\"team\",\"Values\":[\"payments\",\"search\"]},{\"Key\":\"pci\",\"Values\":[\"\"]}]},"
                    + "\"GroupBy\":[{\"Type\":\"tag\",\"Key\":\"team\"},{\"Type\":\"dimension\",\"Key\":\"account\"}]}");
            assertThat(records).hasSize(5);
            assertThat(records.stream().map(r -> r.billedCost().orElseThrow()).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualTo(new BigDecimal("16.941851851835"));
            for (UsageRecord record : records) {
                List<FocusViolation> errors = FocusValidator.validate(record).stream().filter(FocusViolation::isError).toList();
                assertThat(errors).as("FOCUS errors of %s", record).isEmpty();
            }
        }

        @Test
        @DisplayName("a 400 to a grouped query is a request error that names the grouping")
        void groupingRefused() {
            server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                    .withHeader("Content-Type", "application/json").withHeader("cf-ray", "8f1e2d3c4b5a6978-AMS")
                    .withBody(fixture("error-grouping-unsupported.json"))));
            assertThatThrownBy(() -> fetch(URL + "?group_by=tag:team", between("2026-07-14", "2026-07-15"), Map.of()))
                    .isExactlyInstanceOf(RequestException.class)
                    .hasMessageContaining("group_by=tag:team")
                    .hasMessageContaining("tag grouping is not supported for this usage data source")
                    .hasMessageContaining("8f1e2d3c4b5a6978-AMS");
        }

        @Test
        @DisplayName("options that cannot be sent are refused before any request, naming the option")
        void badOptions() {
            assertThatThrownBy(() -> open(URL + "?group_by=tag:a,tag:b,zone", Map.of()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("group_by").hasMessageContaining("at most 2");
            assertThatThrownBy(() -> open(URL + "?dataset=usage&group_by=zone", Map.of()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("dataset=cost");
            try (UsageSource source = open(URL, Map.of())) {
                assertThatThrownBy(() -> source.fetch(UsageQuery.builder().from(LocalDate.parse("2026-07-14"))
                        .to(LocalDate.parse("2026-07-15")).putOptions("groupby", "zone").build()))
                        .isInstanceOf(UnsupportedQueryException.class).hasMessageContaining("[groupby]");
                assertThatThrownBy(() -> source.fetch(UsageQuery.builder().from(LocalDate.parse("2026-07-14"))
                        .to(LocalDate.parse("2026-07-15")).putOptions("product_family_ids", "workers").build()))
                        .isInstanceOf(UnsupportedQueryException.class).hasMessageContaining("not a UUID");
            }
            assertThat(server.getAllServeEvents()).isEmpty();
        }
    }

    @Nested
    @DisplayName("an account that cannot have costs")
    class NoCosts {

        @Test
        @DisplayName("a 404 to the POST fails naming dataset=usage, and never falls back to the GET")
        void notFound() {
            server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"success\":false,\"errors\":[{\"code\":7003,\"message\":\"Could not route\"}],\"result\":null}")));
            server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(fixture("billable-usage-documented.json"))));
            assertThatThrownBy(() -> fetch(URL, between("2026-07-14", "2026-07-15"), Map.of()))
                    .isInstanceOf(UnsupportedQueryException.class)
                    .hasMessageContaining("usage:cloudflare:" + ACCOUNT + "?dataset=usage")
                    .hasMessageContaining("Could not route");
            assertThat(server.getAllServeEvents()).hasSize(1)
                    .allSatisfy(e -> assertThat(e.getRequest().getMethod().getName()).isEqualTo("POST"));
        }

        @Test
        @DisplayName("dataset=usage reads the usage-only GET: no cost fields, no POST")
        void usageOnly() {
            server.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("from", equalTo("2026-07-14"))
                    .withQueryParam("to", equalTo("2026-07-14")).withQueryParam("metric", absent())
                    .willReturn(okJson(fixture("organization-usage.json"))));
            List<UsageRecord> records = fetch(URL + "?dataset=usage", between("2026-07-14", "2026-07-15"), Map.of());
            assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.billedCost()).isEmpty());
            server.verify(0, postRequestedFor(urlPathEqualTo(PATH)));
        }
    }

    @Nested
    @DisplayName("authentication")
    class Authentication {

        @Test
        @DisplayName("the legacy pair is sent as X-Auth-Email and X-Auth-Key, both masked; without a token it is the credential")
        void legacyPair() {
            server.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(fixture("empty.json"))));
            Map<String, String> legacy = new HashMap<>();
            legacy.put("token", null);
            legacy.put("auth_email", "ops@example.com");
            legacy.put("auth_key", "c2547eb745079dac9320b638f5e225cf483cc5cfdda41");
            try (UsageSource source = open(URL, legacy)) {
                assertThat(source.fetch(between("2026-07-14", "2026-07-15")).toList()).isEmpty();
                assertThat(source.toString()).doesNotContain("ops@example.com").doesNotContain("c2547eb7");
            }
            server.verify(postRequestedFor(urlPathEqualTo(PATH)).withHeader("X-Auth-Email", equalTo("ops@example.com"))
                    .withHeader("X-Auth-Key", equalTo("c2547eb745079dac9320b638f5e225cf483cc5cfdda41"))
                    .withoutHeader("Authorization"));
        }

        @Test
        @DisplayName("a token wins over the legacy pair; half a pair is refused naming the missing half")
        void tokenWinsHalfPairRefused() {
            server.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(fixture("empty.json"))));
            fetch(URL, between("2026-07-14", "2026-07-15"), Map.of("auth_email", "ops@example.com", "auth_key", "k3y-legacy"));
            server.verify(postRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .withoutHeader("X-Auth-Key"));
            Map<String, String> half = new HashMap<>();
            half.put("token", null);
            half.put("auth_email", "ops@example.com");
            assertThatThrownBy(() -> open(URL, half)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("auth_key").hasMessageContaining("CLOUDFLARE_API_KEY");
            assertThatThrownBy(() -> open(URL + "?auth_key=k3y-legacy", Map.of())).isInstanceOf(ConfigurationException.class)
                    .hasMessageNotContaining("k3y-legacy");
        }
    }

    @Nested
    @DisplayName("organizations")
    class Organizations {

        @Test
        @DisplayName("an empty or unknown organization answers no records and says so in an INFO line")
        void emptyOrganization() {
            server.stubFor(get(urlPathEqualTo("/organizations/" + ORGANIZATION + "/billable/usage"))
                    .willReturn(okJson(fixture("empty.json"))));
            PrintStream original = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            List<UsageRecord> records;
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                records = fetch("usage:cloudflare:organizations/" + ORGANIZATION, between("2026-07-01", "2026-08-10"), Map.of());
            } finally {
                System.setErr(original);
            }
            assertThat(records).isEmpty();
            assertThat(server.getAllServeEvents()).hasSize(2);
            String log = captured.toString(StandardCharsets.UTF_8);
            assertThat(log).contains("INFO").contains("organization " + ORGANIZATION + " answered no usage from 2026-07-01 to 2026-08-09")
                    .contains("does not exist");
            assertThat(log.split("answered no usage", -1)).as("one line per fetch, not per window").hasSize(2);
        }

        @Test
        @DisplayName("the organization URL refuses a dataset and the POST-only options")
        void refusesDataset() {
            assertThatThrownBy(() -> open("usage:cloudflare:organizations/" + ORGANIZATION + "?dataset=cost", Map.of()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("usage-only");
            assertThatThrownBy(() -> open("usage:cloudflare:organizations/" + ORGANIZATION + "?group_by=zone", Map.of()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("dataset=cost");
            assertThatThrownBy(() -> open("usage:cloudflare:organizations/acme", Map.of()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("organization id");
        }
    }

    @Nested
    @DisplayName("the metric catalogue")
    class Catalogue {

        @Test
        @DisplayName("lists each metric once across windows, from GET .../billable-metrics with an inclusive to")
        void listed() {
            String metrics = "/accounts/" + ACCOUNT + "/billable/usage/billable-metrics";
            server.stubFor(get(urlPathEqualTo(metrics)).willReturn(okJson(fixture("billable-metrics.json"))));
            List<MetricDescription> listed;
            try (UsageSource source = open(URL, Map.of());
                    Stream<MetricDescription> stream = source.metrics(between("2026-07-01", "2026-08-10"))) {
                listed = stream.toList();
            }
            assertThat(listed).extracting(MetricDescription::id).containsExactly("workers_standard_requests",
                    "r2_class_a_operations");
            assertThat(listed.get(1).attributes()).containsEntry("DimensionKeys", "account,zone");
            assertThat(server.getAllServeEvents()).extracting(e -> e.getRequest().getUrl()).containsExactlyInAnyOrder(
                    metrics + "?from=2026-07-01&to=2026-07-31", metrics + "?from=2026-08-01&to=2026-08-09");
        }

        @Test
        @DisplayName("PayGo and organization sources publish no catalogue")
        void noCatalogue() {
            try (UsageSource paygo = open(URL + "?dataset=paygo", Map.of());
                    UsageSource org = open("usage:cloudflare:organizations/" + ORGANIZATION, Map.of())) {
                assertThatThrownBy(() -> paygo.metrics(between("2026-07-01", "2026-07-02")))
                        .isInstanceOf(UnsupportedQueryException.class);
                assertThatThrownBy(() -> org.metrics(between("2026-07-01", "2026-07-02")))
                        .isInstanceOf(UnsupportedQueryException.class);
            }
            assertThat(Optional.ofNullable(server.getAllServeEvents()).orElseThrow()).isEmpty();
        }
    }
}
