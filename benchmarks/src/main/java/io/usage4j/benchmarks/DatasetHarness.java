package io.usage4j.benchmarks;

import io.usage4j.cli.sandbox.Sandbox;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.Granularity;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.WindowUnit;
import io.usage4j.core.focus.FocusCsvWriter;
import io.usage4j.dataset.FocusParquetWriter;
import io.usage4j.dataset.ParquetCodec;
import io.usage4j.dataset.SyncOptions;
import io.usage4j.dataset.SyncReport;
import io.usage4j.dataset.SyncSource;
import io.usage4j.dataset.UsageDataset;
import io.usage4j.spi.UsageSources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.util.stream.Stream;

/**
 * The figures of BENCHMARKS.md's "Parquet dataset" section. Run from the repository root:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.usage4j.benchmarks.DatasetHarness [all|write|memory|requests]
 * </pre>
 *
 * <ul>
 *   <li>{@code write}: the same rows through {@link FocusCsvWriter} and {@link FocusParquetWriter}
 *       (records/s and bytes, median of 5 rounds after 2 warm-ups), and DuckDB converting that CSV to
 *       Parquet as the reference;
 *   <li>{@code memory}: a sync of 1,000,000 records into one partition, in a child JVM with
 *       {@code -Xmx64m}, reporting the heap after each GC;
 *   <li>{@code requests}: the requests a full sync of 24 months and a daily re-sync send to the sandbox.
 * </ul>
 * It asserts nothing: it prints what it measured.
 */
public final class DatasetHarness {
    private static final int ROWS = 200_000;
    private static final List<String> EXTENSIONS = List.of("x_ZoneId", "x_BillableMetricId");

