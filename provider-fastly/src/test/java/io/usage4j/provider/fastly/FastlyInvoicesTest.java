package io.usage4j.provider.fastly;

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
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.RequestException;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.spi.UsageSources;
import java.math.BigDecimal;
import io.usage4j.spi.SourceRuntime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The Fastly invoices dataset")
class FastlyInvoicesTest {
    private static final String TOKEN = "test-token-1nv01ce";
    private static final String LIST = "/billing/v3/invoices";
    private static final String MTD = "/billing/v3/invoices/month-to-date";
    private static final String URL = "usage:fastly:?dataset=invoices";

    /** "Now" for the month-to-date invoice: the fixture's month, August 2026. */
    private static final Clock AUGUST = Clock.fixed(Instant.parse("2026-08-20T12:00:00Z"), ZoneOffset.UTC);

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

    private Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("token", TOKEN);
        properties.put("base_url", "http://localhost:" + server.port());
        properties.put("max_retries", "0");
        return properties;
    }

    private List<UsageRecord> fetch(String url, Map<String, String> properties, String from, String to) {
        try (UsageSource source = registry().openSource(url, properties);
                Stream<UsageRecord> records = source.fetch(UsageQuery.between(LocalDate.parse(from), LocalDate.parse(to)))) {
            return records.toList();
        }
    }

    private static UsageSources registry() {
        return UsageSources.builder().environment(name -> null).runtime(SourceRuntime.system().withClock(AUGUST)).build();
    }

    private List<UsageRecord> fetch(String from, String to) {
        return fetch(URL, properties(), from, to);
    }

    private static MappingBuilder list(String start, String end, String cursor) {
        return get(urlPathEqualTo(LIST))
                .withQueryParam("billing_start_date", equalTo(start))
                .withQueryParam("billing_end_date", equalTo(end))
                .withQueryParam("limit", equalTo("200"))
                .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor));
    }

    private static String emptyPage() {
        return "{\"data\": [], \"meta\": {\"next_cursor\": null, \"limit\": 200, \"total\": 0}}";
    }

    @Nested
    @DisplayName("end-of-month invoices")
    class EndOfMonth {

        @Test
        @DisplayName("are listed for the query's months and read page by page, following next_cursor")
        void listedAndPaged() {
            server.stubFor(list("2026-01-01", "2026-02-28", null).willReturn(okJson(Fixtures.text("invoices-page1.json"))));
            server.stubFor(list("2026-01-01", "2026-02-28", "eyJvZmZzZXQiOjF9")
                    .willReturn(okJson(Fixtures.text("invoices-page2.json"))));

            List<UsageRecord> records = fetch("2026-01-01", "2026-03-01");

            assertThat(records).extracting(r -> r.invoiceId().orElseThrow() + ":" + r.billedCost().orElseThrow().toPlainString())
                    .containsExactly("4183280:812.5", "4183280:710.97", "4170112:790.40", "4170112:650.00", "4170112:-100.00");
            assertThat(records).allSatisfy(r -> {
                assertThat(r.billingCurrency()).contains("USD");
                assertThat(r.extension("x_InvoiceFinal")).contains("true");
            });
            server.verify(2, getRequestedFor(urlPathEqualTo(LIST)).withHeader("Fastly-Key", equalTo(TOKEN)));
            // February, the query's last month, has its final invoice: no month-to-date estimate is asked for
            server.verify(0, getRequestedFor(urlPathEqualTo(MTD)));
        }

        @Test
        @DisplayName("outside the planned months are dropped, so no invoice is counted twice")
        void outsideTheWindowDropped() {
            server.stubFor(list("2026-02-01", "2026-02-28", null).willReturn(okJson(Fixtures.text("invoices-page2.json")
                    .replace("\"next_cursor\": null", "\"next_cursor\": null").replace("\"data\": [", "\"data\": ["
                            + Fixtures.text("invoice-4183280.json") + ","))));

            List<UsageRecord> records = fetch("2026-02-01", "2026-03-01");

            assertThat(records).extracting(r -> r.invoiceId().orElseThrow()).containsOnly("4183280").hasSize(2);
        }

        @Test
        @DisplayName("listed without line items are refused: Fastly's Invoice model carries them")
        void refusedWithoutLines() {
            server.stubFor(list("2026-02-01", "2026-02-28", null).willReturn(okJson(Fixtures.text("invoices-without-lines.json"))));

            assertThatThrownBy(() -> fetch("2026-02-01", "2026-03-01"))
                    .isInstanceOf(UnreadableResponseException.class)
                    .hasMessageContaining("4183280")
                    .hasMessageContaining("transaction_line_items");
        }

        @Test
        @DisplayName("a year and a half is two list sequences of at most twelve months, in order")
        void windowsOfTwelveMonths() {
            server.stubFor(list("2025-01-01", "2025-12-31", null).willReturn(okJson(Fixtures.text("invoices-page2.json")
                    .replace("2026-01", "2025-01").replace("2026-02", "2025-02"))));
            server.stubFor(list("2026-01-01", "2026-02-28", null).willReturn(okJson(Fixtures.text("invoices-page1.json")
                    .replace("\"eyJvZmZzZXQiOjF9\"", "null"))));

            List<UsageRecord> records = fetch("2025-01-01", "2026-03-01");

            assertThat(records).extracting(r -> r.invoiceId().orElseThrow()).containsExactly("4170112", "4170112", "4170112",
                    "4183280", "4183280");
            server.verify(2, getRequestedFor(urlPathEqualTo(LIST)));
            server.verify(0, getRequestedFor(urlPathEqualTo(MTD)));
        }

        @Test
        @DisplayName("whose lines do not add up to the total are logged as a WARN and returned unchanged")
        void aMismatchIsAWarning() {
            server.stubFor(list("2026-03-01", "2026-03-31", null).willReturn(okJson("{\"data\": ["
                    + Fixtures.text("invoice-mismatch.json") + "], \"meta\": {}}")));
            List<UsageRecord> records;
            String log;
            try (StderrCapture capture = new StderrCapture()) {
                records = fetch("2026-03-01", "2026-04-01");
                log = capture.text();
            }

            assertThat(records).extracting(r -> r.billedCost().orElseThrow().toPlainString()).containsExactly("600.10", "399.89");
            assertThat(log).contains("WARN").contains("4190001").contains("add up to 999.99").contains("difference 0.01");
        }

        @Test
        @DisplayName("that add up log no warning")
        void noWarningWhenTheyAddUp() {
            server.stubFor(list("2026-02-01", "2026-02-28", null).willReturn(okJson(Fixtures.text("invoices-page1.json")
                    .replace("\"eyJvZmZzZXQiOjF9\"", "null"))));
            String log;
            try (StderrCapture capture = new StderrCapture()) {
                fetch("2026-02-01", "2026-03-01");
                log = capture.text();
            }

            assertThat(log).doesNotContain("WARN");
        }
    }

    @Nested
    @DisplayName("the month-to-date invoice")
    class MonthToDate {

        @Test
        @DisplayName("fills the current month, after the final invoices, marked not final")
        void fillsTheLastMonth() {
            server.stubFor(list("2026-07-01", "2026-08-31", null).willReturn(okJson(Fixtures.text("invoices-page1.json")
                    .replace("\"eyJvZmZzZXQiOjF9\"", "null").replace("2026-02", "2026-07").replace("2026-03", "2026-08")
                    .replace("2026-07-28T23:59:59Z", "2026-07-31T23:59:59Z"))));
            server.stubFor(get(urlPathEqualTo(MTD)).willReturn(okJson(Fixtures.text("mtd-invoice.json"))));
            Map<String, String> properties = properties();
            properties.put("currency", "USD");

            List<UsageRecord> records = fetch(URL, properties, "2026-07-01", "2026-08-20");

            assertThat(records).extracting(r -> r.extension("x_InvoiceFinal").orElseThrow() + "@" + r.chargePeriodStart())
                    .containsExactly("true@2026-07-01T00:00:00Z", "true@2026-07-01T00:00:00Z", "false@2026-08-01T00:00:00Z");
            UsageRecord estimate = records.get(2);
            assertThat(estimate.invoiceId()).contains("MTD-2026-08");
            assertThat(estimate.billedCost().map(BigDecimal::toPlainString)).contains("402.18");
            assertThat(estimate.billingCurrency()).contains("USD");
            assertThat(estimate.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
            server.verify(1, getRequestedFor(urlPathEqualTo(MTD)));
        }

        @Test
        @DisplayName("is asked for by the window holding the current month only")
        void onlyTheCurrentMonthsWindow() {
            server.stubFor(list("2025-08-01", "2026-07-31", null).willReturn(okJson(emptyPage())));
            server.stubFor(list("2026-08-01", "2026-08-31", null).willReturn(okJson(emptyPage())));
            server.stubFor(get(urlPathEqualTo(MTD)).willReturn(okJson(Fixtures.text("mtd-invoice.json"))));

            List<UsageRecord> records = fetch("2025-08-01", "2026-09-01");

            assertThat(records).extracting(r -> r.invoiceId().orElseThrow()).containsExactly("MTD-2026-08");
            assertThat(records.get(0).billingCurrency()).isEmpty();
            server.verify(1, getRequestedFor(urlPathEqualTo(MTD)));
        }

        @Test
        @DisplayName("warns when the month before it has no end-of-month invoice yet: those rows are missing")
        void theGapBeforeItIsAWarning() {
            server.stubFor(list("2026-07-01", "2026-08-31", null).willReturn(okJson(emptyPage())));
            server.stubFor(get(urlPathEqualTo(MTD)).willReturn(okJson(Fixtures.text("mtd-invoice.json"))));
            List<UsageRecord> records;
            String log;
            try (StderrCapture capture = new StderrCapture()) {
                records = fetch("2026-07-01", "2026-09-01");
                log = capture.text();
            }

            assertThat(records).extracting(r -> r.invoiceId().orElseThrow()).containsExactly("MTD-2026-08");
            assertThat(log).contains("WARN").contains("no end-of-month invoice for 2026-07 yet");
        }

        @Test
        @DisplayName("is not asked for by a query that ends before the current month")
        void notForPastMonths() {
            server.stubFor(list("2026-05-01", "2026-05-31", null).willReturn(okJson(emptyPage())));

            assertThat(fetch("2026-05-01", "2026-06-01")).isEmpty();
            server.verify(0, getRequestedFor(urlPathEqualTo(MTD)));
        }

        @Test
        @DisplayName("is dropped when an end-of-month invoice for its month was listed")
        void droppedWhenTheFinalInvoiceExists() {
            server.stubFor(list("2026-08-01", "2026-08-31", null).willReturn(okJson(Fixtures.text("invoices-page1.json")
                    .replace("\"eyJvZmZzZXQiOjF9\"", "null").replace("2026-02-28", "2026-08-31").replace("2026-02", "2026-08")
                    .replace("2026-03", "2026-09"))));
            server.stubFor(get(urlPathEqualTo(MTD)).willReturn(okJson(Fixtures.text("mtd-invoice.json"))));

            assertThat(fetch("2026-08-01", "2026-09-01")).extracting(r -> r.invoiceId().orElseThrow())
                    .containsOnly("4183280");
        }

        @Test
        @DisplayName("that Fastly cannot give (HTTP 422) is a WARN and no rows, not a failure")
        void unavailable() {
            server.stubFor(list("2026-08-01", "2026-08-31", null).willReturn(okJson(emptyPage())));
            server.stubFor(get(urlPathEqualTo(MTD)).willReturn(aResponse().withStatus(422)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"title\": \"Unprocessable Entity\", \"status\": \"422\"}")));
            List<UsageRecord> records;
            String log;
            try (StderrCapture capture = new StderrCapture()) {
                records = fetch("2026-08-01", "2026-09-01");
                log = capture.text();
            }

            assertThat(records).isEmpty();
            assertThat(log).contains("WARN").contains("no month-to-date invoice").contains("HTTP 422");
        }

        @Test
        @DisplayName("that fails otherwise throws")
        void otherFailuresThrow() {
            server.stubFor(list("2026-08-01", "2026-08-31", null).willReturn(okJson(emptyPage())));
            server.stubFor(get(urlPathEqualTo(MTD)).willReturn(aResponse().withStatus(400)
                    .withHeader("Content-Type", "application/json").withBody(Fixtures.text("error-400.json"))));

            assertThatThrownBy(() -> fetch("2026-08-01", "2026-09-01"))
                    .isInstanceOf(RequestException.class)
                    .hasMessageContaining("month-to-date")
                    .hasMessageContaining("HTTP 400");
        }
    }

    @Nested
    @DisplayName("options")
    class Options {

        @Test
        @DisplayName("the invoices dataset can be chosen by a query option of a monthly source")
        void chosenByQueryOption() {
            server.stubFor(list("2026-02-01", "2026-02-28", null).willReturn(okJson(Fixtures.text("invoices-page1.json")
                    .replace("\"eyJvZmZzZXQiOjF9\"", "null"))));
            UsageQuery query = UsageQuery.builder().from(LocalDate.parse("2026-02-01")).to(LocalDate.parse("2026-03-01"))
                    .putOptions("dataset", "invoices").build();

            try (UsageSource source = registry().openSource("usage:fastly:", properties());
                    Stream<UsageRecord> records = source.fetch(query)) {
                assertThat(records.map(r -> r.billingPeriodEnd().orElseThrow()))
                        .containsOnly(Instant.parse("2026-03-01T00:00:00Z"));
            }
        }

        @Test
        @DisplayName("service-level filters are refused for invoices")
        void serviceFiltersRefused() {
            UsageQuery query = UsageQuery.builder().from(LocalDate.parse("2026-02-01")).to(LocalDate.parse("2026-03-01"))
                    .putOptions("product_id", "cdn_usage").build();

            try (UsageSource source = registry().openSource(URL, properties())) {
                assertThatThrownBy(() -> source.fetch(query).toList())
                        .isInstanceOf(UnsupportedQueryException.class)
                        .hasMessageContaining("product_id");
            }
        }
    }
}
