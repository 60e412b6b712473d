package io.usage4j.provider.fastly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageRecord;
import io.usage4j.provider.fastly.internal.FastlyMapper;
import io.usage4j.provider.fastly.internal.MonthlyUsageResponse;
import io.usage4j.provider.fastly.internal.ServiceUsageData;
import io.usage4j.provider.fastly.internal.ServiceUsageResponse;
import io.usage4j.provider.fastly.internal.UsageMetric;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FastlyMapperTest {

    @Nested
    class MonthlyUsage {

        @Test
        void mapsEveryDocumentedFieldOfTheDataListShape() {
            MonthlyUsageResponse response = Fixtures.read(Fixtures.text("usage-metrics.json"), MonthlyUsageResponse.class);

            assertThat(response.failure()).isNull();
            List<UsageRecord> records = response.metrics().stream().map(m -> FastlyMapper.monthly(m, null)).toList();

            assertThat(records).hasSize(2);
            UsageRecord bandwidth = records.get(1);
            assertThat(bandwidth.chargePeriodStart()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
            assertThat(bandwidth.chargePeriodEnd()).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
            assertThat(bandwidth.serviceName()).contains("cdn_usage");
            assertThat(bandwidth.skuMeter()).contains("North America Bandwidth");
            assertThat(bandwidth.chargeDescription()).contains("North America Bandwidth");
            assertThat(bandwidth.regionName()).contains("North America");
            assertThat(bandwidth.regionId()).isEmpty();
            assertThat(bandwidth.consumedUnit()).contains("gb");
            // exact, scale kept: the JSON says 1532.270
            assertThat(bandwidth.consumedQuantity().map(BigDecimal::toPlainString)).contains("1532.270");
            assertThat(bandwidth.extensions()).containsExactly(
                    Map.entry("x_RawQuantity", "1645262159872"),
                    Map.entry("x_LastUpdatedAt", "2024-06-01"));
            assertThat(bandwidth.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
            assertThat(bandwidth.chargeFrequency()).contains(ChargeFrequency.USAGE_BASED);
            assertThat(bandwidth.providerName()).contains("Fastly");
            assertThat(bandwidth.serviceProviderName()).contains("Fastly");
            // Fastly reports quantities only: no cost, price or currency is invented
            assertThat(bandwidth.billedCost()).isEmpty();
            assertThat(bandwidth.effectiveCost()).isEmpty();
            assertThat(bandwidth.listUnitPrice()).isEmpty();
            assertThat(bandwidth.billingCurrency()).isEmpty();
            assertThat(bandwidth.pricingQuantity()).isEmpty();
            // Usagemetric carries no customer id
            assertThat(bandwidth.billingAccountId()).isEmpty();

            UsageRecord requests = records.get(0);
            assertThat(requests.consumedQuantity()).contains(new BigDecimal("1250000000"));
            assertThat(requests.consumedUnit()).contains("unit");
        }

        @Test
        void takesTheBillingAccountFromTheUrlsCustomerId() {
            UsageMetric metric = new UsageMetric("2025-02", "Europe Requests", null, null, null, null, null, null, null);

            UsageRecord record = FastlyMapper.monthly(metric, "x4xCwxxJxGCx123Rx5xTx");

            assertThat(record.billingAccountId()).isEqualTo("x4xCwxxJxGCx123Rx5xTx");
            assertThat(record.consumedQuantity()).isEmpty();
            assertThat(record.consumedUnit()).isEmpty();
            assertThat(record.extensions()).isEmpty();
        }

        @Test
        void aUnitWithoutAQuantityIsLeftOutAsFocusRequires() {
            UsageRecord record = FastlyMapper.monthly(
                    new UsageMetric("2025-02", "Europe Requests", null, null, "unit", null, null, null, null), null);

            assertThat(record.consumedQuantity()).isEmpty();
            assertThat(record.consumedUnit()).isEmpty();
        }

        @Test
        void acceptsABareArray() {
            MonthlyUsageResponse response = Fixtures.read(Fixtures.text("usage-metrics-bare-array.json"), MonthlyUsageResponse.class);

            assertThat(response.metrics()).singleElement().satisfies(metric -> {
                assertThat(metric.usageType()).isEqualTo("Europe Bandwidth");
                assertThat(metric.quantity().toPlainString()).isEqualTo("0.50");
                assertThat(metric.rawQuantity().toPlainString()).isEqualTo("536870912");
            });
        }

        @Test
        void acceptsABareUsagemetricObject() {
            MonthlyUsageResponse response = Fixtures.read(Fixtures.text("usage-metrics-bare-object.json"), MonthlyUsageResponse.class);

            assertThat(response.failure()).isNull();
            assertThat(response.metrics()).singleElement().satisfies(metric -> {
                assertThat(metric.month()).isEqualTo("2025-02");
                assertThat(metric.usageType()).isEqualTo("Europe Requests");
                assertThat(metric.quantity()).isEqualTo(new BigDecimal("42"));
            });
        }

        @Test
        void acceptsASingleObjectAsData() {
            MonthlyUsageResponse response = Fixtures.read(
                    "{\"data\": {\"month\": \"2025-03\", \"usage_type\": \"Asia Bandwidth\", \"quantity\": 2.000}}",
                    MonthlyUsageResponse.class);

            assertThat(response.metrics()).singleElement().satisfies(metric ->
                    assertThat(metric.quantity().toPlainString()).isEqualTo("2.000"));
        }

        @Test
        void anEmptyDataListIsAnEmptyResult() {
            MonthlyUsageResponse response = Fixtures.read("{\"data\": [], \"meta\": {}}", MonthlyUsageResponse.class);

            assertThat(response.metrics()).isEmpty();
            assertThat(response.failure()).isNull();
        }

        @Test
        void anErrorBodyIsAFailureNotAnEmptyResult() {
            MonthlyUsageResponse response = Fixtures.read(Fixtures.text("error-400.json"), MonthlyUsageResponse.class);

            assertThat(response.metrics()).isNull();
            assertThat(response.failure()).isNotNull();
            assertThat(response.failure().message()).isEqualTo("Bad Request");
            assertThat(response.failure().code()).isEqualTo("invalid_month_range");
        }

        @Test
        void anObjectWithNeitherDataNorAMetricIsUnreadable() {
            MonthlyUsageResponse response = Fixtures.read("{\"something\": 1}", MonthlyUsageResponse.class);

            assertThat(response.metrics()).isNull();
            assertThat(response.failure()).isNull();
        }

        @Test
        void aMonthNotInTheDocumentedFormIsUnreadable() {
            UsageMetric metric = new UsageMetric("May 2024", "x", null, null, null, null, null, null, null);

            assertThatThrownBy(() -> FastlyMapper.monthly(metric, null))
                    .isInstanceOf(UnreadableResponseException.class)
                    .hasMessageContaining("May 2024")
                    .hasMessageContaining("YYYY-MM");
            assertThatThrownBy(() -> FastlyMapper.month("2024-13")).isInstanceOf(UnreadableResponseException.class);
            assertThatThrownBy(() -> FastlyMapper.month(null)).isInstanceOf(UnreadableResponseException.class);
        }

        @Test
        void decemberEndsAtTheNextNewYear() {
            UsageRecord record = FastlyMapper.monthly(
                    new UsageMetric("2024-12", "x", null, null, null, null, null, null, null), null);

            assertThat(record.chargePeriodStart()).isEqualTo(Instant.parse("2024-12-01T00:00:00Z"));
            assertThat(record.chargePeriodEnd()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        }
    }

    @Nested
    class ServiceUsage {

        @Test
        void mapsEveryDocumentedFieldOfTheNestedShape() {
            ServiceUsageResponse response = Fixtures.read(Fixtures.text("service-usage-page1.json"), ServiceUsageResponse.class);

            assertThat(response.failure()).isNull();
            assertThat(response.nextCursors()).containsExactly("eyJzIjoiMjAyNS0wMSIsIm8iOjJ9");
            ServiceUsageData block = response.blocks().get(0);
            List<UsageRecord> records = block.details().stream()
                    .map(d -> FastlyMapper.service(block, d, YearMonth.of(2025, 1), "cdn_usage", "North America Bandwidth", null))
                    .toList();

            assertThat(records).hasSize(2);
            UsageRecord api = records.get(1);
            assertThat(api.billingAccountId()).isEqualTo("x4xCwxxJxGCx123Rx5xTx");
            assertThat(api.chargePeriodStart()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
            assertThat(api.chargePeriodEnd()).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
            assertThat(api.serviceName()).contains("cdn_usage");
            assertThat(api.skuMeter()).contains("North America Bandwidth");
            assertThat(api.resourceId()).contains("7i6HN3TK9wS159v2gPAZ8A");
            assertThat(api.resourceName()).contains("api.example.com");
            assertThat(api.consumedQuantity().map(BigDecimal::toPlainString)).contains("1.30");
            assertThat(api.consumedUnit()).contains("gb");
            assertThat(api.extensions()).containsExactly(
                    Map.entry("x_BillingCycleStart", "2025-01-01T00:00:00Z"),
                    Map.entry("x_BillingCycleEnd", "2025-01-31T23:59:59Z"));
            assertThat(api.billedCost()).isEmpty();
            assertThat(api.billingCurrency()).isEmpty();
        }

        @Test
        void theLastPageHasNoCursor() {
            ServiceUsageResponse response = Fixtures.read(Fixtures.text("service-usage-page3.json"), ServiceUsageResponse.class);

            assertThat(response.nextCursors()).isEmpty();
            assertThat(response.blocks()).singleElement().satisfies(block ->
                    assertThat(block.details()).singleElement().satisfies(detail ->
                            assertThat(detail.usageUnits().toPlainString()).isEqualTo("75.125")));
        }

        @Test
        void acceptsAListOfBlocksWithTheCursorAtTheTopLevel() {
            ServiceUsageResponse response = Fixtures.read(Fixtures.text("service-usage-list-shape.json"), ServiceUsageResponse.class);

            assertThat(response.blocks()).extracting(ServiceUsageData::usageType)
                    .containsExactly("North America Requests", "Europe Requests");
            assertThat(response.nextCursors()).containsExactly("b2xkLXN0eWxlLWN1cnNvcg==");
        }

        @Test
        void usesTheRequestedUsageTypeAndTheUrlsCustomerWhenTheResponseOmitsThem() {
            ServiceUsageResponse response = Fixtures.read(
                    "{\"data\": {\"details\": [{\"service_id\": \"s1\", \"usage_units\": 3}]}}", ServiceUsageResponse.class);
            ServiceUsageData block = response.blocks().get(0);

            UsageRecord record = FastlyMapper.service(block, block.details().get(0), YearMonth.of(2025, 2),
                    "cdn_usage", "Europe Requests", "cust1");

            assertThat(record.skuMeter()).contains("Europe Requests");
            assertThat(record.billingAccountId()).isEqualTo("cust1");
            assertThat(record.resourceName()).isEqualTo(Optional.empty());
            assertThat(record.consumedUnit()).isEmpty();
            assertThat(record.extensions()).isEmpty();
        }

        @Test
        void anErrorBodyIsAFailureNotAnEmptyPage() {
            ServiceUsageResponse response = Fixtures.read(Fixtures.text("error-msg.json"), ServiceUsageResponse.class);

            assertThat(response.blocks()).isNull();
            assertThat(response.failure()).isNotNull();
            assertThat(response.failure().message())
                    .isEqualTo("Provided credentials are missing or invalid: Fastly-Key header missing");
        }

        @Test
        void disagreeingCursorsAreAllReported() {
            ServiceUsageResponse response = Fixtures.read(
                    "{\"data\": {\"details\": [], \"meta\": {\"next_cursor\": \"a\"}}, \"meta\": {\"next_cursor\": \"b\"}}",
                    ServiceUsageResponse.class);

            assertThat(response.nextCursors()).containsExactlyInAnyOrder("a", "b");
        }
    }
}
