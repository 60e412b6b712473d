package io.usage4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode + map throughput of each provider against the floor of Jackson's {@code readTree} over the
 * same bytes from the same loopback server.
 *
 * <ul>
 *   <li>{@link #usage4j}: {@code source.fetch(query)} through the public API, every record consumed:
 *       HTTP (Feign over {@code HttpURLConnection}), the kit's streaming decoder into the provider's DTOs,
 *       the provider's mapper to {@link UsageRecord}, the planner's client-side filter.
 *   <li>{@link #readTree}: the same requests over {@code HttpURLConnection} (following Fastly's cursors
 *       from the tree), each body parsed with {@code readTree} by the kit's own {@link ObjectMapper}
 *       (same settings: numbers with a fraction as {@code BigDecimal}), the tree consumed.
 * </ul>
 *
 * <p>Both sides pay the same HTTP cost, so the ratio of their scores is the cost of decoding into
 * typed objects and mapping them, relative to building a generic tree. One operation is one whole
 * fetch; records/s = ops/s × {@link Workload#records}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DecodeBenchmark {

    @Param({"CLOUDFLARE", "FASTLY", "LATITUDE"})
    public String workload;

    private Workload load;
    private LoopbackServer server;
    private UsageSource source;
    private final ObjectMapper mapper = io.usage4j.spi.internal.Json.mapper();

    @Setup(Level.Trial)
    public void setUp() {
        load = Workload.valueOf(workload);
        server = LoopbackServer.start(load.responder(), 0, 4);
        source = load.open(server.baseUrl());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        source.close();
        server.close();
    }

    /** One fetch through the public API; returns the record count. */
    @Benchmark
    public long usage4j(Blackhole blackhole) {
        return fetchAll(source, load, blackhole);
    }

    /** Fetches {@code load} through {@code source}, every record consumed; returns the record count. */
    static long fetchAll(UsageSource source, Workload load, Blackhole blackhole) {
        long count = 0;
        try (Stream<UsageRecord> records = source.fetch(load.query())) {
            Iterator<UsageRecord> iterator = records.iterator();
            while (iterator.hasNext()) {
                blackhole.consume(iterator.next());
                count++;
            }
        }
        if (count != load.records) {
            throw new IllegalStateException(load + ": fetched " + count + " records, expected " + load.records);
        }
        return count;
    }

    /** The floor: the same bytes from the same server, parsed with {@code readTree}. */
    @Benchmark
    public long readTree(Blackhole blackhole) throws IOException {
        return readTrees(server.baseUrl(), load, mapper, blackhole);
    }

    /** Reads every response of {@code load} as a tree; returns the number of records the trees hold. */
    static long readTrees(String baseUrl, Workload load, ObjectMapper mapper, Blackhole blackhole) throws IOException {
        long count = 0;
        String path = load.firstPath();
        while (path != null) {
            JsonNode tree = get(baseUrl + path, mapper);
            blackhole.consume(tree);
            switch (load) {
                case CLOUDFLARE -> {
                    count += tree.path("result").size();
                    path = null;
                }
                case FASTLY -> {
                    count += tree.path("data").path("details").size();
                    JsonNode next = tree.path("data").path("meta").path("next_cursor");
                    path = next.isTextual() ? load.firstPath() + "&cursor=" + next.asText() : null;
                }
                case LATITUDE -> {
                    count += tree.path("data").path("attributes").path("products").size();
                    path = null;
                }
            }
        }
        if (count != load.records) {
            throw new IllegalStateException(load + ": the trees hold " + count + " records, expected " + load.records);
        }
        return count;
    }

    private static JsonNode get(String url, ObjectMapper mapper) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestProperty("Accept", "application/json");
        try (InputStream in = connection.getInputStream()) {
            return mapper.readTree(in);
        }
    }
}
