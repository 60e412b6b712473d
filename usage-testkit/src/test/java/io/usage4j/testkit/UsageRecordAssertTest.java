package io.usage4j.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.UsageRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class UsageRecordAssertTest {
    private final UsageRecord record = UsageRecord.builder()
            .billingAccountId("acct")
            .chargePeriodStart(LocalDate.parse("2025-05-01").atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
            .chargePeriodEnd(LocalDate.parse("2025-05-02").atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
            .chargeCategory(ChargeCategory.USAGE)
            .consumedQuantity(new BigDecimal("0.10"))
            .consumedUnit("GB")
            .putExtensions("x_ZoneName", "example.com")
            .build();

    @Test
    void passesOnMatchingValues() {
        UsageRecordAssert.assertThat(record)
                .hasChargePeriod(LocalDate.parse("2025-05-01"), LocalDate.parse("2025-05-02"))
                .hasConsumedQuantity("0.10").hasConsumedUnit("GB").hasNoBilledCost()
                .hasExtension("x_ZoneName", "example.com").hasNoExtension("x_Other").isValidFocus();
    }

    @Test
    void quantitiesAreComparedWithTheirScale() {
        assertThatThrownBy(() -> UsageRecordAssert.assertThat(record).hasConsumedQuantity("0.1"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ConsumedQuantity <0.1> but was <0.10>");
    }

    @Test
    void failsOnAWrongPeriodOrAbsentValue() {
        assertThatThrownBy(() -> UsageRecordAssert.assertThat(record)
                .hasChargePeriod(LocalDate.parse("2025-05-01"), LocalDate.parse("2025-05-03")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("charge period");
        assertThatThrownBy(() -> UsageRecordAssert.assertThat(record).hasBilledCost("0"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("BilledCost <0> but was <absent>");
        assertThatThrownBy(() -> UsageRecordAssert.assertThat(record).hasExtension("x_ZoneName", "other.com"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("x_ZoneName");
    }
}
