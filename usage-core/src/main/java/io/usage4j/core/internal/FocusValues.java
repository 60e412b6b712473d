package io.usage4j.core.internal;

import io.usage4j.core.FocusValue;
import java.util.Arrays;
import java.util.Objects;

/** Parsing shared by the FOCUS enums. */
public final class FocusValues {
    private FocusValues() {}

    /** The constant among {@code candidates} spelled {@code value}, or a clear error listing the allowed ones. */
    public static <E extends FocusValue> E parse(E[] candidates, String value, String column) {
        Objects.requireNonNull(value, "value is null");
        for (E candidate : candidates) {
            if (candidate.focusValue().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a FOCUS " + column + "; allowed: "
                + Arrays.stream(candidates).map(FocusValue::focusValue).toList());
    }
}
