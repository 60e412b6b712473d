package io.usage4j.provider.cloudflare.internal;

import static io.usage4j.provider.cloudflare.internal.Fixtures.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.usage4j.core.ChargeClass;
import io.usage4j.core.MetricDescription;
import io.usage4j.core.RequestException;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageException;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusColumn;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Rated costs")
class CostMappingTest {

    private static List<UsageRecord> records(String fixture) {
        return Fixtures.billable(fixture).result().stream().map(item -> CloudflareMapper.fromBillable(item, ACCOUNT)).toList();
    }

    private static BigDecimal sum(List<UsageRecord> records, Function<UsageRecord, Optional<BigDecimal>> column) {
        return records.stream().map(column).map(Optional::orElseThrow).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Nested
    @DisplayName("the mapper")
    class Mapper {

        @Test
        @DisplayName("maps every cost and pricing field of the documented record exactly")
        void documentedRecord() {
            UsageRecord r = records("cost-documented.json").get(0);
            assertThat(r.billedCost()).hasValue(new BigDecimal("3.75"));
            assertThat(r.effectiveCost()).hasValue(new BigDecimal("3.75"));
            assertThat(r.listCost()).hasValue(new BigDecimal("3.75"));
            assertThat(r.contractedCost()).hasValue(new BigDecimal("3.75"));
            assertThat(r.listUnitPrice()).hasValue(new BigDecimal("0.30"));
            assertThat(r.contractedUnitPrice()).hasValue(new BigDecimal("0.30"));
            assertThat(r.pricingQuantity()).hasValue(new BigDecimal("12.5"));
            assertThat(r.pricingUnit()).hasValue("Million Requests");
            assertThat(r.consumedQuantity()).hasValue(new BigDecimal("12500000"));
            assertThat(r.billingCurrency()).hasValue("USD");
            assertThat(r.billingPeriodStart()).hasValue(Instant.parse("2026-07-01T00:00:00Z"));
            assertThat(r.billingPeriodEnd()).hasValue(Instant.parse("2026-08-01T00:00:00Z"));
            assertThat(r.chargeClass()).isEmpty();
            assertThat(r.billingAccountId()).isEqualTo(ACCOUNT);
            assertThat(r.billingAccountName()).hasValue("Acme Production");
            assertThat(r.invoiceIssuerName()).hasValue("Cloudflare, Inc.");
            assertThat(r.tags()).containsExactlyEntriesOf(Map.of("team", "payments"));
            assertThat(r.extension("x_BillingAccountOmitted")).isEmpty();
            // ListCost = ListUnitPrice x PricingQuantity, exactly, as documented
            assertThat(r.listUnitPrice().get().multiply(r.pricingQuantity().get())).isEqualByComparingTo(r.listCost().get());
        }

        @Test
        @DisplayName("sums five grouped records to the cent and beyond: no double, no rounding")
        void exactSums() {
            List<UsageRecord> rows = records("cost-grouped.json");
            assertThat(rows).hasSize(5);
            assertThat(sum(rows, UsageRecord::billedCost)).isEqualTo(new BigDecimal("16.941851851835"));
            assertThat(sum(rows, UsageRecord::effectiveCost)).isEqualTo(new BigDecimal("16.941851851835"));
            assertThat(sum(rows, UsageRecord::listCost)).isEqualTo(new BigDecimal("16.941851851835"));
            assertThat(sum(rows, UsageRecord::contractedCost)).isEqualTo(new BigDecimal("16.941851851835"));
            assertThat(sum(rows, UsageRecord::pricingQuantity)).isEqualTo(new BigDecimal("148.356790122333333"));
            assertThat(rows.get(2).listCost()).hasValue(new BigDecimal("0.151851851835"));
            assertThat(rows.get(2).listUnitPrice().get().multiply(rows.get(2).pricingQuantity().get()))
                    .isEqualTo(new BigDecimal("0.151851851835"));
        }

        @Test
        @DisplayName("a key-only tag (true) is written as FOCUS's boolean true; a missing tag key stays out")
        void keyOnlyTags() {
            List<UsageRecord> rows = records("cost-grouped.json");
            UsageRecord search = rows.get(1);
            assertThat(search.tags()).containsExactlyEntriesOf(Map.of("team", "search"));
            assertThat(search.keyOnlyTags()).containsExactly("pci");
            assertThat(FocusColumn.TAGS.render(search)).hasValue("{\"team\":\"search\",\"pci\":true}");
            assertThat(rows.get(2).tags()).isEmpty();
            assertThat(FocusColumn.TAGS.render(rows.get(2))).isEmpty();
        }

        @Test
        @DisplayName("a contract-level record without BillingAccountId is billed to the queried account and marked")
        void contractLevel() {
            UsageRecord contract = records("cost-grouped.json").get(3);
            assertThat(contract.billingAccountId()).isEqualTo(ACCOUNT);
            assertThat(contract.billingAccountName()).isEmpty();
            assertThat(contract.extension("x_BillingAccountOmitted")).hasValue("true");
            assertThat(contract.subAccountId()).hasValue("contract_77f1");
            assertThat(contract.billedCost()).hasValue(new BigDecimal("12.34"));
        }

        @Test
        @DisplayName("a Correction keeps its class and its negative cost")
        void correction() {
            UsageRecord correction = records("cost-grouped.json").get(4);
            assertThat(correction.chargeClass()).hasValue(ChargeClass.CORRECTION);
            assertThat(correction.billedCost()).hasValue(new BigDecimal("-0.50"));
            assertThat(correction.pricingQuantity()).hasValue(new BigDecimal("-1.666666666666667"));
        }
    }

    @Nested
    @DisplayName("the request body")
    class Body {

        @Test
        @DisplayName("carries the window, Metric cost, the filters and the grouping, PascalCase, nothing empty")
        void fullBody() {
            Map<String, String> options = Map.of(
                    "group_by", "tag:team, account",
                    "tag_filter", "team=payments|search;pci=",
                    "product_family_ids", "3F1B2C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D");
            QueryShape shape = QueryShape.parse(name -> Optional.ofNullable(options.get(name)));
            String json = shape.body(LocalDate.parse("2026-07-01"), LocalDate.parse("2026-08-01"), "cost",
                    List.of("workers_standard_requests", "r2_class_a_operations")).toJson();
            assertThat(json).isEqualTo("{\"TimePeriod\":{\"From\":\"2026-07-01\",\"To\":\"2026-08-01\"},\"Metric\":\"cost\","
                    + "\"FilterBy\":{\"MetricIds\":[\"workers_standard_requests\",\"r2_class_a_operations\"],"
                    + "\"ProductFamilyIds\":[\"3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\"],"
                    + "\"Tags\":[{\"Key\":\"team\",\"Values\":[\"payments\",\"search\"]},{\"Key\":\"pci\",\"Values\":[\"\"]}]},"
                    + "\"GroupBy\":[{\"Type\":\"tag\",\"Key\":\"team\"},{\"Type\":\"dimension\",\"Key\":\"account\"}]}");
        }

        @Test
        @DisplayName("without filters or grouping is just the window and the metric")
        void minimalBody() {
            assertThat(QueryShape.NONE.body(LocalDate.parse("2026-07-01"), LocalDate.parse("2026-07-02"), "cost", List.of())
                    .toJson()).isEqualTo("{\"TimePeriod\":{\"From\":\"2026-07-01\",\"To\":\"2026-07-02\"},\"Metric\":\"cost\"}");
        }

        @Test
        @DisplayName("refuses three grouping keys, a repeated key, a malformed tag filter and a product family that is no UUID")
        void badOptions() {
            assertThatThrownBy(() -> QueryShape.parseGroupBy("tag:a,tag:b,zone")).hasMessageContaining("at most 2");
            assertThatThrownBy(() -> QueryShape.parseGroupBy("zone,ZONE")).hasMessageContaining("twice");
            assertThatThrownBy(() -> QueryShape.parseGroupBy("tag:")).hasMessageContaining("needs a tag key");
            assertThatThrownBy(() -> QueryShape.parseTagFilter("team")).hasMessageContaining("key=value");
            assertThatThrownBy(() -> QueryShape.parseTagFilter("team=a;team=b")).hasMessageContaining("twice");
            assertThatThrownBy(() -> QueryShape.parseProductFamilies("workers")).hasMessageContaining("not a UUID");
        }

        @Test
        @DisplayName("a query's options replace the source's, key by key")
        void queryOverrides() {
            QueryShape source = new QueryShape(QueryShape.parseGroupBy("tag:team"), QueryShape.parseTagFilter("env=prod"),
                    List.of());
            QueryShape effective = source.with(Map.of("group_by", "zone"));
            assertThat(effective.groupBy()).containsExactly(new UsageQueryBody.GroupBy("dimension", "zone"));
            assertThat(effective.tagFilters()).isEqualTo(source.tagFilters());
            assertThat(effective.describeGrouping()).isEqualTo("group_by=zone and tag_filter=env=prod");
        }
    }

    @Nested
    @DisplayName("refusals")
    class Refusals {
        private final QueryShape grouped = new QueryShape(QueryShape.parseGroupBy("tag:team"), List.of(), List.of());

        @Test
        @DisplayName("a 400 to a grouped query is a request error naming the grouping")
        void groupingRefused() {
            UsageException e = CostErrors.translate(new RequestException("cloudflare", 400, "8a1b",
                    "tag grouping is not supported for this usage data source [code 10000]", null), ACCOUNT, grouped);
            assertThat(e).isExactlyInstanceOf(RequestException.class).hasMessageContaining("group_by=tag:team")
                    .hasMessageContaining("tag grouping is not supported").hasMessageContaining("HTTP 400");
            assertThat(e.requestId()).hasValue("8a1b");
        }

        @Test
        @DisplayName("a 404 or 405 to the POST, or a 400 naming Metric, says costs are unavailable and names dataset=usage")
        void costUnavailable() {
            for (int status : new int[] {404, 405}) {
                UsageException e = CostErrors.translate(new RequestException("cloudflare", status, null, "Not Found", null),
                        ACCOUNT, QueryShape.NONE);
                assertThat(e).isInstanceOf(UnsupportedQueryException.class).hasMessageContaining("?dataset=usage");
                assertThat(e.httpStatus()).hasValue(status);
            }
            UsageException metric = CostErrors.translate(new RequestException("cloudflare", 400, null,
                    "unknown field \"Metric\" in request body [code 10001]", null), ACCOUNT, grouped);
            assertThat(metric).isInstanceOf(UnsupportedQueryException.class).hasMessageContaining("dataset=usage");
        }

        @Test
        @DisplayName("other failures pass unchanged: a 400 naming MetricIds, a 400 without grouping, a 403")
        void othersUnchanged() {
            RequestException metricIds = new RequestException("cloudflare", 400, null, "MetricIds values must be unique", null);
            assertThat(CostErrors.translate(metricIds, ACCOUNT, QueryShape.NONE)).isSameAs(metricIds);
            RequestException range = new RequestException("cloudflare", 400, null, "range over 31 days", null);
            assertThat(CostErrors.translate(range, ACCOUNT, QueryShape.NONE)).isSameAs(range);
            UsageException auth = new io.usage4j.core.AuthenticationException("cloudflare", 403, null, "denied", null);
            assertThat(CostErrors.translate(auth, ACCOUNT, grouped)).isSameAs(auth);
        }
    }

    @Nested
    @DisplayName("the metric catalogue")
    class Catalogue {

        @Test
        @DisplayName("reads id and name from the inferred fields and keeps every other field, arrays joined")
        void items() {
            List<JsonNode> items = Fixtures.decode(Fixtures.text("billable-metrics.json"),
                    new TypeReference<CloudflareEnvelope<JsonNode>>() {}).result();
            List<MetricDescription> metrics = items.stream().map(MetricCatalogue::fromItem).toList();
            assertThat(metrics).extracting(MetricDescription::id).containsExactly("workers_standard_requests",
                    "r2_class_a_operations");
            assertThat(metrics.get(0).name()).hasValue("Workers Standard Requests");
            assertThat(metrics.get(0).attributes().keySet()).containsExactly("x_ProductFamilyId", "x_ProductFamilyName",
                    "DimensionKeys");
            assertThat(metrics.get(0).attributes()).containsEntry("x_ProductFamilyId", "3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
                    .containsEntry("x_ProductFamilyName", "Workers").containsEntry("DimensionKeys", "account");
            assertThat(metrics.get(1).attributes()).containsEntry("DimensionKeys", "account,zone");
        }

        @Test
        @DisplayName("an item without the id field is unreadable, naming the inferred field and the fields it has")
        void noId() {
            JsonNode item = Fixtures.decode("{\"MetricId\":\"x\",\"DimensionKeys\":[]}", new TypeReference<JsonNode>() {});
            assertThatThrownBy(() -> MetricCatalogue.fromItem(item)).isInstanceOf(UnreadableResponseException.class)
                    .hasMessageContaining("x_BillableMetricId").hasMessageContaining("inferred").hasMessageContaining("MetricId");
        }
    }
}
