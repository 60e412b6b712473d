package io.usage4j.core;

import io.usage4j.core.internal.FocusValues;

/** FOCUS ChargeCategory: the highest-level classification of a charge. */
public enum ChargeCategory implements FocusValue {
    USAGE("Usage"),
    PURCHASE("Purchase"),
    TAX("Tax"),
    CREDIT("Credit"),
    ADJUSTMENT("Adjustment");

    private final String focusValue;

    ChargeCategory(String focusValue) {
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
    public static ChargeCategory fromFocusValue(String value) {
        return FocusValues.parse(values(), value, "ChargeCategory");
    }

    @Override
    public String toString() {
        return focusValue;
    }
}
