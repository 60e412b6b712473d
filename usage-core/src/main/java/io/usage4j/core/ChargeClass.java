package io.usage4j.core;

import io.usage4j.core.internal.FocusValues;

/** FOCUS ChargeClass: set only on a correction to a previously invoiced billing period. */
public enum ChargeClass implements FocusValue {
    CORRECTION("Correction");

    private final String focusValue;

    ChargeClass(String focusValue) {
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
    public static ChargeClass fromFocusValue(String value) {
        return FocusValues.parse(values(), value, "ChargeClass");
    }

    @Override
    public String toString() {
        return focusValue;
    }
}