    private DatasetHarness() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "all" : args[0];
        System.out.printf(Locale.ROOT, "# JDK %s, %d cores, load average %.2f at start%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        switch (command) {
            case "all" -> {
                write();
                memory();
                requests();
            }
            case "write" -> write();
            case "memory" -> memory();
            case "requests" -> requests();
            case "memory-child" -> memoryChild(Long.parseLong(args[1]), Path.of(args[2]));
            default -> {
                System.err.println("usage: DatasetHarness [all|write|memory|requests]");
                System.exit(64);
            }
        }
    }

    /** Record {@code i} of a Cloudflare-like month: 10 metrics × 3 zones per day, exact decimals. */
    static UsageRecord record(long i, LocalDate month) {
        int day = (int) (i / 30 % month.lengthOfMonth());
        Instant start = month.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant();
        return UsageRecord.builder()
                .billingAccountId("023e105f4ecef8ad9ca31a8372d0c353")
                .billingAccountName("Benchmark Account")
                .chargePeriodStart(start)
                .chargePeriodEnd(start.plusSeconds(86_400))
                .chargeCategory(ChargeCategory.USAGE)
                .chargeDescription("Workers Standard Requests — daily usage")
                .consumedQuantity(BigDecimal.valueOf(2_400_000L + i * 37 % 100_000, i % 7 == 0 ? 6 : 0))
                .consumedUnit("Requests")
                .billedCost(BigDecimal.valueOf(i * 13 % 1_000_000, 4))
                .billingCurrency("USD")
                .serviceName("Workers")
                .serviceProviderName("Cloudflare")
                .hostProviderName("Cloudflare")
                .invoiceIssuerName("Cloudflare")
                .skuId("metric-" + (i % 10))
                .putExtensions("x_ZoneId", "zone-" + (i / 10 % 3))
                .putExtensions("x_BillableMetricId", "metric-" + (i % 10))
                .build();
    }

    // ---------------------------------------------------------------------------------- write

    private static void write() throws Exception {
        List<UsageRecord> rows = new ArrayList<>(ROWS);
        for (long i = 0; i < ROWS; i++) {
            rows.add(record(i, LocalDate.parse("2026-10-01")));
        }
        Path dir = Files.createTempDirectory("usage4j-write-");
        Path csv = dir.resolve("rows.csv");
        long[] csvNanos = new long[5];
        long[] zstdNanos = new long[5];
        long[] snappyNanos = new long[5];
        for (int round = -2; round < 5; round++) {
            long t0 = System.nanoTime();
            Files.deleteIfExists(csv);
            try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8); FocusCsvWriter writer = new FocusCsvWriter(out, EXTENSIONS)) {
                rows.forEach(writer::write);
            }
            long t1 = System.nanoTime();
            Path zstd = dir.resolve("zstd-" + round + ".parquet");
            try (FocusParquetWriter writer = FocusParquetWriter.builder(zstd).extensionColumns(EXTENSIONS).codec(ParquetCodec.ZSTD).build()) {
                rows.forEach(writer::write);
            }
            long t2 = System.nanoTime();
            Path snappy = dir.resolve("snappy-" + round + ".parquet");
            try (FocusParquetWriter writer = FocusParquetWriter.builder(snappy).extensionColumns(EXTENSIONS).codec(ParquetCodec.SNAPPY).build()) {
                rows.forEach(writer::write);
            }
            long t3 = System.nanoTime();
            if (round >= 0) {
                csvNanos[round] = t1 - t0;
                zstdNanos[round] = t2 - t1;
                snappyNanos[round] = t3 - t2;
            }
        }
        long csvBytes = Files.size(csv);
        long zstdBytes = Files.size(dir.resolve("zstd-4.parquet"));
        long snappyBytes = Files.size(dir.resolve("snappy-4.parquet"));
        long[] duckNanos = new long[5];
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            for (int round = -1; round < 5; round++) {
                Path out = dir.resolve("duckdb-" + round + ".parquet");
                long t0 = System.nanoTime();
                statement.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true)) TO '" + out
                        + "' (FORMAT parquet, COMPRESSION zstd)");
                if (round >= 0) {
                    duckNanos[round] = System.nanoTime() - t0;
                }
            }
        }
        long duckBytes = Files.size(dir.resolve("duckdb-4.parquet"));
        System.out.println();
        System.out.println("## Parquet writer: " + String.format(Locale.ROOT, "%,d", ROWS) + " rows, median of 5 rounds after 2 warm-ups");
        System.out.println("| writer | records/s | MiB | bytes / CSV bytes |");
        System.out.println("|---|---:|---:|---:|");
        row("FocusCsvWriter (CSV)", csvNanos, csvBytes, csvBytes);
        row("FocusParquetWriter ZSTD", zstdNanos, zstdBytes, csvBytes);
        row("FocusParquetWriter SNAPPY", snappyNanos, snappyBytes, csvBytes);
        row("DuckDB 2.0 COPY CSV to Parquet (ZSTD, reference; reads the CSV too)", duckNanos, duckBytes, csvBytes);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private static void row(String name, long[] nanos, long bytes, long csvBytes) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double perSecond = ROWS / (sorted[sorted.length / 2] / 1e9);
        System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %.3f |%n", name, perSecond, bytes / 1048576.0, (double) bytes / csvBytes);
    }

    // --------------------------------------------------------------------------------- memory

    private static void memory() throws Exception {
        System.out.println();
        System.out.println("## Memory: sync of one month of N records into one partition, child JVM -Xmx64m");
        System.out.println("| records | seconds | Parquet MiB | max heap after a GC MiB | GCs |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (long n : new long[] {100_000, 1_000_000}) {
            Path dir = Files.createTempDirectory("usage4j-memory-");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
                    DatasetHarness.class.getName(), "memory-child", Long.toString(n), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String report = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("|")) {
                        report = line;
                    }
                }
            }
            int exit = process.waitFor();
            System.out.println(exit == 0 && report != null ? report : "| " + n + " | child JVM failed with exit code " + exit + " |");
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void memoryChild(long records, Path dir) throws Exception {
        java.util.concurrent.atomic.AtomicLong maxAfterGc = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong gcs = new java.util.concurrent.atomic.AtomicLong();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
                maxAfterGc.accumulateAndGet(used, Math::max);
                gcs.incrementAndGet();
            }, null, null);
        }
        LocalDate month = LocalDate.parse("2026-10-01");
        UsageSource source = new GeneratedSource(records, month);
        long start = System.nanoTime();
        SyncReport report = UsageDataset.at(dir).sync(List.of(new SyncSource("usage:generated:1", source)),
                SyncOptions.defaults().withFrom(month).withTo(month.plusMonths(1))
                        .withClock(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC)));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (report.failed()) {
            throw new IllegalStateException("sync failed: " + report.outcomes());
        }
        long bytes;
        try (Stream<Path> walk = Files.walk(dir)) {
            bytes = walk.filter(f -> f.toString().endsWith(".parquet")).mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "| %,d | %.1f | %.1f | %.1f | %d |%n", records, seconds, bytes / 1048576.0,
                maxAfterGc.get() / 1048576.0, gcs.get());
    }

    /** A source generating {@code records} rows of one month lazily. */
    private static final class GeneratedSource implements UsageSource {
        private final long records;
        private final LocalDate month;

        GeneratedSource(long records, LocalDate month) {
            this.records = records;
            this.month = month;
        }

        @Override
        public String providerId() {
            return "generated";
        }

        @Override
        public SourceCapabilities capabilities() {
            return SourceCapabilities.builder().granularity(Granularity.DAY).windowUnit(WindowUnit.DAYS).windowSize(31)
                    .extensionColumns(EXTENSIONS).build();
        }

        @Override
        public Stream<UsageRecord> fetch(UsageQuery query) {
            return Stream.iterate(0L, i -> i < records, i -> i + 1).map(i -> record(i, month));
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    // ------------------------------------------------------------------------------- requests

    private static void requests() throws Exception {
        Instant day1 = Instant.parse("2026-11-23T06:00:00Z");
        Instant day2 = day1.plusSeconds(86_400);
        Path dir = Files.createTempDirectory("usage4j-requests-");
        long full;
        long daily;
        int fullMonths;
        int dailyMonths;
        try (Sandbox sandbox = Sandbox.builder().clock(Clock.fixed(day1, ZoneOffset.UTC)).faults(false).start()) {
            SyncReport report = sync(sandbox, dir, SyncOptions.defaults().withFrom(LocalDate.parse("2024-12-01"))
                    .withClock(Clock.fixed(day1, ZoneOffset.UTC)));
            full = sandbox.requests().size();
            fullMonths = report.requestedMonths();
        }
        try (Sandbox sandbox = Sandbox.builder().clock(Clock.fixed(day2, ZoneOffset.UTC)).faults(false).start()) {
            SyncReport report = sync(sandbox, dir, SyncOptions.defaults().withClock(Clock.fixed(day2, ZoneOffset.UTC)));
            daily = sandbox.requests().size();
            dailyMonths = report.requestedMonths();
        }
        System.out.println();
        System.out.println("## Requests: Cloudflare + Fastly (invoice usage) + Cloudinary, 24 months (2024-12 to 2026-11), sandbox");
        System.out.println("| sync | source months fetched | HTTP requests |");
        System.out.println("|---|---:|---:|");
        System.out.printf(Locale.ROOT, "| first (full) sync on 2026-11-23 | %d | %d |%n", fullMonths, full);
        System.out.printf(Locale.ROOT, "| daily re-sync on 2026-11-24 (look-back 2) | %d | %d |%n", dailyMonths, daily);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static SyncReport sync(Sandbox sandbox, Path dir, SyncOptions options) {
        UsageSources registry = UsageSources.builder().environment(name -> null).build();
        List<UsageSource> sources = List.of(
                registry.openSource("usage:cloudflare:" + Sandbox.CLOUDFLARE_ACCOUNT,
                        Map.of("base_url", sandbox.cloudflareBaseUrl(), "token", "sandbox-token-0123456789")),
                registry.openSource("usage:fastly:" + Sandbox.FASTLY_CUSTOMER, Map.of("base_url", sandbox.baseUrl(), "token", "sandbox")),
                registry.openSource("usage:cloudinary:" + Sandbox.CLOUDINARY_ACCOUNT,
                        Map.of("base_url", sandbox.baseUrl(), "api_key", "key", "api_secret", "secret")));
        try {
            List<SyncSource> sync = List.of(new SyncSource("usage:cloudflare:" + Sandbox.CLOUDFLARE_ACCOUNT, sources.get(0)),
                    new SyncSource("usage:fastly:" + Sandbox.FASTLY_CUSTOMER, sources.get(1)),
                    new SyncSource("usage:cloudinary:" + Sandbox.CLOUDINARY_ACCOUNT, sources.get(2)));
            SyncReport report = UsageDataset.at(dir).sync(sync, options);
            if (report.failed()) {
                throw new IllegalStateException("sync failed: " + report.with(io.usage4j.dataset.PartitionOutcome.Status.FAILED));
            }
            return report;
        } finally {
            sources.forEach(UsageSource::close);
        }
    }

}
