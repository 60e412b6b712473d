package io.usage4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** The suite must be able to fail: each broken plugin fails the check meant to catch it, and only a correct one passes all. */
class ConformanceSuiteBitesTest {

    private static Events run(Class<?> conformanceTest) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(conformanceTest)).execute().testEvents();
    }

    private static List<String> failedChecks(Class<?> conformanceTest) {
        return run(conformanceTest).failed().stream()
                .map(Event::getTestDescriptor).map(d -> d.getDisplayName()).toList();
    }

    @Test
    @DisplayName("a correct plugin passes every check")
    void correctPluginPasses() {
        Events events = run(ExampleConformanceTest.class);
        assertThat(events.failed().stream().map(e -> e.getTestDescriptor().getDisplayName() + ": "
                + e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("")).toList())
                .as("checks the correct example plugin failed").isEmpty();
        assertThat(events.succeeded().count()).as("checks passed").isGreaterThanOrEqualTo(30);
        assertThat(events.skipped().count()).as("checks skipped").isZero();
    }

    /** Runs only the documented-totals group of {@code conformanceTest}: the other groups have checks of their own. */
    private static Events documentedTotals(Class<?> conformanceTest) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectNestedClass(List.of(conformanceTest), UsageSourceConformanceTest.DocumentedTotals.class))
                .execute().testEvents();
    }

    @Test
    @DisplayName("a plugin whose rows count usage twice fails the documented-totals check, naming the total and the sum")
    void doubleCounting() {
        Events events = documentedTotals(BrokenPlugins.DoubleCounting.class);
        assertThat(events.failed().count()).isOne();
        assertThat(events.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow().getMessage())
                .contains("requests, 2025-01-01..03: ConsumedQuantity totals 3700.50 exactly, but the 6 rows sum to 7401.00")
                .contains("counted twice");
    }

    @Test
    @DisplayName("a total the rows miss by more than the stated rounding fails the check; the correct plugin passes it")
    void wrongTotal() {
        assertThat(documentedTotals(BrokenPlugins.WrongTotal.class).failed().count()).isOne();
        Events correct = documentedTotals(ExampleConformanceTest.class);
        assertThat(correct.succeeded().count()).isOne();
        assertThat(correct.failed().count()).isZero();
    }

    @Test
    @DisplayName("a plugin that leaks its token into an exception message fails the secrecy checks")
    void leakyToken() {
        assertThat(failedChecks(BrokenPlugins.LeakyToken.class))
                .contains("credentials never appear in logs, exception messages or toString()",
                        "401 is an authentication error, not retried");
    }

    @Test
    @DisplayName("a plugin that retries a 400 fails the not-retried check")
    void retriesBadRequest() {
        assertThat(failedChecks(BrokenPlugins.RetriesBadRequest.class)).containsExactly("400 is a request error, not retried");
    }

    @Test
    @DisplayName("a plugin that ignores Retry-After fails the rate-limit check")
    void ignoresRetryAfter() {
        assertThat(failedChecks(BrokenPlugins.IgnoresRetryAfter.class))
                .contains("429 with Retry-After, then success: retried after the delay the server asked for");
    }

    @Test
    @DisplayName("a plugin that ends the stream early when a page fails fails the mid-stream check")
    void truncating() {
        assertThat(failedChecks(BrokenPlugins.Truncating.class))
                .contains("a request failing mid-stream throws; the stream never just ends short");
    }

    @Test
    @DisplayName("a plugin missing from META-INF/services fails discovery")
    void unregistered() {
        assertThat(failedChecks(BrokenPlugins.Unregistered.class))
                .contains("ServiceLoader finds the provider", "META-INF/services and module-info name the same provider class");
    }

    @Test
    @DisplayName("a plugin that uses another provider's classes fails the layering check")
    void dependsOnAnotherProvider() {
        assertThat(failedChecks(BrokenPlugins.DependsOnAnotherProvider.class)).containsExactly("the plugin depends on no other provider");
    }

    @Test
    @DisplayName("a plugin that reaches into a usage4j internal package fails the layering check")
    void reachesIntoInternals() {
        assertThat(failedChecks(BrokenPlugins.ReachesIntoInternals.class))
                .containsExactly("the plugin reaches into no internal package of usage4j");
    }

    @Test
    @DisplayName("a plugin whose source keeps fetching after close fails the closed-source check")
    void neverCloses() {
        assertThat(failedChecks(BrokenPlugins.NeverCloses.class))
                .containsExactly("a closed source refuses to fetch, with a clear error, and closing twice is harmless");
    }

    @Test
    @DisplayName("a plugin jar without a module descriptor fails discovery")
    void noModuleDescriptor() {
        assertThat(failedChecks(BrokenPlugins.NoModuleDescriptor.class))
                .containsExactly("META-INF/services and module-info name the same provider class");
    }
}
