package io.usage4j.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.RetryPolicy;
import java.util.List;

/** Breaks the public-signature rule on purpose: Jackson and Failsafe types in io.usage4j.spi signatures. Test-only. */
public final class LeaksLibraryTypes {
    private LeaksLibraryTypes() {}

    public static JsonNode tree() {
        return null;
    }

    public static void retry(List<RetryPolicy<String>> policies) {
        policies.clear();
    }

    /** Private members may use anything. */
    private static JsonNode hidden() {
        return tree();
    }

    static JsonNode packagePrivate() {
        return hidden();
    }
}
