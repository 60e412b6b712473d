package io.usage4j.core;

import io.usage4j.core.internal.FocusValues;

/** FOCUS PricingCategory: the pricing model used for a charge. */
public enum PricingCategory implements FocusValue {
    STANDARD("Standard"),
    COMMITTED("Committed"),
    DYNAMIC("Dynamic"),
    OTHER("Other");

    private final String focusValue;

    PricingCategory(String focusValue) {
        this.focusValue = focusValue;
    }

    @Override
    public String focusValue() {
        return focusValue;
    }

    /**
     * The constant FOCUS spells {@code value}.
     *
     * @throws IllegalArgumentException if FOCUS allows no such value (the message lists those it allows)
     */
    public static PricingCategory fromFocusValue(String value) {
        return FocusValues.parse(values(), value, "PricingCategory");
    }

    @Override
    public String toString() {
        return focusValue;
    }
}
