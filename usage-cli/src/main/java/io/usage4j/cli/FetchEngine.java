package io.usage4j.cli;

import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.UsageUrl;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Reads several sources at once and hands their records to the sinks: one thread per source, each
 * source's records in the source's order, sources one after another in the order given (a bounded
 * queue per source lets later sources read ahead while earlier ones are written). A source that
 * fails to open or fails while streaming is reported on stderr in one line; the others are still
 * read and written.
 *
 * <p>Sources that describe the same usage (their usage views overlap, or the same URL twice) get a
 * warning on stderr: summing their rows together counts that usage twice. When there are several
 * sources, each record carries its source's key in {@value #SOURCE_COLUMN} (the view's source key, else
 * the usage URL), so a consumer of one file can total per source.
 */
final class FetchEngine {
    /** The extension column naming each record's source, when a fetch reads several. */
    static final String SOURCE_COLUMN = "x_usage_source";
    private static final int QUEUE_CAPACITY = 4096;
    private static final Object END = new Object();

    /** One source to read: its usage URL and the properties to open it with. */
    record SourceSpec(String url, Map<String, String> properties) {
        SourceSpec {
            Objects.requireNonNull(url, "url is null");
            properties = Map.copyOf(properties);
        }
    }

    /** How one source went. */
    record Outcome(String url, String providerId, long records, Optional<Throwable> failure) {}

    /** How the whole fetch went. */
    record Result(List<Outcome> outcomes) {
        long records() {
            return outcomes.stream().mapToLong(Outcome::records).sum();
        }

        long failures() {
            return outcomes.stream().filter(o -> o.failure().isPresent()).count();
        }
    }

    private record Failure(Throwable cause) {}

    private final UsageSources registry;
    private final PrintWriter err;
    private final boolean verbose;
    private final boolean progress;
    private final Clock clock;
    private final Collection<String> secrets;

    FetchEngine(UsageSources registry, PrintWriter err, boolean verbose, boolean progress, Clock clock,
            Collection<String> secrets) {
        this.registry = registry;
        this.err = err;
        this.verbose = verbose;
        this.progress = progress;
        this.clock = clock;
        this.secrets = List.copyOf(secrets);
    }

    /** The values of the secret properties {@code specs} carry or the environment supplies, for masking. */
    static Set<String> secretsOf(UsageSources registry, List<SourceSpec> specs, java.util.function.Function<String, String> env) {
        Set<String> secrets = new LinkedHashSet<>();
        for (SourceSpec spec : specs) {
            Optional<UsageSourceProvider> provider;
            try {
                provider = registry.provider(UsageUrl.parse(spec.url()).provider());
            } catch (RuntimeException malformed) {
                continue;
            }
            for (ProviderProperty property : provider.map(UsageSourceProvider::properties).orElse(List.of())) {
                if (!property.secret()) {
                    continue;
                }
                Optional.ofNullable(spec.properties().get(property.name())).ifPresent(secrets::add);
                for (String variable : property.environmentVariables()) {
                    Optional.ofNullable(env.apply(variable)).ifPresent(secrets::add);
                }
            }
        }
        return secrets;
    }

