package io.usage4j.core;

import io.usage4j.core.internal.FocusValues;

/** FOCUS ChargeFrequency: how often a charge occurs. */
public enum ChargeFrequency implements FocusValue {
    ONE_TIME("One-Time"),
    RECURRING("Recurring"),
    USAGE_BASED("Usage-Based");

    private final String focusValue;

    ChargeFrequency(String focusValue) {
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
    public static ChargeFrequency fromFocusValue(String value) {
        return FocusValues.parse(values(), value, "ChargeFrequency");
    }

    @Override
    public String toString() {
        return focusValue;
    }
}
