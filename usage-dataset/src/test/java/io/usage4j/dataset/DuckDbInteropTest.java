package io.usage4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.usage4j.core.UsageRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DuckDB reading a synced dataset with hive partitioning")
class DuckDbInteropTest {
    @TempDir
    Path dir;

    private final List<UsageRecord> all = new ArrayList<>();

    /** Two sources, three accounts, four months; costs and quantities with up to 17 decimals and up to 16 integer digits (sums stay below DECIMAL(38,17)'s 10^21). */
    @BeforeEach
    void sync() {
        Random random = new Random(16);
        FakeSource cloudflare = new FakeSource("cloudflare");
        FakeSource fastly = new FakeSource("fastly");
        List<UsageRecord> cf = new ArrayList<>();
        List<UsageRecord> fa = new ArrayList<>();
        for (LocalDate day = LocalDate.parse("2025-03-01"); day.isBefore(LocalDate.parse("2025-06-15")); day = day.plusDays(1)) {
            for (String account : List.of("a-1", "a-2")) {
                cf.add(Rows.day(account, day, decimal(random, 6, 10), decimal(random, 12, 4))
                        .putTags("team", account.equals("a-1") ? "edge" : "core").build());
            }
            fa.add(Rows.day("0042", day, decimal(random, 2, 17), decimal(random, 16, 1)).build());
        }
        fa.add(Rows.day("0042", LocalDate.parse("2025-04-02"), "-0.00000000000000001", "0").billedCost(Optional.empty()).build());
        cloudflare.upstream(cf);
        fastly.upstream(fa);
        all.addAll(cf);
        all.addAll(fa);
        SyncReport report = UsageDataset.at(dir).sync(List.of(new SyncSource("usage:cloudflare:a", cloudflare),
                        new SyncSource("usage:fastly:0042?dataset=services", fastly)),
                SyncOptions.defaults().withFrom(LocalDate.parse("2025-03-01"))
                        .withClock(Clock.fixed(SyncTest.NOW, ZoneOffset.UTC)));
        assertThat(report.failed()).isFalse();
    }

    private static String decimal(Random random, int integerDigits, int decimals) {
        StringBuilder text = new StringBuilder(random.nextInt(10) == 0 ? "-" : "");
        text.append(1 + random.nextInt(9));
        for (int i = 1; i < integerDigits; i++) {
            text.append(random.nextInt(10));
        }
        text.append('.');
        for (int i = 0; i < decimals; i++) {
            text.append(random.nextInt(10));
        }
        return text.toString();
    }

    private String glob() {
        return "read_parquet('" + dir.toString().replace("'", "''") + "/**/*.parquet', hive_partitioning = true, hive_types_autocast = false)";
    }

    @Test
    @DisplayName("sums BilledCost and ConsumedQuantity exactly as BigDecimal does")
    void exactSums() throws Exception {
        BigDecimal cost = all.stream().flatMap(r -> r.billedCost().stream()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal quantity = all.stream().flatMap(r -> r.consumedQuantity().stream()).reduce(BigDecimal.ZERO, BigDecimal::add);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT sum(BilledCost), sum(ConsumedQuantity), count(*), count(BilledCost) FROM " + glob())) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBigDecimal(1)).isEqualByComparingTo(cost);
            assertThat(rows.getBigDecimal(2)).isEqualByComparingTo(quantity);
            assertThat(rows.getLong(3)).isEqualTo(all.size());
            assertThat(rows.getLong(4)).isEqualTo(all.size() - 1);
        }
    }

    @Test
    @DisplayName("sees the partition columns, the FOCUS types, and the tags as a map")
    void partitionsAndTypes() throws Exception {
        Map<String, BigDecimal> expected = new HashMap<>();
        for (UsageRecord r : all) {
            String key = r.billingAccountId() + "|" + r.chargePeriodStart().atOffset(ZoneOffset.UTC).toString().substring(0, 7);
            expected.merge(key, r.billedCost().orElse(BigDecimal.ZERO), BigDecimal::add);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            Map<String, BigDecimal> actual = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT billing_account_id, charge_month, coalesce(sum(BilledCost), 0), "
                    + "count(DISTINCT provider), count(DISTINCT view) FROM " + glob() + " GROUP BY ALL")) {
                while (rows.next()) {
                    actual.put(rows.getString(1) + "|" + rows.getString(2), rows.getBigDecimal(3));
                    assertThat(rows.getLong(4)).isEqualTo(1);
                }
            }
            assertThat(actual).hasSameSizeAs(expected);
            expected.forEach((key, sum) -> assertThat(actual.get(key)).as(key).isEqualByComparingTo(sum));
            Map<String, String> types = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("DESCRIBE SELECT * FROM " + glob())) {
                while (rows.next()) {
                    types.put(rows.getString("column_name"), rows.getString("column_type"));
                }
            }
            assertThat(types).containsEntry("BilledCost", "DECIMAL(38,17)").containsEntry("ChargePeriodStart", "TIMESTAMP WITH TIME ZONE")
                    .containsEntry("Tags", "MAP(VARCHAR, VARCHAR)").containsEntry("billing_account_id", "VARCHAR")
                    .containsEntry("provider", "VARCHAR").containsEntry("charge_month", "VARCHAR");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + glob() + " WHERE Tags['team'] = 'edge'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(all.stream().filter(r -> "edge".equals(r.tags().get("team"))).count());
            }
        }
    }
}
