package io.usage4j.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The sandbox's endpoints, over real HTTP, checked against the shapes the providers document. */
class SandboxTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Sandbox sandbox = Sandbox.builder().clock(CLOCK).faults(false).start();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    Answer get(String pathAndQuery, String header, String value) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery)).GET();
        if (header != null) {
            request.header(header, value);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response);
    }

    @Test
    @DisplayName("listens on loopback only, on the port it reports")
    void loopback() {
        assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port());
        assertThat(sandbox.cloudflareBaseUrl()).endsWith("/client/v4");
        assertThat(sandbox.today()).hasToString("2026-11-23");
    }

    @Test
    @DisplayName("answers an unknown path with 404 and logs every request")
    void unknownPath() throws Exception {
        Answer answer = get("/nothing/here", null, null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(sandbox.requests()).containsExactly("GET /nothing/here -> 404");
    }

    @Nested
    @DisplayName("Cloudflare billable usage v2")
    class Cloudflare {
        static final String PATH = "/client/v4/accounts/" + Sandbox.CLOUDFLARE_ACCOUNT + "/billable/usage";

        Answer usage(String query) throws Exception {
            return get(PATH + query, "Authorization", "Bearer sandbox-token");
        }

        @Test
        @DisplayName("one record per metric per zone per day, to inclusive, in the v4 envelope")
        void window() throws Exception {
            Answer answer = usage("?from=2026-01-01&to=2026-01-31");
            assertThat(answer.status()).isEqualTo(200);
            JsonNode body = answer.json();
            assertThat(body.get("success").asBoolean()).isTrue();
            assertThat(body.get("errors")).isEmpty();
            JsonNode result = body.get("result");
            assertThat(result).hasSize(31 * CloudflareApi.METRICS.size() * CloudflareApi.ZONES.size());
            JsonNode first = result.get(0);
            assertThat(first.get("ChargePeriodStart").asText()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(first.get("ChargePeriodEnd").asText()).isEqualTo("2026-01-02T00:00:00Z");
            assertThat(result.get(result.size() - 1).get("ChargePeriodStart").asText()).isEqualTo("2026-01-31T00:00:00Z");
            assertThat(first.get("BillingAccountId").asText()).isEqualTo(Sandbox.CLOUDFLARE_ACCOUNT);
            assertThat(first.get("x_BillableMetricId").asText()).isEqualTo("workers_standard_requests");
            assertThat(first.get("ConsumedUnit").asText()).isEqualTo("Requests");
            assertThat(first.get("ConsumedQuantity").isNumber()).isTrue();
            assertThat(first.has("x_ZoneId")).isTrue();
            assertThat(first.has("BilledCost")).as("costs are not yet populated by Cloudflare").isFalse();
            Set<String> zones = new HashSet<>();
            result.forEach(r -> zones.add(r.get("x_ZoneName").asText()));
            assertThat(zones).containsExactlyInAnyOrder("example.com", "shop.example.com", "api.example.net");
        }

        @Test
        @DisplayName("generates the same numbers for a day whichever window asks for it")
        void deterministic() throws Exception {
            JsonNode wide = usage("?from=2026-03-01&to=2026-03-10").json().get("result");
            JsonNode narrow = usage("?from=2026-03-10&to=2026-03-10").json().get("result");
            List<JsonNode> tenth = new ArrayList<>();
            wide.forEach(r -> {
                if (r.get("ChargePeriodStart").asText().startsWith("2026-03-10")) {
                    tenth.add(r);
                }
            });
            assertThat(narrow).hasSize(tenth.size());
            for (int i = 0; i < tenth.size(); i++) {
                assertThat(narrow.get(i)).isEqualTo(tenth.get(i));
            }
        }

        @Test
        @DisplayName("filters by metric and serves nothing after today")
        void metricAndToday() throws Exception {
            JsonNode result = usage("?from=2026-11-20&to=2026-11-30&metric=r2_storage").json().get("result");
            assertThat(result).hasSize(4 * CloudflareApi.ZONES.size());
            result.forEach(r -> assertThat(r.get("x_BillableMetricId").asText()).isEqualTo("r2_storage"));
            assertThat(result.get(result.size() - 1).get("ChargePeriodStart").asText()).startsWith("2026-11-23");
        }

        @Test
        @DisplayName("refuses more than 31 days and a request without a token, in the envelope")
        void errors() throws Exception {
            Answer tooLong = usage("?from=2026-01-01&to=2026-02-01");
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.json().get("success").asBoolean()).isFalse();
            assertThat(tooLong.json().get("errors").get(0).get("message").asText()).contains("31 days");
            Answer anonymous = get(PATH + "?from=2026-01-01&to=2026-01-02", null, null);
            assertThat(anonymous.status()).isEqualTo(403);
            assertThat(anonymous.json().get("errors").get(0).get("code").asInt()).isEqualTo(10000);
        }
    }

    @Nested
    @DisplayName("Fastly billing usage metrics v3")
    class Fastly {
        Answer call(String pathAndQuery) throws Exception {
            return get(pathAndQuery, "Fastly-Key", "sandbox-token");
        }

        @Test
        @DisplayName("usage-metrics: {data: [...]} per month and usage type, months required, at most three")
        void monthly() throws Exception {
            Answer answer = call("/billing/v3/usage-metrics?start_month=2026-08&end_month=2026-10");
            assertThat(answer.status()).isEqualTo(200);
            JsonNode data = answer.json().get("data");
            assertThat(data).hasSize(3 * FastlyApi.USAGE_TYPES.size());
            JsonNode first = data.get(0);
            assertThat(first.get("month").asText()).isEqualTo("2026-08");
            assertThat(first.get("product_id").asText()).isEqualTo("cdn_usage");
            assertThat(first.get("unit").asText()).isEqualTo("gb");
            assertThat(first.get("quantity").isNumber()).isTrue();
            assertThat(first.has("raw_quantity")).isTrue();
            assertThat(call("/billing/v3/usage-metrics?start_month=2026-01&end_month=2026-04").status()).isEqualTo(400);
            assertThat(call("/billing/v3/usage-metrics?start_month=2026-01").status()).isEqualTo(400);
            assertThat(get("/billing/v3/usage-metrics?start_month=2026-01&end_month=2026-01", null, null).status()).isEqualTo(401);
        }

        @Test
        @DisplayName("service-usage-metrics: the long-tail usage type takes three pages of 100, cursor in data.meta")
        void pages() throws Exception {
            String query = "/billing/v3/service-usage-metrics?product_id=cdn_usage&usage_type_name=North%20America%20Requests"
                    + "&start_month=2026-10&end_month=2026-10&limit=100";
            List<Integer> sizes = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            String cursor = null;
            do {
                Answer page = call(query + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(page.status()).isEqualTo(200);
                JsonNode data = page.json().get("data");
                assertThat(data.get("usage_type").asText()).isEqualTo("North America Requests");
                assertThat(data.get("start_time").asText()).isEqualTo("2026-10-01T00:00:00Z");
                sizes.add(data.get("details").size());
                for (JsonNode detail : data.get("details")) {
                    total = total.add(detail.get("usage_units").decimalValue());
                    assertThat(detail.get("service_id").asText()).isNotBlank();
                }
                JsonNode next = data.get("meta").get("next_cursor");
                cursor = next == null ? null : next.asText();
            } while (cursor != null);
            assertThat(sizes).containsExactly(100, 100, 45);
            JsonNode monthly = call("/billing/v3/usage-metrics?start_month=2026-10&end_month=2026-10").json().get("data");
            BigDecimal reported = null;
            for (JsonNode row : monthly) {
                if (row.get("usage_type").asText().equals("North America Requests")) {
                    reported = row.get("quantity").decimalValue();
                }
            }
            assertThat(total).as("the services add up to the month").isEqualByComparingTo(reported);
        }

        @Test
        @DisplayName("service-usage-metrics refuses a cursor of another query and a limit over 10000")
        void badCursor() throws Exception {
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"o\":5,\"q\":\"0\"}".getBytes());
            assertThat(call("/billing/v3/service-usage-metrics?start_month=2026-10&cursor=" + cursor).status()).isEqualTo(400);
            assertThat(call("/billing/v3/service-usage-metrics?limit=10001").status()).isEqualTo(400);
        }
    }

    @Nested
    @DisplayName("Fastly invoices")
    class FastlyInvoices {
        Answer call(String pathAndQuery) throws Exception {
            return get(pathAndQuery, "Fastly-Key", "sandbox-token");
        }

        @Test
        @DisplayName("invoices: every complete month newest first, cursor-paged, each invoice's lines adding up to its total")
        void listed() throws Exception {
            List<String> months = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Answer page = call("/billing/v3/invoices?limit=5" + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(page.status()).isEqualTo(200);
                pages++;
                for (JsonNode invoice : page.json().get("data")) {
                    months.add(invoice.get("billing_start_date").asText().substring(0, 7));
                    assertThat(invoice.get("currency_code").asText()).isEqualTo("USD");
                    assertThat(invoice.get("monthly_transaction_amount").isNumber()).isTrue();
                    BigDecimal sum = BigDecimal.ZERO;
                    for (JsonNode line : invoice.get("transaction_line_items")) {
                        sum = sum.add(line.get("amount").decimalValue());
                    }
                    assertThat(sum).as("lines of %s", invoice.get("invoice_id")).isEqualByComparingTo(
                            invoice.get("monthly_transaction_amount").decimalValue());
                }
                JsonNode next = page.json().get("meta").get("next_cursor");
                cursor = next == null ? null : next.asText();
            } while (cursor != null);
            assertThat(months).hasSize(34).startsWith("2026-10", "2026-09").endsWith("2024-01");
            assertThat(pages).isEqualTo(7);
        }

        @Test
        @DisplayName("invoices: billing dates filter by the invoiced month; January carries a negative coupon line")
        void filteredAndCredited() throws Exception {
            JsonNode data = call("/billing/v3/invoices?billing_start_date=2026-01-01&billing_end_date=2026-01-31").json().get("data");
            assertThat(data).hasSize(1);
            JsonNode lines = data.get(0).get("transaction_line_items");
            JsonNode credit = lines.get(lines.size() - 1);
            assertThat(credit.get("credit_coupon_code").asText()).isEqualTo("NEWYEAR50");
            assertThat(credit.get("amount").decimalValue()).isEqualByComparingTo("-50.00");
            assertThat(call("/billing/v3/invoices?limit=201").status()).isEqualTo(400);
            assertThat(call("/billing/v3/invoices?billing_start_date=2026-1-1").status()).isEqualTo(400);
        }

        @Test
        @DisplayName("invoices/{invoice_id}: the listed invoice unwrapped; another id is 404")
        void byId() throws Exception {
            JsonNode listed = call("/billing/v3/invoices?billing_start_date=2026-10-01").json().get("data").get(0);
            Answer one = call("/billing/v3/invoices/" + listed.get("invoice_id").asText());
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json()).isEqualTo(listed);
            assertThat(call("/billing/v3/invoices/42").status()).isEqualTo(404);
        }

        @Test
        @DisplayName("invoices/month-to-date: this month so far, its total a string, no currency and no statement number")
        void monthToDate() throws Exception {
            JsonNode mtd = call("/billing/v3/invoices/month-to-date").json();
            assertThat(mtd.get("billing_start_date").asText()).isEqualTo("2026-11-01T00:00:00Z");
            assertThat(mtd.get("monthly_transaction_amount").isTextual()).isTrue();
            assertThat(mtd.has("currency_code")).isFalse();
            assertThat(mtd.has("statement_number")).isFalse();
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode line : mtd.get("transaction_line_items")) {
                assertThat(line.has("credit_coupon_code")).isFalse();
                sum = sum.add(line.get("amount").decimalValue());
            }
            assertThat(sum).isEqualByComparingTo(new BigDecimal(mtd.get("monthly_transaction_amount").asText()));
        }
    }

    @Nested
    @DisplayName("Cloudinary billing usage")
    class Cloudinary {
        static final String PATH = "/v1_1/provisioning/accounts/" + Sandbox.CLOUDINARY_ACCOUNT + "/billing_usage";

        Answer usage(String query) throws Exception {
            return get(PATH + query, "Authorization", "Basic " + Base64.getEncoder().encodeToString("key:secret".getBytes()));
        }

        @Test
        @DisplayName("an array of plans; a year spanning the plan change lists both; breakdowns add up to usage")
        void plans() throws Exception {
            JsonNode plans = usage("?year=2026&include_prodenv_breakdown=true").json();
            assertThat(plans.isArray()).isTrue();
            assertThat(plans).hasSize(2);
            assertThat(plans.get(0).get("plan_name").asText()).isEqualTo("Pro PAYG");
            assertThat(plans.get(1).get("plan_name").asText()).isEqualTo("Advanced PAYG");
            JsonNode metric = plans.get(1).get("metric_usage").get(0);
            assertThat(metric.get("metric").asText()).isEqualTo("credit");
            JsonNode cycles = metric.get("cycles");
            assertThat(cycles.get(0).get("from_day").asText()).isEqualTo("2026-05-21");
            assertThat(cycles.get(0).get("to_day").asText()).isEqualTo("2026-06-20");
            assertThat(cycles.get(cycles.size() - 1).get("from_day").asText()).isEqualTo("2026-11-21");
            for (JsonNode cycle : cycles) {
                BigDecimal sum = BigDecimal.ZERO;
                for (JsonNode value : cycle.get("breakdown")) {
                    sum = sum.add(value.decimalValue());
                }
                assertThat(sum).isEqualByComparingTo(cycle.get("usage").decimalValue());
                assertThat(cycle.get("product_environment_breakdown")).hasSize(3);
                assertThat(cycle.get("product_environment_breakdown").get(0).get("cloud_name").asText()).isEqualTo("acme-production");
            }
            assertThat(usage("?year=2026").json().get(0).get("metric_usage").get(0).get("cycles").get(0)
                    .has("product_environment_breakdown")).isFalse();
        }

        @Test
        @DisplayName("refuses a request without Basic credentials with Cloudinary's error body")
        void unauthorized() throws Exception {
            Answer answer = get(PATH + "?year=2026", null, null);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().get("error").get("message").asText()).isEqualTo("Invalid credentials");
        }
    }

    @Nested
    @DisplayName("Latitude.sh billing usage")
    class Latitude {
        Answer usage(String query) throws Exception {
            return get("/billing/usage" + query, "Authorization", "Bearer sandbox-token");
        }

        @Test
        @DisplayName("a JSON:API document of the current period in cents, with several products and a discount")
        void document() throws Exception {
            Answer answer = usage("?filter%5Bproject%5D=" + Sandbox.LATITUDE_PROJECT);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.response().headers().firstValue("Content-Type")).hasValue("application/vnd.api+json");
            JsonNode attributes = answer.json().get("data").get("attributes");
            assertThat(attributes.get("project").get("id").asText()).isEqualTo(Sandbox.LATITUDE_PROJECT);
            assertThat(attributes.get("period").get("start").asText()).isEqualTo("2026-10-24T15:56:32+00:00");
            assertThat(attributes.get("period").get("end").asText()).isEqualTo("2026-11-24T15:56:32+00:00");
            JsonNode products = attributes.get("products");
            assertThat(products).hasSize(LatitudeApi.PRODUCTS.size());
            BigDecimal sum = BigDecimal.ZERO;
            boolean discounted = false;
            for (JsonNode product : products) {
                sum = sum.add(product.get("price").decimalValue());
                if (!product.get("discounts").isEmpty()) {
                    discounted = true;
                    assertThat(product.get("price").decimalValue()).isLessThan(product.get("amount_without_discount").decimalValue());
                }
            }
            assertThat(discounted).isTrue();
            assertThat(attributes.get("price").decimalValue()).isEqualByComparingTo(sum);
            JsonNode server = products.get(0);
            assertThat(server.get("unit").asText()).isEqualTo("hour");
            // 2026-10-24T15:56:32Z to 2026-11-23T12:00:00Z is 716 whole hours
            assertThat(server.get("quantity").decimalValue()).isEqualByComparingTo("716");
            assertThat(server.get("price").decimalValue()).isEqualByComparingTo("31504");
        }

        @Test
        @DisplayName("filters products and plans, and answers errors as JSON:API")
        void filtersAndErrors() throws Exception {
            JsonNode products = usage("?filter%5Bproject%5D=p&filter%5Bproducts%5D%5B%5D=si_on0fybnq").json()
                    .get("data").get("attributes").get("products");
            assertThat(products).hasSize(1);
            assertThat(products.get(0).get("id").asText()).isEqualTo("si_on0fybnq");
            Answer missing = usage("");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json().get("errors").get(0).get("detail").asText()).contains("filter[project]");
            assertThat(get("/billing/usage?filter%5Bproject%5D=p", null, null).status()).isEqualTo(401);
        }
    }

    @Nested
    @DisplayName("Injected faults")
    class Faults {
        @Test
        @DisplayName("the second Cloudflare request gets 429 with Retry-After: 1, the first Fastly services page 503, once each")
        void faults() throws Exception {
            sandbox.close();
            sandbox = Sandbox.builder().clock(CLOCK).start();
            String cf = "/client/v4/accounts/" + Sandbox.CLOUDFLARE_ACCOUNT + "/billable/usage?from=2026-01-01&to=2026-01-01";
            assertThat(get(cf, "Authorization", "Bearer t").status()).isEqualTo(200);
            Answer limited = get(cf, "Authorization", "Bearer t");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.response().headers().firstValue("Retry-After")).hasValue("1");
            assertThat(get(cf, "Authorization", "Bearer t").status()).isEqualTo(200);
            String services = "/billing/v3/service-usage-metrics?start_month=2026-10&end_month=2026-10";
            assertThat(get(services, "Fastly-Key", "t").status()).isEqualTo(503);
            assertThat(get(services, "Fastly-Key", "t").status()).isEqualTo(200);
            assertThat(sandbox.faultsServed()).isEqualTo(2);
        }
    }
}
