package io.usage4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageRecordTest {

    @Test
    void minimalRecordHasOnlyWhatWasGiven() {
        UsageRecord record = TestRecords.minimal().build();

        assertThat(record.billingAccountId()).isEqualTo("acct-1");
        assertThat(record.billedCost()).isEmpty();
        assertThat(record.billingCurrency()).isEmpty();
        assertThat(record.billingPeriodStart()).isEmpty();
        assertThat(record.tags()).isEmpty();
        assertThat(record.extensions()).isEmpty();
    }

    @Test
    void chargePeriodStartMustBeBeforeEnd() {
        assertThatThrownBy(() -> TestRecords.minimal().chargePeriodEnd(TestRecords.DAY_START).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ChargePeriodStart 2025-01-01T00:00:00Z must be before ChargePeriodEnd 2025-01-01T00:00:00Z");
        assertThatThrownBy(() -> TestRecords.minimal()
                        .chargePeriodStart(TestRecords.DAY_END).chargePeriodEnd(TestRecords.DAY_START).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be before ChargePeriodEnd");
        assertThat(TestRecords.minimal().chargePeriodEnd(TestRecords.DAY_START.plusSeconds(1)).build().chargePeriodEnd())
                .isEqualTo(Instant.parse("2025-01-01T00:00:01Z"));
    }

    @Test
    void billingPeriodIsBothOrNeither() {
        assertThatThrownBy(() -> TestRecords.minimal().billingPeriodStart(TestRecords.DAY_START).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BillingPeriodStart and BillingPeriodEnd must be given together");
        assertThatThrownBy(() -> TestRecords.minimal().billingPeriodEnd(TestRecords.DAY_END).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be given together");
        UsageRecord both = TestRecords.minimal().billingPeriodStart(TestRecords.DAY_START)
                .billingPeriodEnd(TestRecords.DAY_END).build();
        assertThat(both.billingPeriodStart()).contains(TestRecords.DAY_START);
        assertThat(both.billingPeriodEnd()).contains(TestRecords.DAY_END);
    }

    @Test
    void billingPeriodMustBeOrdered() {
        assertThatThrownBy(() -> TestRecords.minimal().billingPeriodStart(TestRecords.DAY_END)
                        .billingPeriodEnd(TestRecords.DAY_START).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BillingPeriodStart 2025-01-02T00:00:00Z must be before BillingPeriodEnd 2025-01-01T00:00:00Z");
        assertThatThrownBy(() -> TestRecords.minimal().billingPeriodStart(TestRecords.DAY_START)
                        .billingPeriodEnd(TestRecords.DAY_START).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"USD", "EUR", "JPY", "CHF"})
    void isoCurrenciesAreAccepted(String code) {
        assertThat(TestRecords.minimal().billingCurrency(code).build().billingCurrency()).contains(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "US", "USDT", "ABC", "QQQ", "", "U$D"})
    void nonIsoCurrenciesAreRefused(String code) {
        assertThatThrownBy(() -> TestRecords.minimal().billingCurrency(code).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BillingCurrency '" + code + "' is not an ISO 4217 currency code");
    }

    @Test
    void extensionNamesMustStartWithX() {
        UsageRecord ok = TestRecords.minimal().putExtensions("x_zone_id", "z1").putExtensions("x_Plan2", "pro").build();
        assertThat(ok.extensions()).containsExactly(
                java.util.Map.entry("x_zone_id", "z1"), java.util.Map.entry("x_Plan2", "pro"));
        assertThat(ok.extension("x_zone_id")).contains("z1");
        assertThat(ok.extension("x_missing")).isEmpty();

        for (String bad : new String[] {"zone_id", "X_zone", "x_", "x_zone-id", "x zone", "_x_zone"}) {
            assertThatThrownBy(() -> TestRecords.minimal().putExtensions(bad, "v").build())
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("extension column '" + bad + "' must be named x_");
        }
    }

    @Test
    void extensionsAndTagsKeepTheirOrder() {
        ImmutableUsageRecord.Builder builder = TestRecords.minimal();
        for (int i = 20; i > 0; i--) {
            builder.putExtensions("x_c" + i, String.valueOf(i));
            builder.putTags("k" + i, "v" + i);
        }
        UsageRecord record = builder.build();
        assertThat(record.extensions().keySet()).first().isEqualTo("x_c20");
        assertThat(record.extensions().keySet()).last().isEqualTo("x_c1");
        assertThat(record.tags().keySet()).first().isEqualTo("k20");
        assertThat(record.tags().keySet()).last().isEqualTo("k1");
    }

    @Test
    void nullOptionalSettersMeanAbsent() {
        UsageRecord record = TestRecords.complete()
                .billingAccountName((String) null)
                .billedCost((BigDecimal) null)
                .billingCurrency((String) null)
                .chargeClass((ChargeClass) null)
                .serviceCategory((ServiceCategory) null)
                .billingPeriodStart((Instant) null)
                .billingPeriodEnd((Instant) null)
                .build();

        assertThat(record.billingAccountName()).isEmpty();
        assertThat(record.billedCost()).isEmpty();
        assertThat(record.billingCurrency()).isEmpty();
        assertThat(record.chargeClass()).isEmpty();
        assertThat(record.serviceCategory()).isEmpty();
        assertThat(record.billingPeriodStart()).isEmpty();
        assertThat(record.effectiveCost()).isPresent();
    }

    @Test
    void nullOverwritesAnEarlierValue() {
        UsageRecord record = TestRecords.minimal().skuId("sku").skuId((String) null).build();
        assertThat(record.skuId()).isEmpty();
        assertThat(TestRecords.minimal().skuId(Optional.of("s")).build().skuId()).contains("s");
    }

    @Test
    void requiredFieldsAreRequired() {
        assertThatThrownBy(() -> UsageRecord.builder().chargePeriodStart(TestRecords.DAY_START)
                        .chargePeriodEnd(TestRecords.DAY_END).chargeCategory(ChargeCategory.USAGE).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("billingAccountId");
    }

    @Test
    void bigDecimalsAreKeptExactlyWithTheirScale() {
        BigDecimal cost = new BigDecimal("0.100");
        BigDecimal tiny = new BigDecimal("0.000000000000000000000000001");
        BigDecimal big = new BigDecimal("123456789012345678901234567890.123456789");
        UsageRecord record = TestRecords.minimal().billedCost(cost).listUnitPrice(tiny).consumedQuantity(big)
                .pricingQuantity(new BigDecimal("1E+3")).build();

        assertThat(record.billedCost()).containsSame(cost);
        assertThat(record.billedCost().orElseThrow().scale()).isEqualTo(3);
        assertThat(record.billedCost().orElseThrow().toPlainString()).isEqualTo("0.100");
        assertThat(record.listUnitPrice().orElseThrow().toPlainString()).isEqualTo("0.000000000000000000000000001");
        assertThat(record.consumedQuantity().orElseThrow().toPlainString()).isEqualTo("123456789012345678901234567890.123456789");
        assertThat(record.pricingQuantity().orElseThrow().scale()).isEqualTo(-3);
        assertThat(record.billedCost().orElseThrow()).isNotEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void equalRecordsAreEqual() {
        assertThat(TestRecords.complete().build()).isEqualTo(TestRecords.complete().build());
        assertThat(TestRecords.complete().build()).isNotEqualTo(TestRecords.complete().skuId("x").build());
    }
}
