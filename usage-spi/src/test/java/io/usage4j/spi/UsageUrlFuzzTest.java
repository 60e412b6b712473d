package io.usage4j.spi;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.usage4j.core.ConfigurationException;
import io.usage4j.spi.kit.HttpKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes usage-URL parsing and the typed property getters: only a {@link ConfigurationException} may
 * escape, and a value given as a credential never shows in the text of a URL or a configuration.
 */
class UsageUrlFuzzTest {
    private static final List<ProviderProperty> PROPERTIES = List.of(ProviderProperty.secret("token", "token"),
            ProviderProperty.optional("n", "an integer"), ProviderProperty.optional("d", "a duration"),
            ProviderProperty.optional("b", "a boolean"), ProviderProperty.optional("r", "a rate"),
            ProviderProperty.optional(HttpKit.BASE_URL, "base"));

    @FuzzTest(maxDuration = "5s")
    void parseUrl(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        String shown = UsageUrl.redact(text);
        try {
            UsageUrl url = UsageUrl.parse(text);
            String canonical = url.toString();
            if (!shown.equals(canonical)) {
                throw new IllegalStateException("redact and toString disagree: " + shown + " / " + canonical);
            }
            String token = url.options().get("token");
            if (token != null && token.length() >= 8 && !url.path().contains(token) && !url.provider().contains(token)
                    && url.options().entrySet().stream().noneMatch(e -> !e.getKey().equals("token")
                            && (e.getKey().contains(token) || e.getValue().contains(token)))
                    && canonical.contains(token)) {
                throw new IllegalStateException("a token shows in " + canonical);
            }
        } catch (ConfigurationException expected) {
            // a typed refusal is the contract
        }
    }

    @FuzzTest(maxDuration = "5s")
    void typedProperties(FuzzedDataProvider data) {
        String token = "tok-" + data.consumeString(40);
        Map<String, String> values = Map.of("token", token, "n", data.consumeString(20),
                "d", data.consumeString(30), "b", data.consumeString(10), "r", data.consumeString(20),
                HttpKit.BASE_URL, data.consumeRemainingAsString());
        SourceConfig config = SourceConfig.of("fuzz", values, PROPERTIES);
        // a token also given as another property's value may rightly show as that value
        boolean elsewhere = values.entrySet().stream().anyMatch(e -> !e.getKey().equals("token")
                && e.getValue().contains(token.strip()));
        for (Runnable getter : List.<Runnable>of(() -> config.intValue("n", 1, 0), () -> config.durationValue("d", Duration.ZERO),
                () -> config.booleanValue("b", false), () -> config.positiveNumber("r", 1))) {
            try {
                getter.run();
            } catch (ConfigurationException refused) {
                if (!elsewhere && token.strip().length() >= 8 && refused.getMessage().contains(token.strip())) {
                    throw new IllegalStateException("a message shows the token: " + refused.getMessage());
                }
            }
        }
        try {
            HttpKit.builder(config).defaultBaseUrl("https://api.example.com").build().close();
        } catch (ConfigurationException refused) {
            // a refused base URL is the contract
        }
        if (!elsewhere && token.strip().length() >= 8 && config.toString().contains(token.strip())) {
            throw new IllegalStateException("the configuration's text shows the token: " + config);
        }
    }
}
