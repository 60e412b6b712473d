package io.usage4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.usage4j.core.UsageRecord;
import io.usage4j.dataset.internal.DatasetLayout;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A sync process that dies")
class KilledProcessTest {
    @TempDir
    Path dir;

    private final Map<Path, byte[]> before = new HashMap<>();

    @BeforeEach
    void previousVersion() throws Exception {
        FakeSource source = new FakeSource("cloudflare").upstream(SyncTest.days(List.of("acct-a", "acct-a2"), "2025-03-01", "2025-06-15", "1.25"));
        UsageDataset.at(dir).sync(List.of(new SyncSource(SyncTest.URL_A, source)), SyncOptions.defaults()
                .withFrom(LocalDate.parse("2025-03-01")).withClock(Clock.fixed(SyncTest.NOW, ZoneOffset.UTC)));
        for (Path file : parquetFiles()) {
            before.put(file, Files.readAllBytes(file));
        }
        before.put(dir.resolve(DatasetLayout.METADATA), Files.readAllBytes(dir.resolve(DatasetLayout.METADATA)));
        assertThat(before).hasSize(9);
    }

    private List<Path> parquetFiles() throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private List<Path> temporaries() throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private Process child(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                KilledSyncMain.class.getName(), dir.toString(), mode).redirectErrorStream(true).start();
    }

    private static String waitFor(Process process, String prefix) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the child ended without printing " + prefix + ":\n" + seen);
    }

    private void assertPreviousVersionIntact() throws Exception {
        for (Map.Entry<Path, byte[]> file : before.entrySet()) {
            assertThat(Files.readAllBytes(file.getKey())).as("%s", file.getKey()).isEqualTo(file.getValue());
        }
        assertThat(parquetFiles()).hasSize(8);
        for (Path file : parquetFiles()) {
            try (FocusParquetReader reader = FocusParquetReader.open(file)) {
                assertThat(reader.records().map(UsageRecord::billedCost)).allSatisfy(cost -> assertThat(cost).hasValue(new BigDecimal("1.25")));
            }
        }
    }

    private void assertNextSyncHeals() throws Exception {
        FakeSource source = new FakeSource("cloudflare").upstream(SyncTest.days(List.of("acct-a", "acct-a2"), "2025-03-01", "2025-06-15", "8.88"));
        SyncReport report = UsageDataset.at(dir).sync(List.of(new SyncSource(SyncTest.URL_A, source)),
                SyncOptions.defaults().withClock(Clock.fixed(SyncTest.NOW.plusSeconds(7200), ZoneOffset.UTC)));
        assertThat(report.failed()).isFalse();
        assertThat(temporaries()).isEmpty();
        Path june = new DatasetLayout.Partition("cloudflare", "default", "acct-a", YearMonth.of(2025, 6)).file(dir);
        try (FocusParquetReader reader = FocusParquetReader.open(june)) {
            assertThat(reader.records().map(UsageRecord::billedCost)).allSatisfy(cost -> assertThat(cost).hasValue(new BigDecimal("8.88")));
        }
        assertThat(UsageDataset.at(dir).validate().filter(f -> f.violation().isError())).isEmpty();
    }

    @Test
    @DisplayName("killed (SIGKILL) while writing a partition leaves every previous file intact, and the next sync cleans up")
    void killedMidWrite() throws Exception {
        Process process = child("mid-write");
        try {
            waitFor(process, "WRITING");
            assertThat(temporaries()).isNotEmpty();
            process.destroyForcibly();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertPreviousVersionIntact();
        assertNextSyncHeals();
    }

    @Test
    @DisplayName("dying between writing a partition and swapping it in leaves the previous version in place")
    void haltedBeforeSwap() throws Exception {
        Process process = child("before-swap");
        try {
            String line = waitFor(process, "SWAPPING");
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(137);
            String temporary = line.substring("SWAPPING ".length());
            assertThat(temporaries()).extracting(p -> p.getFileName().toString()).contains(temporary);
        } finally {
            process.destroyForcibly();
        }
        assertPreviousVersionIntact();
        assertNextSyncHeals();
    }
}
