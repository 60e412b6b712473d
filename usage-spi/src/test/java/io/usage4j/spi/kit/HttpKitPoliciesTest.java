package io.usage4j.spi.kit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import feign.RequestLine;
import io.usage4j.core.RateLimitedException;
import io.usage4j.core.TransientException;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.SourceRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The kit's request policies")
class HttpKitPoliciesTest {
    private WireMockServer server;
    /** The runtime's clock: it moves only when the runtime's sleeper "waits". */
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    /** The test API. */
    public interface Api {
        @RequestLine("GET /r")
        Map<String, Object> r();
    }

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpKit kit(DoubleSupplier random, String... properties) {
        Map<String, String> values = new HashMap<>();
        values.put(HttpKit.BASE_URL, server.baseUrl());
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        SourceRuntime runtime = new SourceRuntime(clock, wait -> {
            sleeps.add(wait);
            clock.advance(wait);
        }, random);
        SourceConfig config = SourceConfig.of("test", values, HttpKit.commonProperties(), runtime);
        return HttpKit.builder(config).defaultBaseUrl("https://example.com").build();
    }

    private static int status(HttpKit kit) {
        Api api = kit.client(Api.class);
        // an error status throws from the client; a decoded body means 200
        return kit.call("test request", () -> api.r() != null ? 200 : 0);
    }

