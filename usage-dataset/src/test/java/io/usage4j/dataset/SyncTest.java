package io.usage4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.UsageRecord;
import io.usage4j.dataset.PartitionOutcome.Status;
import io.usage4j.dataset.internal.DatasetLayout;
import io.usage4j.dataset.internal.JsonText;
import io.usage4j.dataset.internal.SyncEngine;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A dataset sync")
class SyncTest {
    static final String URL_A = "usage:cloudflare:acct-a";
    static final String URL_B = "usage:fastly:cust-b?dataset=services";
    static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    @TempDir
    Path dir;

    FakeSource a;
    FakeSource b;

    /** Four months of daily usage of two accounts of A, and one account of B. */
    @BeforeEach
    void upstream() {
        a = new FakeSource("cloudflare").upstream(days(List.of("acct-a", "acct-a2"), "2025-03-01", "2025-06-15", "1.25"));
        b = new FakeSource("fastly").upstream(days(List.of("cust-b"), "2025-03-01", "2025-06-15", "0.10"));
    }

    static List<UsageRecord> days(List<String> accounts, String from, String to, String cost) {
        List<UsageRecord> rows = new ArrayList<>();
        for (LocalDate day = LocalDate.parse(from); day.isBefore(LocalDate.parse(to)); day = day.plusDays(1)) {
            for (String account : accounts) {
                rows.add(Rows.day(account, day, cost, "1000." + day.getDayOfMonth()).putExtensions(Rows.EXTENSION, "z-" + account).build());
            }
        }
        return rows;
    }

    SyncOptions options(Instant now) {
        return SyncOptions.defaults().withClock(Clock.fixed(now, ZoneOffset.UTC));
    }

    SyncReport sync(Instant now, SyncOptions options, SyncSource... sources) {
        return UsageDataset.at(dir).sync(List.of(sources), options.withClock(Clock.fixed(now, ZoneOffset.UTC)));
    }

    SyncReport first() {
        return sync(NOW, options(NOW).withFrom(LocalDate.parse("2025-03-01")), new SyncSource(URL_A, a), new SyncSource(URL_B, b));
    }

    Path partition(String provider, String view, String account, String month) {
        return new DatasetLayout.Partition(provider, view, account, YearMonth.parse(month)).file(dir);
    }

    static List<UsageRecord> read(Path file) {
        try (FocusParquetReader reader = FocusParquetReader.open(file)) {
            return reader.records().toList();
        }
    }

    List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Nested
    @DisplayName("the first time")
    class First {
        @Test
        @DisplayName("writes one partition per source view, billing account and charge month, holding that month's rows")
        void layout() {
            SyncReport report = first();
            assertThat(report.failed()).isFalse();
            assertThat(report.with(Status.WRITTEN)).hasSize(2 * 4 + 4);
            Path march = partition("cloudflare", "default", "acct-a", "2025-03");
            assertThat(DatasetLayout.relative(dir, march))
                    .isEqualTo("provider=cloudflare/view=default/billing_account_id=acct-a/charge_month=2025-03/part-0.parquet");
            List<UsageRecord> rows = read(march);
            assertThat(rows).hasSize(31).allMatch(r -> r.billingAccountId().equals("acct-a"))
                    .allMatch(r -> YearMonth.from(r.chargePeriodStart().atOffset(ZoneOffset.UTC)).equals(YearMonth.of(2025, 3)));
            assertThat(read(partition("fastly", "services", "cust-b", "2025-06"))).hasSize(14);
            assertThat(UsageDataset.at(dir).partitions()).hasSize(12);
        }

