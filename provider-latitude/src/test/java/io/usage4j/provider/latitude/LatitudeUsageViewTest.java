package io.usage4j.provider.latitude;

import static org.assertj.core.api.Assertions.assertThat;

import io.usage4j.core.UsageSource;
import io.usage4j.core.UsageView;
import io.usage4j.spi.UsageSources;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What usage a Latitude source declares it describes, so that overlapping sources are never summed together. */
@DisplayName("the Latitude usage view")
class LatitudeUsageViewTest {

    private static UsageView viewOf(String url) {
        try (UsageSource source = UsageSources.builder().environment(name -> null).build()
                .openSource(url, Map.of("token", "view-test-token"))) {
            return source.capabilities().view().orElseThrow();
        }
    }

    @Test
    @DisplayName("a whole project and a filtered one are two views of the same billing, with different source keys")
    void sameUsageTwoSources() {
        UsageView first = viewOf("usage:latitude:proj_r0MK4O4kDa95w");
        UsageView second = viewOf("usage:latitude:proj_r0MK4O4kDa95w?products=si_b,si_a");
        assertThat(first.sourceKey()).isEqualTo("latitude:proj_r0MK4O4kDa95w:billing:all");
        assertThat(second.sourceKey()).isEqualTo("latitude:proj_r0MK4O4kDa95w:billing:products=si_a+si_b");
        assertThat(first.overlaps(second)).isTrue();
    }

    @Test
    @DisplayName("another project is other usage")
    void otherAccount() {
        assertThat(viewOf("usage:latitude:proj_r0MK4O4kDa95w").overlaps(viewOf("usage:latitude:proj_other"))).isFalse();
    }

    @Test
    @DisplayName("a project id that could not be part of a source key is a configuration error naming it")
    void unusableProjectId() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> viewOf("usage:latitude:proj:x"))
                .isInstanceOf(io.usage4j.core.ConfigurationException.class).hasMessageContaining("'proj:x'");
    }
}
