package io.usage4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderPropertyTest {

    @Test
    void factoriesSetSecretAndRequired() {
        ProviderProperty secret = ProviderProperty.secret("token", "API token", "A_TOKEN", "B_TOKEN");
        assertThat(secret.secret()).isTrue();
        assertThat(secret.required()).isTrue();
        assertThat(secret.environmentVariables()).containsExactly("A_TOKEN", "B_TOKEN");

        ProviderProperty required = ProviderProperty.required("account_id", "account");
        assertThat(required.secret()).isFalse();
        assertThat(required.required()).isTrue();
        assertThat(required.environmentVariables()).isEmpty();

        ProviderProperty optional = ProviderProperty.optional("base_url", "where");
        assertThat(optional.secret()).isFalse();
        assertThat(optional.required()).isFalse();
    }

    @Test
    void whereToSetNamesThePropertyAndTheVariables() {
        assertThat(ProviderProperty.secret("token", "t", "CLOUDFLARE_API_TOKEN").whereToSet())
                .isEqualTo("property 'token' or environment variable CLOUDFLARE_API_TOKEN");
        assertThat(ProviderProperty.secret("token", "t", "A", "B").whereToSet())
                .isEqualTo("property 'token' or environment variable A / B");
        assertThat(ProviderProperty.optional("dataset", "d").whereToSet()).isEqualTo("property 'dataset'");
    }

    @Test
    void namesAreLowerCaseWithUnderscores() {
        for (String bad : new String[] {"Token", "base-url", "1st", "", "api key", "_x"}) {
            assertThatThrownBy(() -> ProviderProperty.optional(bad, "d"))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("property name '" + bad + "' must be lower case letters, digits and underscores");
        }
        assertThat(ProviderProperty.optional("max_retries2", "d").name()).isEqualTo("max_retries2");
    }

    @Test
    void variablesAreCopied() {
        List<String> variables = new ArrayList<>(List.of("A"));
        ProviderProperty property = new ProviderProperty("token", "t", true, true, variables);
        variables.add("B");
        assertThat(property.environmentVariables()).containsExactly("A");
        assertThatThrownBy(() -> new ProviderProperty(null, "t", true, true, List.of())).hasMessage("name is null");
        assertThatThrownBy(() -> new ProviderProperty("n", null, true, true, List.of())).hasMessage("description is null");
        assertThatThrownBy(() -> new ProviderProperty("n", "t", true, true, null)).hasMessage("environmentVariables is null");
    }
}
