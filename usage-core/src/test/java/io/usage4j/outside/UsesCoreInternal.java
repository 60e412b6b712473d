package io.usage4j.outside;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.internal.FocusValues;

/** Breaks the internal-package rule on purpose: code outside core using io.usage4j.core.internal. Test-only. */
public final class UsesCoreInternal {
    private UsesCoreInternal() {}

    public static ChargeCategory parse(String value) {
        return FocusValues.parse(ChargeCategory.values(), value, "ChargeCategory");
    }
}
