package io.usage4j.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code usage4j} Spark reader at scale: 200 Cloudflare accounts × 12 windows (2025) against a
 * loopback server that waits 100 ms before each answer, in {@code local[N]}. Prints wall / ideal, where
 * ideal = requests × latency / N task slots. Run from the repository root (Spark is not in the shaded
 * jar: the class path comes from Maven):
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=$PWD/benchmarks/target/spark.classpath
 * java -cp benchmarks/target/benchmarks.jar:$(cat benchmarks/target/spark.classpath) io.usage4j.benchmarks.SparkScale [N ...]
 * </pre>
 */
public final class SparkScale {
    private static final int ACCOUNTS = 200;
    private static final int WINDOWS = 12;
    private static final long DELAY_MILLIS = 100;
    private static final int RUNS = 3;

    private SparkScale() {}

    public static void main(String[] args) {
        int[] slots = args.length == 0 ? new int[] {4, 8, 16} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        LoopbackServer.Responder oneRowPerWindow = (path, rawQuery) -> Payloads.cloudflareBillable(1,
                LocalDate.parse(Harness.queryParam(rawQuery, "from")), 1);
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            urls.add("usage:cloudflare:" + String.format(Locale.ROOT, "%032x", 0xbe0000L + i));
        }
        System.out.println("## Spark: " + ACCOUNTS + " Cloudflare accounts x " + WINDOWS + " windows, +" + DELAY_MILLIS
                + " ms per response, local[N], median of " + RUNS);
        System.out.println();
        System.out.println("| N (task slots) | max_concurrent_tasks.cloudflare | partitions | requests | wall ms (median) | ideal ms | wall / ideal |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        try (LoopbackServer server = LoopbackServer.start(oneRowPerWindow, DELAY_MILLIS, 64)) {
            for (int n : slots) {
                SparkSession spark = SparkSession.builder().master("local[" + n + "]").appName("usage4j-scale")
                        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                        .getOrCreate();
                spark.sparkContext().setLogLevel("WARN");
                try {
                    run(spark, server, urls.subList(0, 2 * n), 0); // warm-up: class loading, JIT, the first session's jobs
                    for (int cap : new int[] {0, n}) {
                        long[] walls = new long[RUNS];
                        int requests = 0;
                        int partitions = 0;
                        for (int r = 0; r < RUNS; r++) {
                            server.clearArrivals();
                            long start = System.nanoTime();
                            partitions = run(spark, server, urls, cap);
                            walls[r] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                            requests = server.arrivals().size();
                        }
                        Arrays.sort(walls);
                        long median = walls[RUNS / 2];
                        long ideal = requests * DELAY_MILLIS / n;
                        System.out.printf(Locale.ROOT, "| %d | %s | %d | %d | %d | %d | %.2f |%n", n,
                                cap == 0 ? "-" : Integer.toString(cap), partitions, requests, median, ideal,
                                (double) median / ideal);
                    }
                } finally {
                    spark.stop();
                }
            }
        }
    }

    /** Reads every URL's year and counts the rows; returns the number of partitions. {@code cap} 0: no cap. */
    private static int run(SparkSession spark, LoopbackServer server, List<String> urls, int cap) {
        var reader = spark.read().format("usage4j").option("from", "2025-01-01").option("to", "2026-01-01")
                .option("cloudflare.token", "benchmark-token").option("cloudflare.base_url", server.baseUrl())
                .option("urls", String.join("\n", urls));
        if (cap > 0) {
            reader = reader.option("max_concurrent_tasks.cloudflare", Integer.toString(cap));
        }
        var usage = reader.load();
        long rows = usage.count();
        if (rows != (long) urls.size() * WINDOWS) {
            throw new IllegalStateException("expected one row per window (" + urls.size() * WINDOWS + "), got " + rows);
        }
        return usage.queryExecution().toRdd().getNumPartitions();
    }
}
