package io.usage4j.testkit.example;

import io.usage4j.core.ApplicabilityCriterion;
import io.usage4j.core.AuthenticationException;
import io.usage4j.core.RequestException;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.TransientException;
import io.usage4j.core.UsageException;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.kit.HttpKit;
import io.usage4j.spi.kit.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Plugins broken on purpose, one fault each; the conformance suite must fail each of them. */
public final class BrokenProviders {
    private BrokenProviders() {}

    private static Page<ExamplePage.Item> page(ExampleClient client, String account, Window window, String cursor) {
        ExamplePage page = client.usage(account, window.start().toString(), window.end().toString(), cursor);
        return new Page<>(page.items() == null ? List.of() : page.items(), page.nextCursor());
    }

    /** Puts its token into the message of the authentication error. */
    public static final class LeakyToken extends ExampleUsageSourceProvider {
        private volatile String token;

        @Override
        public String id() {
            return "example-leaky";
        }

        @Override
        protected HttpKit kit(SourceConfig config) {
            token = config.require("api_key");
            return super.kit(config);
        }

        @Override
        protected Stream<ExamplePage.Item> window(HttpKit kit, ExampleClient client, String account, Window window) {
            return kit.pages("usage " + window, cursor -> {
                try {
                    return page(client, account, window, cursor);
                } catch (AuthenticationException e) {
                    throw new AuthenticationException(id(), 401, null, "the API refused token " + token, e);
                }
            });
        }
    }

    /** Retries a 400 three times by itself. */
    public static final class RetriesBadRequest extends ExampleUsageSourceProvider {
        @Override
        public String id() {
            return "example-retry400";
        }

        @Override
        protected Stream<ExamplePage.Item> window(HttpKit kit, ExampleClient client, String account, Window window) {
            return kit.pages("usage " + window, cursor -> {
                RequestException last = null;
                for (int attempt = 0; attempt < 3; attempt++) {
                    try {
                        return page(client, account, window, cursor);
                    } catch (RequestException e) {
                        last = e;
                    }
                }
                throw last;
            });
        }
    }

    /** Turns the kit's retries off and retries at once, ignoring Retry-After and backoff. */
    public static final class IgnoresRetryAfter extends ExampleUsageSourceProvider {
        @Override
        public String id() {
            return "example-no-retry-after";
        }

        @Override
        protected HttpKit kit(SourceConfig config) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : config.names()) {
                config.get(name).ifPresent(value -> values.put(name, value));
            }
            values.put(HttpKit.MAX_RETRIES, "0");
            return super.kit(SourceConfig.of(config.providerId(), values, properties()));
        }

        @Override
        protected Stream<ExamplePage.Item> window(HttpKit kit, ExampleClient client, String account, Window window) {
            return kit.pages("usage " + window, cursor -> {
                TransientException last = null;
                for (int attempt = 0; attempt < 3; attempt++) {
                    try {
                        return page(client, account, window, cursor);
                    } catch (TransientException e) {
                        last = e;
                    }
                }
                throw last;
            });
        }
    }

    /**
     * Claims unit pricing from a public price list, which FOCUS answers with SKU columns, while its
     * records carry a meter and no SKU.
     */
    public static final class OverclaimsCriteria extends ExampleUsageSourceProvider {
        @Override
        public SourceCapabilities capabilities() {
            return SourceCapabilities.builder().from(super.capabilities())
                    .addApplicabilityCriteria(ApplicabilityCriterion.PUBLIC_PRICE_LIST_SUPPORTED, ApplicabilityCriterion.UNIT_PRICING_SUPPORTED)
                    .build();
        }
    }

    /** Ends the stream quietly when a page fails, as if the data were complete. */
    public static final class Truncating extends ExampleUsageSourceProvider {
        @Override
        public String id() {
            return "example-truncating";
        }

        @Override
        protected Stream<ExamplePage.Item> window(HttpKit kit, ExampleClient client, String account, Window window) {
            return kit.pages("usage " + window, cursor -> {
                try {
                    return page(client, account, window, cursor);
                } catch (UsageException e) {
                    return new Page<>(List.of(), null);
                }
            });
        }
    }

    /** Forgets to close its kit, so a closed source still fetches. */
    public static final class NeverCloses extends ExampleUsageSourceProvider {
        @Override
        public String id() {
            return "example-never-closes";
        }

        @Override
        protected void closeKit(HttpKit kit) {
            // the fault: the kit stays open
        }
    }

    /** Correct in every way but missing from META-INF/services. */
    public static final class Unregistered extends ExampleUsageSourceProvider {
        @Override
        public String id() {
            return "example-unregistered";
        }
    }
}
