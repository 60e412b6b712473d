package io.usage4j.provider.fastly;

import static org.assertj.core.api.Assertions.assertThat;

import io.usage4j.core.UsageSource;
import io.usage4j.core.UsageView;
import io.usage4j.spi.UsageSources;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What usage a Fastly source declares it describes, so that overlapping sources are never summed together. */
@DisplayName("the Fastly usage view")
class FastlyUsageViewTest {

    private static UsageView viewOf(String url) {
        try (UsageSource source = UsageSources.builder().environment(name -> null).build()
                .openSource(url, Map.of("token", "view-test-token"))) {
            return source.capabilities().view().orElseThrow();
        }
    }

    @Test
    @DisplayName("the monthly and the service-level datasets of one customer are two views of the same usage, with different source keys")
    void sameUsageTwoSources() {
        UsageView first = viewOf("usage:fastly:x4xCwxxJxGCx123Rx5xTx");
        UsageView second = viewOf("usage:fastly:x4xCwxxJxGCx123Rx5xTx?dataset=services");
        assertThat(first.sourceKey()).isEqualTo("fastly:x4xCwxxJxGCx123Rx5xTx:usage:monthly");
        assertThat(second.sourceKey()).isEqualTo("fastly:x4xCwxxJxGCx123Rx5xTx:usage:services");
        assertThat(first.overlaps(second)).isTrue();
    }

    @Test
    @DisplayName("another customer is other usage")
    void otherAccount() {
        assertThat(viewOf("usage:fastly:x4xCwxxJxGCx123Rx5xTx").overlaps(viewOf("usage:fastly:otherCustomer1"))).isFalse();
    }
}
