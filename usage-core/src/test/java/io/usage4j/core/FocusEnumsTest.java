package io.usage4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FocusEnumsTest {

    @Test
    void everyConstantRoundTripsThroughItsFocusValue() {
        roundTrip(ChargeCategory.values(), ChargeCategory::fromFocusValue);
        roundTrip(ChargeClass.values(), ChargeClass::fromFocusValue);
        roundTrip(ChargeFrequency.values(), ChargeFrequency::fromFocusValue);
        roundTrip(PricingCategory.values(), PricingCategory::fromFocusValue);
        roundTrip(ServiceCategory.values(), ServiceCategory::fromFocusValue);
    }

    private static <E extends FocusValue> void roundTrip(E[] values, Function<String, E> parse) {
        for (E value : values) {
            assertThat(parse.apply(value.focusValue())).isSameAs(value);
            assertThat(value.toString()).isEqualTo(value.focusValue());
        }
    }

    @Test
    void spellingsAreFocusOnes() {
        assertThat(ChargeFrequency.USAGE_BASED.focusValue()).isEqualTo("Usage-Based");
        assertThat(ChargeFrequency.ONE_TIME.focusValue()).isEqualTo("One-Time");
        assertThat(ServiceCategory.AI_AND_MACHINE_LEARNING.focusValue()).isEqualTo("AI and Machine Learning");
    }

    @Test
    void unknownValuesFailListingTheAllowedOnes() {
        assertThatThrownBy(() -> ChargeCategory.fromFocusValue("usage"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'usage' is not a FOCUS ChargeCategory; allowed: [Usage, Purchase, Tax, Credit, Adjustment]");
        assertThatThrownBy(() -> ChargeClass.fromFocusValue("Refund"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'Refund' is not a FOCUS ChargeClass; allowed: [Correction]");
        assertThatThrownBy(() -> ChargeFrequency.fromFocusValue("USAGE_BASED"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a FOCUS ChargeFrequency; allowed: [One-Time, Recurring, Usage-Based]");
        assertThatThrownBy(() -> PricingCategory.fromFocusValue("On-Demand"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a FOCUS PricingCategory; allowed: [Standard, Committed, Dynamic, Other]");
        assertThatThrownBy(() -> ServiceCategory.fromFocusValue("CDN"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'CDN' is not a FOCUS ServiceCategory; allowed: [AI and Machine Learning");
        assertThatThrownBy(() -> ServiceCategory.fromFocusValue(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChargeCategory.fromFocusValue(null))
                .isInstanceOf(NullPointerException.class).hasMessage("value is null");
    }
}
