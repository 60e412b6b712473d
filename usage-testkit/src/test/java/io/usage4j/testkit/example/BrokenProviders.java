package io.usage4j.testkit.example;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import feign.Response;
import io.usage4j.core.AuthenticationException;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.kit.HttpKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plugins broken on purpose, one fault each; the conformance suite must fail each of them. */
public final class BrokenProviders {
    private BrokenProviders() {}

    private static boolean retryable(int status) {
        return status == 429 || status >= 500;
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
        protected Response send(ExampleClient client, String account, Window window, String cursor) {
            Response response = super.send(client, account, window, cursor);
            if (response.status() == 401) {
                response.close();
                throw new AuthenticationException(id(), 401, null, "the API refused token " + token, null);
            }
            return response;
        }
    }

    /** Retries a 400 three times by itself. */
    public static final class RetriesBadRequest extends ExampleUsageSourceProvider {
        @Override
        public String id() {
            return "example-retry400";
        }

        @Override
        protected Response send(ExampleClient client, String account, Window window, String cursor) {
            Response response = super.send(client, account, window, cursor);
            for (int attempt = 1; attempt < 3 && response.status() == 400; attempt++) {
                response.close();
                response = super.send(client, account, window, cursor);
            }
            return response;
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
        protected Response send(ExampleClient client, String account, Window window, String cursor) {
            Response response = super.send(client, account, window, cursor);
            for (int attempt = 1; attempt < 3 && retryable(response.status()); attempt++) {
                response.close();
                response = super.send(client, account, window, cursor);
            }
            return response;
        }
    }

    /** Ends the stream quietly when a page fails, as if the data were complete. */
    public static final class Truncating extends ExampleUsageSourceProvider {
        @Override
        public String id() {
            return "example-truncating";
        }

        @Override
        protected Response send(ExampleClient client, String account, Window window, String cursor) {
            Response response = super.send(client, account, window, cursor);
            if (response.status() >= 400) {
                response.close();
                return Response.builder().status(200).reason("OK").request(response.request()).headers(Map.of())
                        .body("{\"items\": []}", StandardCharsets.UTF_8).build();
            }
            return response;
        }
    }

    /** Returns every item twice, as a source that maps a total and its breakdown both would: its rows sum to twice the truth. */
    public static final class DoubleCounting extends ExampleUsageSourceProvider {
        @Override
        public String id() {
            return "example-double";
        }

        private static final ObjectMapper EXACT = new ObjectMapper()
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

        @Override
        protected Response send(ExampleClient client, String account, Window window, String cursor) {
            Response response = super.send(client, account, window, cursor);
            if (response.status() >= 400 || response.body() == null) {
                return response;
            }
            try (response) {
                ObjectNode page = (ObjectNode) EXACT.readTree(response.body().asInputStream());
                ArrayNode items = (ArrayNode) page.get("items");
                ArrayNode twice = items.deepCopy().addAll(items.deepCopy());
                page.set("items", twice);
                return Response.builder().status(response.status()).reason(response.reason()).request(response.request())
                        .headers(Map.of()).body(EXACT.writeValueAsString(page), StandardCharsets.UTF_8).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