    private void answers(int... statuses) {
        String state = STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = i == statuses.length - 1 ? state : "after " + i;
            server.stubFor(get(urlPathEqualTo("/r")).inScenario("answers").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(statuses[i]).withHeader("Content-Type", "application/json")
                            .withBody("{}"))
                    .willSetStateTo(next));
            state = next;
        }
    }

    @Nested
    @DisplayName("retry")
    class Retry {
        @Test
        @DisplayName("retries a 5xx with exponential backoff from 1 s, jittered by the runtime's random source")
        void backsOffExponentiallyWithInjectedJitter() {
            answers(503, 502, 500, 200);
            try (HttpKit kit = kit(() -> 0.5)) {
                assertThat(status(kit)).isEqualTo(200);
            }
            assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
            server.verify(4, getRequestedFor(urlPathEqualTo("/r")));
        }

        @Test
        @DisplayName("jitter moves each delay by at most 20% either way")
        void jitterIsBounded() {
            answers(503, 503, 200);
            try (HttpKit kit = kit(() -> 0.0)) {
                assertThat(status(kit)).isEqualTo(200);
            }
            server.resetAll();
            answers(503, 200);
            try (HttpKit kit = kit(() -> 0.999_999)) {
                assertThat(status(kit)).isEqualTo(200);
            }
            assertThat(sleeps).containsExactly(Duration.ofMillis(800), Duration.ofMillis(1600), Duration.ofMillis(1199));
        }

        @Test
        @DisplayName("prefers the server's Retry-After to the backoff")
        void prefersRetryAfter() {
            server.stubFor(get(urlPathEqualTo("/r")).inScenario("limited").whenScenarioStateIs(STARTED)
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
            server.stubFor(get(urlPathEqualTo("/r")).inScenario("limited").whenScenarioStateIs("ok")
                    .willReturn(aResponse().withStatus(200).withBody("{}")));
            try (HttpKit kit = kit(() -> 0.5)) {
                assertThat(status(kit)).isEqualTo(200);
            }
            assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        }

        @Test
        @DisplayName("stops after max_retries retries and throws the last failure, typed")
        void stopsAfterMaxRetries() {
            server.stubFor(get(urlPathEqualTo("/r")).willReturn(aResponse().withStatus(503).withBody("{}")));
            try (HttpKit kit = kit(() -> 0.5, HttpKit.MAX_RETRIES, "2")) {
                assertThatThrownBy(() -> status(kit)).isInstanceOf(TransientException.class)
                        .hasMessageContaining("test");
            }
            server.verify(3, getRequestedFor(urlPathEqualTo("/r")));
            assertThat(sleeps).hasSize(2);
        }

        @Test
        @DisplayName("does not retry a 4xx other than a rate limit")
        void doesNotRetryClientErrors() {
            server.stubFor(get(urlPathEqualTo("/r")).willReturn(aResponse().withStatus(403).withBody("{}")));
            try (HttpKit kit = kit(() -> 0.5)) {
                assertThatThrownBy(() -> status(kit)).isInstanceOf(io.usage4j.core.UsageException.class)
                        .isNotInstanceOf(TransientException.class);
            }
            server.verify(1, getRequestedFor(urlPathEqualTo("/r")));
            assertThat(sleeps).isEmpty();
        }
    }

    @Nested
    @DisplayName("max_retry_duration")
    class MaxRetryDuration {
        @Test
        @DisplayName("makes no retry whose Retry-After would outlast the budget on the runtime's clock")
        void budgetOnTheRuntimeClock() {
            server.stubFor(get(urlPathEqualTo("/r")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "4")));
            try (HttpKit kit = kit(() -> 0.5, HttpKit.MAX_RETRIES, "10", HttpKit.MAX_RETRY_DURATION, "10s")) {
                assertThatThrownBy(() -> status(kit)).isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(4)));
            }
            // 0 + 4 and 4 + 4 fit in 10 s; 8 + 4 does not
            assertThat(sleeps).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4));
            server.verify(3, getRequestedFor(urlPathEqualTo("/r")));
        }

        @Test
        @DisplayName("fails at once when the server asks for a longer wait than the whole budget")
        void retryAfterBeyondTheBudget() {
            server.stubFor(get(urlPathEqualTo("/r")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));
            try (HttpKit kit = kit(() -> 0.5, HttpKit.MAX_RETRY_DURATION, "2m")) {
                assertThatThrownBy(() -> status(kit)).isInstanceOf(RateLimitedException.class);
            }
            assertThat(sleeps).isEmpty();
            server.verify(1, getRequestedFor(urlPathEqualTo("/r")));
        }

        @Test
        @DisplayName("stops backing off once the budget is spent")
        void backoffStopsAtTheBudget() {
            server.stubFor(get(urlPathEqualTo("/r")).willReturn(aResponse().withStatus(503).withBody("{}")));
            try (HttpKit kit = kit(() -> 0.5, HttpKit.MAX_RETRIES, "10", HttpKit.MAX_RETRY_DURATION, "5s")) {
                assertThatThrownBy(() -> status(kit)).isInstanceOf(TransientException.class);
            }
            // waits 1 s, 2 s, 4 s: after the third the 5 s budget is spent (7 s), so no fourth
            assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
            server.verify(4, getRequestedFor(urlPathEqualTo("/r")));
        }
    }

    @Nested
    @DisplayName("rate_limit and max_concurrency")
    class Limits {
        @Test
        @DisplayName("rate_limit spaces requests at most that many a second")
        void rateLimit() {
            server.stubFor(get(urlPathEqualTo("/r")).willReturn(aResponse().withStatus(200).withBody("{}")));
            try (HttpKit kit = kit(() -> 0.5, HttpKit.RATE_LIMIT, "20")) {
                for (int i = 0; i < 5; i++) {
                    assertThat(status(kit)).isEqualTo(200);
                }
            }
            List<Long> times = new ArrayList<>();
            for (LoggedRequest request : server.findAll(getRequestedFor(urlPathEqualTo("/r")))) {
                times.add(request.getLoggedDate().getTime());
            }
            times.sort(null);
            assertThat(times).hasSize(5);
            // 20 a second: a permit every 50 ms, so 5 requests span at least 4 intervals (timer slack allowed)
            assertThat(times.get(4) - times.get(0)).isGreaterThanOrEqualTo(180);
        }

        @Test
        @DisplayName("max_concurrency bounds the requests in flight across threads")
        void concurrency() throws Exception {
            server.stubFor(get(urlPathEqualTo("/r")).willReturn(aResponse().withStatus(200).withBody("{}")
                    .withFixedDelay(150)));
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            ExecutorService callers = Executors.newFixedThreadPool(6);
            try (HttpKit kit = kit(() -> 0.5, HttpKit.MAX_CONCURRENCY, "2")) {
                Api api = kit.client(Api.class);
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    results.add(callers.submit(() -> kit.call("test request", () -> {
                        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        try {
                            return api.r() != null ? 200 : 0;
                        } finally {
                            inFlight.decrementAndGet();
                        }
                    })));
                }
                for (Future<Integer> result : results) {
                    assertThat(result.get()).isEqualTo(200);
                }
            } finally {
                callers.shutdownNow();
            }
            assertThat(most.get()).isEqualTo(2);
        }
    }

    /** A clock that moves only when told to. */
    private static final class ManualClock extends Clock {
        private final AtomicReference<Instant> now;

        ManualClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(instant -> instant.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
