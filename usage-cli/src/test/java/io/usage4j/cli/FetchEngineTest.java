package io.usage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.spi.UsageSources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine behind fetch and demo, over fake sources: order, concurrency, partial failure, extension columns. */
class FetchEngineTest {
    static final UsageQuery QUERY = UsageQuery.between(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-01"));

    @TempDir
    Path dir;

    UsageSources registry;
    StringWriter err = new StringWriter();

    @BeforeEach
    void registry() {
        registry = FakeProvider.registry(dir);
    }

    /** Remembers what reached it, in order. */
    static class Recording implements RecordSink {
        List<String> columns;
        final List<String> seen = new ArrayList<>();
        boolean finished;

        @Override
        public void begin(List<String> extensionColumns) {
            columns = extensionColumns;
        }

        @Override
        public void accept(String providerId, UsageRecord record) {
            seen.add(providerId + ":" + record.consumedQuantity().orElseThrow());
        }

        @Override
        public void finish() {
            finished = true;
        }
    }

    FetchEngine engine(List<String> secrets) {
        return new FetchEngine(registry, new PrintWriter(err, true), false, false, CliRun.CLOCK, secrets);
    }

    static FetchEngine.SourceSpec spec(String url, String... pairs) {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("token", "fake-secret-token");
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put(pairs[i], pairs[i + 1]);
        }
        return new FetchEngine.SourceSpec(url, properties);
    }

    @Test
    @DisplayName("sources are read at once, yet written one after the other, each in its own order")
    void order() {
        Recording sink = new Recording();
        long start = System.nanoTime();
        FetchEngine.Result result = engine(List.of()).run(List.of(
                spec("usage:fake:5", "delay_ms", "60"),
                spec("usage:other:3", "delay_ms", "60")), QUERY, List.of(sink));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(sink.seen).containsExactly("fake:1", "fake:2", "fake:3", "fake:4", "fake:5", "other:1", "other:2", "other:3");
        assertThat(millis).as("3 x 60 ms of the second source overlap the 5 x 60 ms of the first").isLessThan(450);
        assertThat(result.records()).isEqualTo(8);
        assertThat(result.failures()).isZero();
        assertThat(sink.finished).isTrue();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    @DisplayName("a source failing mid-stream: its records so far are kept, one line says so, the next source is still written")
    void partialFailure() {
        Recording sink = new Recording();
        FetchEngine.Result result = engine(List.of("fake-secret-token")).run(List.of(
                spec("usage:fake:10", "fail_after", "4"), spec("usage:other:2")), QUERY, List.of(sink));
        assertThat(sink.seen).containsExactly("fake:1", "fake:2", "fake:3", "fake:4", "other:1", "other:2");
        assertThat(result.failures()).isEqualTo(1);
        assertThat(result.outcomes().get(0).failure()).isPresent();
        assertThat(result.outcomes().get(0).records()).isEqualTo(4);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .isEqualTo("error: usage:fake:10: [fake] page 5 failed: try later (HTTP 503, request id req-4)"
                        + " (after 4 records, which were written; the rest is missing)");
    }

    @Test
    @DisplayName("a source that cannot be opened is reported and skipped; the others are read")
    void openFailure() {
        Recording sink = new Recording();
        FetchEngine.Result result = engine(List.of()).run(List.of(
                new FetchEngine.SourceSpec("usage:fake:2", Map.of()), spec("usage:other:1")), QUERY, List.of(sink));
        assertThat(sink.seen).containsExactly("other:1");
        assertThat(result.failures()).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: usage:fake:2: [fake] missing credential: set property 'token'"
                + " or environment variable FAKE_TOKEN");
    }

    @Test
    @DisplayName("the sinks get the union of the sources' extension columns, in order of first appearance, then the source's")
    void extensionColumns() {
        Recording sink = new Recording();
        engine(List.of()).run(List.of(spec("usage:fake:1", "ext", "x_B,x_A"), spec("usage:other:1"),
                spec("usage:fake:1", "ext", "x_A,x_C")), QUERY, List.of(sink));
        assertThat(sink.columns).containsExactly("x_B", "x_A", "x_C", "x_usage_source");
        assertThat(err.toString().lines().toList()).as("the same URL twice describes the same usage twice")
                .singleElement().asString().startsWith("warning: usage:fake:1 and usage:fake:1 describe the same usage:");
    }

    @Test
    @DisplayName("with several sources each record names its source; one source alone needs no such column")
    void sourceColumn() {
        List<String> tags = new ArrayList<>();
        Recording sink = new Recording() {
            @Override
            public void accept(String providerId, UsageRecord record) {
                tags.add(record.extension("x_usage_source").orElse("(none)"));
            }
        };
        engine(List.of()).run(List.of(spec("usage:fake:2"), spec("usage:other:1")), QUERY, List.of(sink));
        assertThat(tags).containsExactly("usage:fake:2", "usage:fake:2", "usage:other:1");
        assertThat(sink.columns).containsExactly("x_usage_source");

        tags.clear();
        Recording alone = new Recording();
        engine(List.of()).run(List.of(spec("usage:fake:2")), QUERY, List.of(alone, sink));
        assertThat(tags).containsExactly("(none)", "(none)");
        assertThat(alone.columns).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    @DisplayName("a sink that fails stops the fetch with its exception, after closing everything")
    void sinkFailure() {
        RecordSink failing = new Recording() {
            @Override
            public void accept(String providerId, UsageRecord record) {
                throw new IllegalStateException("disk full");
            }
        };
        assertThatThrownBy(() -> engine(List.of()).run(List.of(spec("usage:fake:100000")), QUERY, List.of(failing)))
                .isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        assertThat(((Recording) failing).finished).isTrue();
    }

    @Test
    @DisplayName("secrets given to sources are collected for masking, from properties and the environment")
    void secrets() {
        List<FetchEngine.SourceSpec> specs = List.of(spec("usage:fake:1"), new FetchEngine.SourceSpec("usage:other:1", Map.of()),
                new FetchEngine.SourceSpec("not a url", Map.of()));
        assertThat(FetchEngine.secretsOf(registry, specs, name -> name.equals("OTHER_TOKEN") ? "from-env" : null))
                .containsExactlyInAnyOrder("fake-secret-token", "from-env");
    }
}
