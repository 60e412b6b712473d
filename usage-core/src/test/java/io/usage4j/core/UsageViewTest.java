package io.usage4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("a usage view")
class UsageViewTest {
    private static final UsageView MONTHLY = UsageView.of("fastly", "x4xC", "usage", "monthly");
    private static final UsageView SERVICES = UsageView.of("fastly", "x4xC", "usage", "services");

    @Nested
    @DisplayName("overlap")
    class Overlap {

        @Test
        @DisplayName("two datasets of the same usage of one account overlap, and a view overlaps itself")
        void sameUsageOverlaps() {
            assertThat(MONTHLY.overlaps(SERVICES)).isTrue();
            assertThat(SERVICES.overlaps(MONTHLY)).isTrue();
            assertThat(MONTHLY.overlaps(MONTHLY)).isTrue();
        }

        @Test
        @DisplayName("another account, provider or usage does not overlap")
        void otherUsageDoesNot() {
            assertThat(MONTHLY.overlaps(UsageView.of("fastly", "other", "usage", "monthly"))).isFalse();
            assertThat(MONTHLY.overlaps(UsageView.of("fastly", null, "usage", "monthly"))).isFalse();
            assertThat(MONTHLY.overlaps(UsageView.of("cloudflare", "x4xC", "usage", "monthly"))).isFalse();
            assertThat(MONTHLY.overlaps(UsageView.of("fastly", "x4xC", "invoices", "monthly"))).isFalse();
        }

        @Test
        @DisplayName("two views without an account (the credential's own) are taken as one account")
        void credentialAccountsOverlap() {
            assertThat(UsageView.of("fastly", null, "usage", "monthly").overlaps(UsageView.of("fastly", null, "usage", "services")))
                    .isTrue();
        }
    }

    @Nested
    @DisplayName("identity")
    class Identity {

        @Test
        @DisplayName("the source key tells two views of the same usage apart")
        void sourceKey() {
            assertThat(MONTHLY.sourceKey()).isEqualTo("fastly:x4xC:usage:monthly");
            assertThat(SERVICES.sourceKey()).isEqualTo("fastly:x4xC:usage:services");
            assertThat(UsageView.of("fastly", null, "usage", "monthly").sourceKey()).isEqualTo("fastly::usage:monthly");
            assertThat(MONTHLY).isEqualTo(UsageView.of("fastly", "x4xC", "usage", "monthly")).isNotEqualTo(SERVICES);
            assertThat(MONTHLY).hasToString("usage of fastly account x4xC (monthly)");
        }

        @Test
        @DisplayName("a part that would break the key is refused, naming it")
        void badParts() {
            assertThatThrownBy(() -> UsageView.of("fastly", "a:b", "usage", "monthly"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accountId").hasMessageContaining("'a:b'");
            assertThatThrownBy(() -> UsageView.of("fastly", "x", " ", "monthly"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name must not be blank");
            assertThatThrownBy(() -> UsageView.of("fastly", "x", "usage", "a b"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variant");
            assertThatThrownBy(() -> UsageView.of(null, "x", "usage", "monthly")).isInstanceOf(NullPointerException.class);
        }

        @Test
        @DisplayName("capabilities carry no view unless the source declares one")
        void capabilitiesDefault() {
            SourceCapabilities plain = SourceCapabilities.builder().granularity(Granularity.MONTH)
                    .windowUnit(WindowUnit.CALENDAR_MONTHS).build();
            assertThat(plain.view()).isEmpty();
            SourceCapabilities declared = SourceCapabilities.builder().from(plain).view(SERVICES).build();
            assertThat(declared.view()).contains(SERVICES);
            assertThat(declared.windowUnit()).isEqualTo(WindowUnit.CALENDAR_MONTHS);
        }
    }
}
