package io.usage4j.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.focus.FocusCsvWriter;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The measuring harness behind BENCHMARKS.md. Run from the repository root:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.usage4j.benchmarks.Harness [all|decode|decode-paired|memory|memory-year|concurrency|footprint]
 * </pre>
 *
 * Every figure is a ratio or a comparison taken within one run, so the machine's speed and its other
 * load cancel as far as they can. It asserts nothing: it prints what it measured.
 */
public final class Harness {
    private static final String ACCOUNT = Payloads.CLOUDFLARE_ACCOUNT;
    private static final long DELAY_MILLIS = 100;

    private Harness() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "all" : args[0];
        switch (command) {
            case "all" -> {
                environment();
                footprint();
                concurrency();
                memory();
                memoryYear();
                decode();
            }
            case "decode" -> {
                environment();
                decode();
            }
            case "decode-paired" -> {
                environment();
                pairedDecode();
            }
            case "memory" -> {
                environment();
                memory();
            }
            case "concurrency" -> {
                environment();
                concurrency();
            }
            case "footprint" -> {
                environment();
                footprint();
            }
            case "memory-year" -> {
                environment();
                memoryYear();
            }
            case "memory-child" -> memoryChild(args[1], Long.parseLong(args[2]), args[3], Harness::fetchToCsv,
                    n -> n / Payloads.FASTLY_PAGE_SIZE);
            case "memory-year-child" -> memoryChild(args[1], Long.parseLong(args[2]), args[3], Harness::yearToCsv,
                    n -> 12);
            default -> {
                System.err.println("usage: Harness [all|decode|decode-paired|memory|memory-year|concurrency|footprint]");
                System.exit(64);
            }
        }
    }

    private static void environment() {
        System.out.printf(Locale.ROOT, "# JDK %s (%s), %d cores, max heap %d MiB, load average %.2f at start%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    // ---------------------------------------------------------------- 1. decode + map throughput

    private static void decode() throws RunnerException, IOException {
        System.out.println();
        System.out.println("## 1. Decode + map throughput (JMH, 1 fork, 4x2 s warmup, 5x2 s measurement, -Xmx2g)");
        Options options = new OptionsBuilder().include(DecodeBenchmark.class.getName()).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String workload = result.getParams().getParam("workload");
            String method = result.getParams().getBenchmark();
            double score = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            double[] row = scores.computeIfAbsent(workload, w -> new double[4]);
            if (method.endsWith(".usage4j")) {
                row[0] = score;
                row[1] = error;
            } else {
                row[2] = score;
                row[3] = error;
            }
        }
        System.out.println("| workload | records/op | usage4j records/s | readTree records/s | usage4j / readTree |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Map.Entry<String, double[]> entry : scores.entrySet()) {
            Workload load = Workload.valueOf(entry.getKey());
            double[] row = entry.getValue();
            System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f ± %,.0f | %,.0f ± %,.0f | %.2f |%n", load, load.records,
                    row[0] * load.records, row[1] * load.records, row[2] * load.records, row[3] * load.records,
                    row[0] / row[2]);
        }
        pairedDecode();
    }

    /**
     * The same comparison as paired rounds in this JVM: each round times one usage4j fetch and one
     * readTree pass back to back (alternating which goes first), so a slow moment of the machine hits
     * both sides of a round; the figure is the median of the per-round ratios.
     */
    private static void pairedDecode() throws IOException {
        System.out.println();
        System.out.println("### 1b. Paired rounds (this JVM): per round one usage4j fetch and one readTree pass, back to back");
        System.out.println("| workload | rounds | usage4j records/s (median) | readTree records/s (median) |"
                + " usage4j / readTree, median of rounds [min, max] |");
        System.out.println("|---|---:|---:|---:|---:|");
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        ObjectMapper mapper = io.usage4j.spi.internal.Json.mapper();
        for (Workload load : Workload.values()) {
            try (LoopbackServer server = LoopbackServer.start(load.responder(), 0, 4);
                    UsageSource source = load.open(server.baseUrl())) {
                long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
                while (System.nanoTime() < warmUntil) {
                    DecodeBenchmark.fetchAll(source, load, blackhole);
                    DecodeBenchmark.readTrees(server.baseUrl(), load, mapper, blackhole);
                }
                List<Double> ratios = new ArrayList<>();
                List<Double> ours = new ArrayList<>();
                List<Double> floor = new ArrayList<>();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                for (int round = 0; round < 9 || System.nanoTime() < until && round < 200; round++) {
                    long a;
                    long b;
                    if (round % 2 == 0) {
                        a = time(() -> DecodeBenchmark.fetchAll(source, load, blackhole));
                        b = time(() -> DecodeBenchmark.readTrees(server.baseUrl(), load, mapper, blackhole));
                    } else {
                        b = time(() -> DecodeBenchmark.readTrees(server.baseUrl(), load, mapper, blackhole));
                        a = time(() -> DecodeBenchmark.fetchAll(source, load, blackhole));
                    }
                    ratios.add((double) b / a);
                    ours.add(load.records * 1e9 / a);
                    floor.add(load.records * 1e9 / b);
                }
                System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %.2f [%.2f, %.2f] |%n", load, ratios.size(),
                        median(ours), median(floor), median(ratios), java.util.Collections.min(ratios),
                        java.util.Collections.max(ratios));
            }
        }
    }

    @FunctionalInterface
    private interface Pass {
        long run() throws IOException;
    }

    private static long time(Pass pass) throws IOException {
        long start = System.nanoTime();
        pass.run();
        return System.nanoTime() - start;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    // ---------------------------------------------------------------- 2. memory

    /**
     * One child JVM per size with {@code -Xmx64m}, each reading {@code n} Fastly service-usage records
     * (pages of 100) from this JVM's loopback server and writing them as FOCUS CSV to a temporary file.
     */
    private static void memory() throws IOException, InterruptedException {
        System.out.println();
        System.out.println("## 2. Memory: Fastly service usage, pages of 100, written as FOCUS CSV, child JVM -Xmx64m");
        System.out.println("| records | pages | seconds | CSV MiB | peak heap used MiB | max heap after a GC MiB"
                + " | live heap at the last record (full GC) MiB | GCs |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        try (LoopbackServer server = LoopbackServer.start(Harness::fastlyPaged, 0, 4)) {
            for (long n : new long[] {10_000, 100_000, 1_000_000}) {
                Path csv = Files.createTempFile("usage4j-memory-", ".csv");
                try {
                    List<String> command = List.of(javaBinary(), "-Xmx64m", "-XX:+UseG1GC", "-cp",
                            System.getProperty("java.class.path"), Harness.class.getName(), "memory-child",
                            server.baseUrl(), Long.toString(n), csv.toString());
                    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                    String report = null;
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            if (line.startsWith("|")) {
                                report = line;
                            }
                        }
                    }
                    int exit = process.waitFor();
                    System.out.println(exit == 0 && report != null ? report
                            : "| " + n + " | child JVM failed with exit code " + exit + " |");
                } finally {
                    Files.deleteIfExists(csv);
                }
            }
        }
    }

    /** Serves Fastly pages for a base URL {@code .../n/<records>}: {@code records / 100} pages. */
    private static byte[] fastlyPaged(String path, String rawQuery) {
        String[] parts = path.split("/");
        long records = Long.parseLong(parts[2]);
        int pages = (int) (records / Payloads.FASTLY_PAGE_SIZE);
        return Payloads.fastlyServicePage(Payloads.fastlyPageOf(rawQuery), pages);
    }

    /** Writes {@code records} records from {@code baseUrl} to {@code out}, calling {@code probe} on each. */
    @FunctionalInterface
    private interface CsvFetch {
        long fetch(String baseUrl, long records, Writer out, java.util.function.Consumer<UsageRecord> probe);
    }

    private static final UsageQuery YEAR = UsageQuery.between(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1));

    /**
     * One child JVM per size with {@code -Xmx64m}, each reading a Cloudflare year of {@code n} records
     * (spread evenly over its 365 days, 12 windows of at most 31 days, each one response streamed by the
     * loopback server) at {@code max_concurrency=4}, and writing them as FOCUS CSV.
     */
    private static void memoryYear() throws IOException, InterruptedException {
        System.out.println();
        System.out.println("## 2b. Memory: Cloudflare 2025-01-01..2026-01-01 (12 windows, one response each),"
                + " max_concurrency=4, written as FOCUS CSV, child JVM -Xmx64m");
        System.out.println("| records | requests | seconds | CSV MiB | peak heap used MiB | max heap after a GC MiB"
                + " | live heap at the last record (full GC) MiB | GCs |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        LoopbackServer.StreamingResponder year = (path, rawQuery, body) -> {
            String[] parts = path.split("/");
            Payloads.cloudflareBillableYear(body, LocalDate.of(2025, 1, 1), Long.parseLong(parts[2]),
                    LocalDate.parse(queryParam(rawQuery, "from")), LocalDate.parse(queryParam(rawQuery, "to")));
        };
        try (LoopbackServer server = LoopbackServer.startStreaming(year, 8)) {
            for (long n : new long[] {10_000, 2_000_000}) {
                runChild("memory-year-child", server, n);
            }
        }
    }

    private static void runChild(String mode, LoopbackServer server, long n) throws IOException, InterruptedException {
        Path csv = Files.createTempFile("usage4j-memory-", ".csv");
        try {
            List<String> command = List.of(javaBinary(), "-Xmx64m", "-XX:+UseG1GC", "-cp",
                    System.getProperty("java.class.path"), Harness.class.getName(), mode,
                    server.baseUrl(), Long.toString(n), csv.toString());
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String report = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("|")) {
                        report = line;
                    }
                }
            }
            int exit = process.waitFor();
            System.out.println(exit == 0 && report != null ? report
                    : "| " + n + " | child JVM failed with exit code " + exit + " |");
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static long yearToCsv(String baseUrl, long records, Writer out,
            java.util.function.Consumer<UsageRecord> probe) {
        try (UsageSource source = Workload.CLOUDFLARE.open(baseUrl + "/n/" + records, Map.of("max_concurrency", "4"));
                Stream<UsageRecord> stream = source.fetch(YEAR).peek(probe)) {
            FocusCsvWriter writer = new FocusCsvWriter(out, source.capabilities().extensionColumns());
            long rows = writer.writeAll(stream);
            writer.flush();
            return rows;
        }
    }

    private static void memoryChild(String baseUrl, long records, String csvPath, CsvFetch fetch,
            java.util.function.LongUnaryOperator requestsOf) throws IOException {
        List<MemoryPoolMXBean> heapPools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool);
            }
        }
        AtomicLong maxAfterGc = new AtomicLong();
        AtomicLong gcs = new AtomicLong();
        // Warm up: the same path for 1,000 records, so class loading and JIT garbage are not counted.
        fetch.fetch(baseUrl, 1_000, Writer.nullWriter(), record -> { });
        System.gc();
        for (MemoryPoolMXBean pool : heapPools) {
            pool.resetPeakUsage();
        }
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.stream().anyMatch(pool -> pool.getName().equals(entry.getKey()))) {
                        used += entry.getValue().getUsed();
                    }
                }
                long after = used;
                maxAfterGc.accumulateAndGet(after, Math::max);
                gcs.incrementAndGet();
            }, null, null);
        }
        long start = System.nanoTime();
        long rows;
        AtomicLong liveAtEnd = new AtomicLong();
        try (BufferedWriter out = Files.newBufferedWriter(Paths.get(csvPath), StandardCharsets.UTF_8)) {
            // At the last record, with the stream and its source still open: a full GC, then what is live.
            AtomicLong seen = new AtomicLong();
            rows = fetch.fetch(baseUrl, records, out, record -> {
                if (seen.incrementAndGet() == records) {
                    System.gc();
                    liveAtEnd.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                }
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            peak += pool.getPeakUsage().getUsed();
        }
        if (rows != records) {
            throw new IllegalStateException("wrote " + rows + " rows, expected " + records);
        }
        double csvMiB = Files.size(Paths.get(csvPath)) / 1048576.0;
        System.out.printf(Locale.ROOT, "| %,d | %,d | %.1f | %.0f | %.1f | %.1f | %.2f | %d |%n", records,
                requestsOf.applyAsLong(records), seconds, csvMiB, peak / 1048576.0, maxAfterGc.get() / 1048576.0,
                liveAtEnd.get() / 1048576.0, gcs.get());
    }

    private static long fetchToCsv(String baseUrl, long records, Writer out,
            java.util.function.Consumer<UsageRecord> probe) {
        try (UsageSource source = Workload.FASTLY.open(baseUrl + "/n/" + records);
                Stream<UsageRecord> stream = source.fetch(Workload.FASTLY.query()).peek(probe)) {
            FocusCsvWriter writer = new FocusCsvWriter(out, source.capabilities().extensionColumns());
            long rows = writer.writeAll(stream);
            writer.flush();
            return rows;
        }
    }

    // ---------------------------------------------------------------- 3. concurrency

    private static void concurrency() {
        System.out.println();
        System.out.println("## 3. Concurrency: Cloudflare 2025-01-01..2026-01-01 (12 windows), +" + DELAY_MILLIS
                + " ms per response, median of 5");
        LoopbackServer.Responder oneRowPerWindow = (path, rawQuery) -> Payloads.cloudflareBillable(1,
                LocalDate.parse(queryParam(rawQuery, "from")), 1);
        UsageQuery year = UsageQuery.between(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1));
        try (LoopbackServer server = LoopbackServer.start(oneRowPerWindow, DELAY_MILLIS, 16)) {
            timeFetch(server, year, Map.of("max_concurrency", "4")); // warm-up: class loading, JIT, connections
            System.out.println("| max_concurrency | requests | wall ms (median) | ideal ms | wall / ideal |");
            System.out.println("|---:|---:|---:|---:|---:|");
            for (int c : new int[] {1, 2, 4, 8}) {
                long[] walls = new long[5];
                int requests = 0;
                for (int run = 0; run < walls.length; run++) {
                    server.clearArrivals();
                    walls[run] = timeFetch(server, year, Map.of("max_concurrency", Integer.toString(c)));
                    requests = server.arrivals().size();
                }
                java.util.Arrays.sort(walls);
                long median = walls[walls.length / 2];
                long ideal = (long) Math.ceil(12.0 / c) * DELAY_MILLIS;
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.2f |%n", c, requests, median, ideal,
                        (double) median / ideal);
            }
            server.clearArrivals();
            long wall = timeFetch(server, year, Map.of("max_concurrency", "8", "rate_limit", "5"));
            List<Long> arrivals = server.arrivals();
            arrivals.sort(null);
            long minGap = Long.MAX_VALUE;
            for (int i = 1; i < arrivals.size(); i++) {
                minGap = Math.min(minGap, arrivals.get(i) - arrivals.get(i - 1));
            }
            // A strict 5/s limit puts at least 1 s between request i and request i + 5.
            long shortestSixSpan = Long.MAX_VALUE;
            for (int i = 0; i + 5 < arrivals.size(); i++) {
                shortestSixSpan = Math.min(shortestSixSpan, arrivals.get(i + 5) - arrivals.get(i));
            }
            double span = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
            System.out.printf(Locale.ROOT, "%nrate_limit=5, max_concurrency=8: %d requests, wall %d ms; first to last request"
                    + " %.3f s (%d intervals, ideal %d x 200 ms = %.1f s, so %.2f requests/s); smallest gap between"
                    + " consecutive requests %.1f ms; shortest span of 6 consecutive requests %.1f ms (strictly 5/s"
                    + " needs >= 1000 ms)%n", arrivals.size(), wall, span, arrivals.size() - 1, arrivals.size() - 1,
                    (arrivals.size() - 1) * 0.2, (arrivals.size() - 1) / span, minGap / 1e6, shortestSixSpan / 1e6);
        }
    }

    private static long timeFetch(LoopbackServer server, UsageQuery query, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>(extra);
        properties.put("token", "benchmark-token");
        properties.put("base_url", server.baseUrl());
        try (UsageSource source = io.usage4j.spi.UsageSources.builder().environment(name -> null).build()
                .openSource("usage:cloudflare:" + ACCOUNT + "?dataset=usage", properties)) {
            long start = System.nanoTime();
            long count;
            try (Stream<UsageRecord> records = source.fetch(query)) {
                count = records.count();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (count != 12) {
                throw new IllegalStateException("expected one record per window (12), got " + count);
            }
            return millis;
        }
    }

    static String queryParam(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + rawQuery);
    }

    // ---------------------------------------------------------------- 4. footprint

    private static void footprint() throws IOException, InterruptedException {
        System.out.println();
        System.out.println("## 4. Footprint of io.usage4j:provider-cloudflare");
        Path root = Paths.get("").toAbsolutePath();
        Path pom = root.resolve("benchmarks/footprint/pom.xml");
        if (!Files.isRegularFile(pom) || !Files.isRegularFile(root.resolve("mvnw"))) {
            throw new IllegalStateException("run the harness from the repository root (where mvnw is)");
        }
        Path classpathFile = root.resolve("benchmarks/footprint/target/cloudflare.classpath");
        Process maven = new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-o", "-q", "-f", pom.toString(),
                "dependency:build-classpath", "-Dmdep.outputFile=" + classpathFile, "-Dmdep.includeScope=runtime")
                .inheritIO().start();
        if (maven.waitFor() != 0) {
            throw new IllegalStateException("dependency:build-classpath failed");
        }
        List<String> entries = new ArrayList<>();
        long bytes = 0;
        for (String entry : Files.readString(classpathFile).trim().split(java.io.File.pathSeparator)) {
            Path jar = Paths.get(entry);
            // Our own modules as this tree builds them (module/target/*.jar, e.g. after `package -am`),
            // in preference to whatever copy the local repository holds.
            String name = jar.getFileName().toString();
            if (jar.toString().contains("/io/usage4j/") && name.endsWith("-0.1.0-SNAPSHOT.jar")) {
                Path built = root.resolve(name.substring(0, name.length() - "-0.1.0-SNAPSHOT.jar".length()))
                        .resolve("target").resolve(name);
                if (Files.isRegularFile(built)) {
                    jar = built;
                }
            }
            entries.add(jar.toString());
            long size = Files.size(jar);
            bytes += size;
            System.out.printf(Locale.ROOT, "- %s (%.0f KiB)%n", root.relativize(jar.toAbsolutePath()).startsWith("..")
                    ? jar.getFileName() : root.relativize(jar), size / 1024.0);
        }
        int jars = entries.size();
        String classpath = String.join(java.io.File.pathSeparator, entries);
        System.out.printf(Locale.ROOT, "runtime class path: %d jars, %.2f MB (%.2f MiB)%n", jars, bytes / 1e6,
                bytes / 1048576.0);

        // Time from JVM start to the first record: a fresh JVM on exactly that class path plus FirstRecord.
        Path classes = root.resolve("benchmarks/target/classes");
        String childClasspath = classes + java.io.File.pathSeparator + classpath;
        byte[] body = Payloads.cloudflareBillable(1_000, LocalDate.of(2025, 5, 1), 31);
        try (LoopbackServer server = LoopbackServer.start((path, query) -> body, 0, 2)) {
            long[] millis = new long[7];
            for (int run = 0; run < millis.length; run++) {
                long start = System.nanoTime();
                Process child = new ProcessBuilder(javaBinary(), "-cp", childClasspath, FirstRecord.class.getName(),
                        server.baseUrl()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line = out.readLine();
                    millis[run] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    if (!"first-record".equals(line)) {
                        throw new IllegalStateException("the child JVM printed " + line);
                    }
                }
                child.waitFor();
            }
            long[] sorted = millis.clone();
            java.util.Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "JVM start to first record (fresh JVM, that class path, loopback Cloudflare,"
                    + " 1,000-row response): median %d ms, min %d ms, max %d ms over %d runs %s%n",
                    sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], millis.length,
                    java.util.Arrays.toString(millis));
        }
    }

    private static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }
}