        @Test
        @DisplayName("writes FOCUS 1.3 Recency metadata: one time sector per month, complete only once final")
        void recency() throws IOException {
            first();
            Map<?, ?> metadata = (Map<?, ?>) JsonText.parse(Files.readString(dir.resolve(DatasetLayout.METADATA)));
            List<?> recency = (List<?>) metadata.get("Recency");
            assertThat(recency).hasSize(2);
            Map<?, ?> cloudflare = (Map<?, ?>) recency.stream().filter(r -> ((Map<?, ?>) r).get("DatasetInstanceId")
                    .equals(io.usage4j.dataset.internal.DatasetMetadata.instanceId(URL_A))).findFirst().orElseThrow();
            assertThat(cloudflare.get("RecencyLastUpdated")).isEqualTo("2025-06-15T12:00:00Z");
            List<Object> sectors = new ArrayList<>((List<?>) cloudflare.get("TimeSectors"));
            assertThat(sectors).extracting(s -> (Object) ((Map<?, ?>) s).get("TimeSectorStart"))
                    .containsExactly((Object) "2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z", "2025-05-01T00:00:00Z", "2025-06-01T00:00:00Z");
            // finality lag 5 days: March to May ended long enough ago, June has not ended
            assertThat(sectors).extracting(s -> (Object) ((Map<?, ?>) s).get("TimeSectorComplete")).containsExactly((Object) true, true, true, false);
            List<?> sync = (List<?>) metadata.get("x_Sync");
            Map<?, ?> june = (Map<?, ?>) sync.stream().filter(s -> ((Map<?, ?>) s).get("Source").equals(URL_A)
                    && ((Map<?, ?>) s).get("ChargeMonth").equals("2025-06")).findFirst().orElseThrow();
            assertThat(june.get("FetchedFrom")).isEqualTo("2025-06-01");
            assertThat(june.get("FetchedTo")).isEqualTo("2025-06-16");
            assertThat(june.get("Records")).isEqualTo(new BigDecimal(28));
            assertThat((List<?>) june.get("Partitions")).allSatisfy(p -> assertThat((String) ((Map<?, ?>) p).get("Sha256")).hasSize(64));
        }

