package io.usage4j.provider.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import io.usage4j.core.UsageSource;
import io.usage4j.core.UsageView;
import io.usage4j.spi.UsageSources;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What usage a Cloudflare source declares it describes, so that overlapping sources are never summed together. */
@DisplayName("the Cloudflare usage view")
class CloudflareUsageViewTest {

    private static UsageView viewOf(String url) {
        try (UsageSource source = UsageSources.builder().environment(name -> null).build()
                .openSource(url, Map.of("token", "view-test-token"))) {
            return source.capabilities().view().orElseThrow();
        }
    }

    @Test
    @DisplayName("costs, usage-only and PayGo usage of one account are three views of the same usage, with different source keys")
    void sameUsageTwoSources() {
        UsageView cost = viewOf("usage:cloudflare:023e105f4ecef8ad9ca31a8372d0c353");
        UsageView usage = viewOf("usage:cloudflare:023e105f4ecef8ad9ca31a8372d0c353?dataset=usage");
        UsageView paygo = viewOf("usage:cloudflare:023e105f4ecef8ad9ca31a8372d0c353?dataset=paygo");
        assertThat(cost.sourceKey()).isEqualTo("cloudflare:023e105f4ecef8ad9ca31a8372d0c353:usage:cost");
        assertThat(usage.sourceKey()).isEqualTo("cloudflare:023e105f4ecef8ad9ca31a8372d0c353:usage:usage");
        assertThat(paygo.sourceKey()).isEqualTo("cloudflare:023e105f4ecef8ad9ca31a8372d0c353:usage:paygo");
        assertThat(cost.overlaps(usage)).isTrue();
        assertThat(cost.overlaps(paygo)).isTrue();
    }

    @Test
    @DisplayName("another account is other usage")
    void otherAccount() {
        assertThat(viewOf("usage:cloudflare:023e105f4ecef8ad9ca31a8372d0c353").overlaps(viewOf("usage:cloudflare:11111111111111111111111111111111"))).isFalse();
    }
}