    Result run(List<SourceSpec> specs, UsageQuery query, List<RecordSink> sinks) {
        List<Outcome> outcomes = new ArrayList<>();
        List<UsageSource> opened = new ArrayList<>();
        List<SourceSpec> openedSpecs = new ArrayList<>();
        for (SourceSpec spec : specs) {
            try {
                opened.add(registry.openSource(spec.url(), spec.properties()));
                openedSpecs.add(spec);
            } catch (RuntimeException e) {
                report(spec.url(), e);
                outcomes.add(new Outcome(spec.url(), providerOf(spec.url()), 0, Optional.of(e)));
            }
        }
        List<RecordSink.Source> sources = new ArrayList<>();
        LinkedHashSet<String> extensionColumns = new LinkedHashSet<>();
        for (int i = 0; i < opened.size(); i++) {
            UsageSource source = opened.get(i);
            sources.add(new RecordSink.Source(openedSpecs.get(i).url(), source.providerId(), source.capabilities().view()));
            extensionColumns.addAll(source.capabilities().extensionColumns());
        }
        boolean tagged = sources.size() > 1;
        if (tagged) {
            extensionColumns.add(SOURCE_COLUMN);
        }
        warnOverlaps(sources);
        for (RecordSink sink : sinks) {
            if (sink instanceof TableSink table) {
                table.sources(sources);
            }
            sink.begin(List.copyOf(extensionColumns));
        }
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, opened.size()), daemon());
        Progress meter = progress ? new Progress(err, clock) : null;
        try {
            List<BlockingQueue<Object>> queues = new ArrayList<>();
            List<AtomicLong> counts = new ArrayList<>();
            for (int i = 0; i < opened.size(); i++) {
                UsageSource source = opened.get(i);
                BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
                queues.add(queue);
                AtomicLong count = new AtomicLong();
                counts.add(count);
                Progress.Line line = meter == null ? null : meter.track(source.providerId(), count, windows(source, query));
                threads.execute(() -> read(source, query, queue, line));
            }
            if (meter != null) {
                meter.start();
            }
            for (int i = 0; i < opened.size(); i++) {
                UsageSource source = opened.get(i);
                Throwable failure = drain(sources.get(i), tagged, queues.get(i), counts.get(i), sinks);
                if (failure != null) {
                    report(openedSpecs.get(i).url(), failure, counts.get(i).get());
                }
                outcomes.add(new Outcome(openedSpecs.get(i).url(), source.providerId(), counts.get(i).get(),
                        Optional.ofNullable(failure)));
            }
        } finally {
            if (meter != null) {
                meter.stop();
            }
            threads.shutdownNow();
            try {
                threads.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (UsageSource source : opened) {
                try {
                    source.close();
                } catch (RuntimeException e) {
                    report(source.providerId(), e);
                }
            }
            for (RecordSink sink : sinks) {
                sink.finish();
            }
        }
        outcomes.sort(java.util.Comparator.comparingInt(o -> indexOf(specs, o.url())));
        return new Result(List.copyOf(outcomes));
    }

    private static int indexOf(List<SourceSpec> specs, String url) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).url().equals(url)) {
                return i;
            }
        }
        return specs.size();
    }

    private static void read(UsageSource source, UsageQuery query, BlockingQueue<Object> queue, Progress.Line line) {
        Object last = END;
        try (Stream<UsageRecord> records = source.fetch(query)) {
            var iterator = records.iterator();
            while (iterator.hasNext()) {
                UsageRecord record = iterator.next();
                if (line != null) {
                    line.seen(record);
                }
                queue.put(record);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException | Error e) {
            last = new Failure(e);
        }
        try {
            queue.put(last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Throwable drain(RecordSink.Source source, boolean tagged, BlockingQueue<Object> queue, AtomicLong count,
            List<RecordSink> sinks) {
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return e;
            }
            if (item == END) {
                return null;
            }
            if (item instanceof Failure failure) {
                return failure.cause();
            }
            UsageRecord record = (UsageRecord) item;
            if (tagged) {
                record = UsageRecord.builder().from(record).putExtensions(SOURCE_COLUMN, source.key()).build();
            }
            for (RecordSink sink : sinks) {
                sink.accept(source, record);
            }
            count.incrementAndGet();
        }
    }

    /** One warning line per pair of sources that describe the same usage. */
    private void warnOverlaps(List<RecordSink.Source> sources) {
        for (int i = 0; i < sources.size(); i++) {
            for (int j = i + 1; j < sources.size(); j++) {
                RecordSink.Source first = sources.get(i);
                RecordSink.Source second = sources.get(j);
                if (first.overlaps(second)) {
                    String what = first.view().map(v -> " (" + v.name() + " of " + v.providerId()
                            + v.accountId().map(a -> " account " + a).orElse("") + ")").orElse("");
                    err.println("warning: " + first.url() + " and " + second.url() + " describe the same usage" + what
                            + ": summing their rows together counts it twice. Total each source on its own (group by "
                            + SOURCE_COLUMN + ") or fetch only one of them.");
                }
            }
        }
        err.flush();
    }

    private List<Window> windows(UsageSource source, UsageQuery query) {
        try {
            return QueryPlanner.withClock(clock).windows(source.providerId(), query, source.capabilities());
        } catch (RuntimeException unplannable) {
            return List.of();
        }
    }

    private static String providerOf(String url) {
        try {
            return UsageUrl.parse(url).provider();
        } catch (RuntimeException malformed) {
            return "?";
        }
    }

    private void report(String where, Throwable failure) {
        err.println("error: " + Errors.line(where, failure, secrets));
        if (verbose) {
            Errors.printStack(err, failure, secrets);
        }
        err.flush();
    }

    private void report(String where, Throwable failure, long recordsBefore) {
        String after = recordsBefore > 0 ? " (after " + recordsBefore + " records, which were written; the rest is missing)" : "";
        err.println("error: " + Errors.line(where, failure, secrets) + after);
        if (verbose) {
            Errors.printStack(err, failure, secrets);
        }
        err.flush();
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "usage4j-fetch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