        @Test
        @DisplayName("refuses a source new to the dataset without a start date, before any request")
        void needsFrom() {
            assertThatThrownBy(() -> sync(NOW, options(NOW), new SyncSource(URL_A, a)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(URL_A).hasMessageContaining("--from");
            assertThat(a.queries).isEmpty();
        }
    }

    @Nested
    @DisplayName("run again")
    class Again {
        @Test
        @DisplayName("with unchanged upstream data leaves every partition's bytes and timestamp as they were")
        void idempotent() throws IOException {
            first();
            Map<Path, byte[]> before = new java.util.HashMap<>();
            Map<Path, FileTime> times = new java.util.HashMap<>();
            for (Path file : files()) {
                if (file.toString().endsWith(".parquet")) {
                    before.put(file, Files.readAllBytes(file));
                    times.put(file, Files.getLastModifiedTime(file));
                }
            }
            SyncReport again = sync(NOW.plusSeconds(3600), options(NOW), new SyncSource(URL_A, a), new SyncSource(URL_B, b));
            assertThat(again.with(Status.WRITTEN)).isEmpty();
            assertThat(again.with(Status.UNCHANGED)).isNotEmpty();
            for (Map.Entry<Path, byte[]> file : before.entrySet()) {
                assertThat(Files.readAllBytes(file.getKey())).as("%s", file.getKey()).isEqualTo(file.getValue());
                assertThat(Files.getLastModifiedTime(file.getKey())).isEqualTo(times.get(file.getKey()));
            }
            assertThat(files().stream().filter(f -> f.toString().endsWith(".parquet"))).hasSize(before.size());
            assertThat(read(partition("cloudflare", "default", "acct-a", "2025-06"))).hasSize(14);
        }

        @Test
        @DisplayName("replaces a restated value, and never duplicates a row")
        void restated() {
            first();
            List<UsageRecord> restated = new ArrayList<>();
            for (UsageRecord row : a.upstream()) {
                boolean may20 = row.chargePeriodStart().equals(Instant.parse("2025-05-20T00:00:00Z")) && row.billingAccountId().equals("acct-a");
                restated.add(may20 ? UsageRecord.builder().from(row).billedCost(new BigDecimal("7.77")).build() : row);
            }
            a.upstream(restated);
            SyncReport report = sync(NOW.plusSeconds(86_400), options(NOW), new SyncSource(URL_A, a));
            assertThat(report.with(Status.WRITTEN)).singleElement().satisfies(o -> {
                assertThat(o.path()).hasValue("provider=cloudflare/view=default/billing_account_id=acct-a/charge_month=2025-05/part-0.parquet");
                assertThat(o.detail()).contains("restated");
            });
            List<UsageRecord> may = read(partition("cloudflare", "default", "acct-a", "2025-05"));
            assertThat(may).hasSize(31);
            assertThat(may.stream().filter(r -> r.chargePeriodStart().equals(Instant.parse("2025-05-20T00:00:00Z"))))
                    .singleElement().satisfies(r -> assertThat(r.billedCost()).hasValue(new BigDecimal("7.77")));
        }

        @Test
        @DisplayName("drops a row that disappeared upstream, and deletes a partition whose rows all did")
        void disappeared() {
            first();
            a.upstream(a.upstream().stream()
                    .filter(r -> !r.chargePeriodStart().equals(Instant.parse("2025-06-03T00:00:00Z")))
                    .filter(r -> !(r.billingAccountId().equals("acct-a2") && !r.chargePeriodStart().isBefore(Instant.parse("2025-05-01T00:00:00Z"))
                            && r.chargePeriodStart().isBefore(Instant.parse("2025-06-01T00:00:00Z"))))
                    .toList());
            SyncReport report = sync(NOW.plusSeconds(86_400), options(NOW), new SyncSource(URL_A, a));
            assertThat(report.with(Status.REMOVED)).singleElement()
                    .satisfies(o -> assertThat(o.path().orElseThrow()).contains("acct-a2/charge_month=2025-05"));
            assertThat(partition("cloudflare", "default", "acct-a2", "2025-05")).doesNotExist();
            assertThat(partition("cloudflare", "default", "acct-a2", "2025-05").getParent()).doesNotExist();
            assertThat(read(partition("cloudflare", "default", "acct-a", "2025-06"))).hasSize(13)
                    .noneMatch(r -> r.chargePeriodStart().equals(Instant.parse("2025-06-03T00:00:00Z")));
            assertThat(UsageDataset.at(dir).partitions()).doesNotContain(
                    "provider=cloudflare/view=fastly/billing_account_id=acct-a2/charge_month=2025-05/part-0.parquet");
            assertThat(UsageDataset.at(dir).validate().filter(f -> f.violation().isError())).isEmpty();
        }

        @Test
        @DisplayName("a day later fetches only the look-back months; --full fetches all; a month not final is fetched whatever its age")
        void plan() {
            first();
            a.queries.clear();
            sync(NOW.plusSeconds(86_400), options(NOW), new SyncSource(URL_A, a));
            assertThat(a.queries).extracting(q -> YearMonth.from(q.from()))
                    .containsExactly(YearMonth.of(2025, 4), YearMonth.of(2025, 5), YearMonth.of(2025, 6));
            a.queries.clear();
            sync(NOW.plusSeconds(86_400), options(NOW).withLookbackMonths(0), new SyncSource(URL_A, a));
            assertThat(a.queries).extracting(q -> YearMonth.from(q.from())).containsExactly(YearMonth.of(2025, 6));
            a.queries.clear();
            sync(NOW.plusSeconds(86_400), options(NOW).withFull(true), new SyncSource(URL_A, a));
            assertThat(a.queries).hasSize(4);
            a.queries.clear();
            // months later: June was last fetched before it was final, so it is fetched although outside the look-back
            Instant october = Instant.parse("2025-10-10T00:00:00Z");
            sync(october, options(october).withLookbackMonths(0), new SyncSource(URL_A, a));
            assertThat(a.queries).extracting(q -> YearMonth.from(q.from()))
                    .containsExactly(YearMonth.of(2025, 6), YearMonth.of(2025, 7), YearMonth.of(2025, 8), YearMonth.of(2025, 9),
                            YearMonth.of(2025, 10));
        }
    }

    @Nested
    @DisplayName("when something fails")
    class Failures {
        @Test
        @DisplayName("keeps a failing source's partitions as they were while the other sources proceed")
        void failingSource() throws IOException {
            first();
            Path june = partition("cloudflare", "default", "acct-a", "2025-06");
            byte[] before = Files.readAllBytes(june);
            a.failing(true).upstream(days(List.of("acct-a"), "2025-03-01", "2025-06-15", "9.99"));
            b.upstream(days(List.of("cust-b"), "2025-03-01", "2025-06-15", "0.20"));
            SyncReport report = sync(NOW.plusSeconds(86_400), options(NOW), new SyncSource(URL_A, a), new SyncSource(URL_B, b));
            assertThat(report.failed()).isTrue();
            assertThat(report.with(Status.FAILED)).allMatch(o -> o.source().equals(URL_A)).hasSize(3)
                    .first().satisfies(o -> assertThat(o.detail()).contains("HTTP 503").contains("previous version"));
            assertThat(a.queries).hasSize(1 + 4);
            assertThat(Files.readAllBytes(june)).isEqualTo(before);
            assertThat(report.with(Status.WRITTEN)).hasSize(3).allMatch(o -> o.source().equals(URL_B));
        }

        @Test
        @DisplayName("mid-stream leaves the month's previous version and no temporary file")
        void midStream() throws IOException {
            first();
            Path may = partition("cloudflare", "default", "acct-a", "2025-05");
            byte[] before = Files.readAllBytes(may);
            a.upstream(days(List.of("acct-a", "acct-a2"), "2025-03-01", "2025-06-15", "2.50")).failAfter(20);
            SyncReport report = sync(NOW.plusSeconds(86_400), options(NOW), new SyncSource(URL_A, a));
            assertThat(report.with(Status.FAILED)).first().satisfies(o -> assertThat(o.detail()).contains("connection reset"));
            assertThat(Files.readAllBytes(may)).isEqualTo(before);
            assertThat(files()).noneMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        }

        @Test
        @DisplayName("between writing a partition and swapping it in leaves the previous version readable")
        void crashBeforeSwap() throws IOException {
            first();
            Path may = partition("cloudflare", "default", "acct-a", "2025-05");
            byte[] before = Files.readAllBytes(may);
            a.upstream(days(List.of("acct-a", "acct-a2"), "2025-03-01", "2025-06-15", "3.75"));
            SyncEngine crashing = new SyncEngine(dir.toAbsolutePath(), (temporary, target) -> {
                assertThat(temporary).exists().hasParent(target.getParent());
                throw new IOException("disk full (injected between write and swap)");
            });
            SyncReport report = crashing.sync(List.of(new SyncSource(URL_A, a)), options(NOW.plusSeconds(86_400)), SyncListener.NONE);
            assertThat(report.with(Status.FAILED)).first().satisfies(o -> assertThat(o.detail()).contains("disk full"));
            assertThat(Files.readAllBytes(may)).isEqualTo(before);
            assertThat(read(may)).allSatisfy(r -> assertThat(r.billedCost()).hasValue(new BigDecimal("1.25")));
            SyncReport healed = sync(NOW.plusSeconds(2 * 86_400), options(NOW), new SyncSource(URL_A, a));
            assertThat(healed.failed()).isFalse();
            assertThat(read(may)).allSatisfy(r -> assertThat(r.billedCost()).hasValue(new BigDecimal("3.75")));
        }

        @Test
        @DisplayName("refuses to let a second source of the same provider and view overwrite the first one's partitions")
        void ownership() {
            first();
            FakeSource twin = new FakeSource("cloudflare").upstream(days(List.of("acct-a"), "2025-06-01", "2025-06-10", "5"));
            SyncReport report = sync(NOW, options(NOW).withFrom(LocalDate.parse("2025-06-01")),
                    new SyncSource("usage:cloudflare:acct-a?metric=x", twin));
            assertThat(report.with(Status.FAILED)).singleElement().satisfies(o -> assertThat(o.detail())
                    .contains("kept current by another source, " + URL_A));
            assertThat(read(partition("cloudflare", "default", "acct-a", "2025-06")))
                    .allSatisfy(r -> assertThat(r.billedCost()).hasValue(new BigDecimal("1.25")));
        }
    }

    @Nested
    @DisplayName("validation")
    class Validation {
        @Test
        @DisplayName("passes a synced dataset and catches a file changed behind its back or gone")
        void integrity() throws IOException {
            first();
            assertThat(UsageDataset.at(dir).validate().filter(f -> f.violation().isError())).isEmpty();
            Path june = partition("fastly", "services", "cust-b", "2025-06");
            Path other = dir.resolve("other.parquet");
            try (FocusParquetWriter writer = FocusParquetWriter.create(other, List.of(Rows.EXTENSION))) {
                writer.write(Rows.day("cust-b", LocalDate.parse("2025-06-02"), "1", "1").build());
            }
            Files.move(other, june, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.delete(partition("cloudflare", "default", "acct-a", "2025-04"));
            List<DatasetFinding> findings = UsageDataset.at(dir).validate().filter(f -> f.violation().isError()).toList();
            assertThat(findings).extracting(DatasetFinding::toString).anySatisfy(line -> assertThat(line)
                    .contains("acct-a/charge_month=2025-04").contains("missing on disk"));
            assertThat(findings).extracting(DatasetFinding::toString).anySatisfy(line -> assertThat(line)
                    .contains("cust-b/charge_month=2025-06").contains("differs from the one in"));
            assertThat(Optional.of(findings.size())).hasValueSatisfying(n -> assertThat(n).isEqualTo(2));
        }
    }
}
