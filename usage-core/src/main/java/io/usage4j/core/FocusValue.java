package io.usage4j.core;

/** A value from a list that FOCUS fixes, such as a {@link ChargeCategory}. */
public interface FocusValue {
    /** The value exactly as FOCUS spells it, e.g. in a FOCUS CSV. */
    String focusValue();
}
