package io.usage4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceConfigTest {
    private static final String SECRET = "s3cr3t-value-9d";
    private static final List<ProviderProperty> PROPERTIES = List.of(
            ProviderProperty.secret("token", "API token", "P_TOKEN"),
            ProviderProperty.required("account", "account id", "P_ACCOUNT"),
            ProviderProperty.optional("timeout", "timeout"),
            ProviderProperty.optional("retries", "retries"),
            ProviderProperty.optional("verbose", "verbose"),
            ProviderProperty.optional("rate", "rate"));

    private static SourceConfig config(Map<String, String> values) {
        return SourceConfig.of("p", values, PROPERTIES);
    }

    @Test
    void getTrimsAndTreatsBlankAsAbsent() {
        SourceConfig config = config(Map.of("account", "  a1 ", "timeout", "   "));
        assertThat(config.get("account")).contains("a1");
        assertThat(config.get("timeout")).isEmpty();
        assertThat(config.get("nothing")).isEmpty();
        assertThat(config.require("account")).isEqualTo("a1");
        assertThat(config.providerId()).isEqualTo("p");
        assertThat(config.names()).containsExactlyInAnyOrder("account", "timeout");
    }

    @Test
    void requireSaysWhereToSetIt() {
        assertThatThrownBy(() -> config(Map.of()).require("token"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("[p] missing credential: set property 'token' or environment variable P_TOKEN");
        assertThatThrownBy(() -> config(Map.of()).require("account"))
                .hasMessage("[p] missing setting: set property 'account' or environment variable P_ACCOUNT");
        assertThatThrownBy(() -> config(Map.of()).require("undeclared"))
                .hasMessage("[p] missing setting: set property 'undeclared'");
    }

    @Test
    void durationsInEveryDocumentedForm() {
        SourceConfig config = config(Map.of("timeout", "500ms"));
        assertThat(config.durationValue("timeout", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(config(Map.of("timeout", "30s")).durationValue("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config(Map.of("timeout", "2m")).durationValue("timeout", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(config(Map.of("timeout", "1h")).durationValue("timeout", Duration.ZERO)).isEqualTo(Duration.ofHours(1));
        assertThat(config(Map.of("timeout", "10 s")).durationValue("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config(Map.of("timeout", "PT30S")).durationValue("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config(Map.of("timeout", "PT1M30S")).durationValue("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
        assertThat(config(Map.of()).durationValue("timeout", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void badDurationsAreConfigurationErrorsNamingTheValue() {
        for (String bad : new String[] {"soon", "30", "-5s", "5 sec", "PT-5S", "1.5s", "99999999999999999999s", "9999999999999999h"}) {
            assertThatThrownBy(() -> config(Map.of("timeout", bad)).durationValue("timeout", Duration.ZERO))
                    .as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("[p] property 'timeout' must be a duration such as 500ms, 30s, 2m or PT30S (got '" + bad + "')");
        }
    }

    @Test
    void integersWithAMinimum() {
        assertThat(config(Map.of("retries", "3")).intValue("retries", 4, 0)).isEqualTo(3);
        assertThat(config(Map.of("retries", "0")).intValue("retries", 4, 0)).isZero();
        assertThat(config(Map.of()).intValue("retries", 4, 0)).isEqualTo(4);
        for (String bad : new String[] {"-1", "three", "1.5", "99999999999"}) {
            assertThatThrownBy(() -> config(Map.of("retries", bad)).intValue("retries", 4, 0))
                    .as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessage("[p] property 'retries' must be an integer of at least 0 (got '" + bad + "')");
        }
    }

    @Test
    void positiveNumbers() {
        assertThat(config(Map.of("rate", "2.5")).positiveNumber("rate", 1)).isEqualTo(2.5);
        assertThat(config(Map.of()).positiveNumber("rate", 1)).isEqualTo(1);
        for (String bad : new String[] {"0", "-1", "NaN", "Infinity", "fast"}) {
            assertThatThrownBy(() -> config(Map.of("rate", bad)).positiveNumber("rate", 1))
                    .as(bad).isInstanceOf(ConfigurationException.class).hasMessageContaining("must be a positive number");
        }
    }

    @Test
    void booleans() {
        assertThat(config(Map.of("verbose", "true")).booleanValue("verbose", false)).isTrue();
        assertThat(config(Map.of("verbose", "FALSE")).booleanValue("verbose", true)).isFalse();
        assertThat(config(Map.of()).booleanValue("verbose", true)).isTrue();
        for (String bad : new String[] {"yes", "1", "on"}) {
            assertThatThrownBy(() -> config(Map.of("verbose", bad)).booleanValue("verbose", false))
                    .as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessage("[p] property 'verbose' must be true or false (got '" + bad + "')");
        }
    }

    @Test
    void errorsNeverEchoASecret() {
        SourceConfig config = config(Map.of("token", SECRET));
        assertThatThrownBy(() -> config.intValue("token", 1, 0)).isInstanceOf(ConfigurationException.class)
                .hasMessage("[p] property 'token' must be an integer of at least 0").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> config.durationValue("token", Duration.ZERO)).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> config.booleanValue("token", false)).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> config.positiveNumber("token", 1)).hasMessageNotContaining(SECRET);
        assertThat(config.invalid("token", "something").getMessage()).doesNotContain(SECRET);
    }

    @Test
    void toStringMasksSecretsAndSortsNames() {
        SourceConfig config = config(Map.of("token", SECRET, "timeout", "5s", "account", "a1"));
        assertThat(config).hasToString("SourceConfig[p: account=a1, timeout=5s, token=****]");
        assertThat(config(Map.of())).hasToString("SourceConfig[p: ]");
        assertThat(config.isSecret("token")).isTrue();
        assertThat(config.isSecret("account")).isFalse();
        assertThat(config.isSecret("undeclared")).isFalse();
        assertThat(config.secretValues()).containsExactly(SECRET);
        assertThat(config(Map.of("token", " ")).secretValues()).isEmpty();
        assertThat(config(Map.of("token", "  " + SECRET + "\n")).secretValues()).as("as require() hands it out")
                .containsExactly(SECRET);
    }

    @Test
    void nullArgumentsAreRefused() {
        assertThatThrownBy(() -> SourceConfig.of(null, Map.of(), PROPERTIES)).hasMessage("providerId is null");
        assertThatThrownBy(() -> SourceConfig.of("p", null, PROPERTIES)).hasMessage("values is null");
        assertThatThrownBy(() -> SourceConfig.of("p", Map.of(), null)).hasMessage("properties is null");
    }

    enum Speed { SLOW, FAST }

    @Test
    void listValueSplitsTrimsAndDropsEmptyItems() {
        assertThat(config(Map.of("account", " a, b,,a ,c ")).listValue("account")).containsExactly("a", "b", "c");
        assertThat(config(Map.of()).listValue("account")).isEmpty();
    }

    @Test
    void enumValueMatchesALabelOrListsTheChoices() {
        assertThat(config(Map.of("verbose", "Fast")).enumValue("verbose", Speed.class, s -> s.name().toLowerCase(), Speed.SLOW))
                .isEqualTo(Speed.FAST);
        assertThat(config(Map.of()).enumValue("verbose", Speed.class, s -> s.name().toLowerCase(), Speed.SLOW))
                .isEqualTo(Speed.SLOW);
        assertThatThrownBy(() -> config(Map.of("verbose", "warp")).enumValue("verbose", Speed.class,
                s -> s.name().toLowerCase(), Speed.SLOW))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("one of slow, fast").hasMessageContaining("warp");
    }

    @Test
    void queryOptionsOverrideForOneQueryAndBlankClears() {
        SourceConfig config = config(Map.of("account", "a1", "timeout", "5s"));
        SourceConfig view = config.withQueryOptions(Map.of("account", "a2", "timeout", ""));
        assertThat(view.get("account")).contains("a2");
        assertThat(view.get("timeout")).isEmpty();
        assertThat(config.get("account")).contains("a1");
        assertThatThrownBy(() -> config.withQueryOptions(Map.of("retries", "x")).intValue("retries", 1, 0))
                .hasMessageContaining("query option 'retries'");
        assertThat(view.runtime()).isSameAs(config.runtime());
    }
}
