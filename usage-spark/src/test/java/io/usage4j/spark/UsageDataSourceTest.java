package io.usage4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.cli.sandbox.Sandbox;
import io.usage4j.core.AuthenticationException;
import io.usage4j.core.ConfigurationException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.spi.UsageSources;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("spark.read.format(\"usage4j\") in local mode against the sandbox")
class UsageDataSourceTest {
    static final String CF_TOKEN = "cf-secret-7f3a9c51d2e84b06";
    static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    static final LocalDate TO = LocalDate.of(2026, 1, 1);
    static final int ACCOUNTS = 50;
    static final Set<String> METRICS = Set.of("workers_standard_requests", "argo_smart_routing_data_transfer");

    static SparkSession spark;
    static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = SparkFixture.sandbox();
        spark = SparkFixture.session();
    }

    @AfterAll
    static void stop() {
        spark.stop();
        sandbox.close();
    }

    static List<String> cloudflareUrls(int accounts) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            urls.add("usage:cloudflare:" + String.format("%032x", 0xacc0000L + i));
        }
        return urls;
    }

    static DataFrameReader reader() {
        return spark.read().format("usage4j")
                .option("from", FROM.toString()).option("to", TO.toString())
                .option("cloudflare.token", CF_TOKEN)
                .option("cloudflare.base_url", sandbox.cloudflareBaseUrl())
                .option("fastly.token", "fastly-secret-0d9e8f")
                .option("fastly.base_url", sandbox.baseUrl())
                .option("latitude.token", "latitude-secret-61ab")
                .option("latitude.base_url", sandbox.baseUrl());
    }

    /** What the library itself answers for {@code url}, with the same properties. */
    static List<UsageRecord> library(String url, Map<String, String> properties, Set<String> metrics) {
        try (UsageSource source = UsageSources.open(url, properties);
             Stream<UsageRecord> records = source.fetch(UsageQuery.builder().from(FROM).to(TO).metrics(metrics).build())) {
            return records.toList();
        }
    }

    static Map<String, String> cloudflareProperties() {
        return Map.of("token", CF_TOKEN, "base_url", sandbox.cloudflareBaseUrl());
    }

    @Nested
    @DisplayName("50 Cloudflare accounts × 12 months")
    class ManyAccounts {
        @Test
        @DisplayName("one split per (URL × window), and the DataFrame's per-account totals equal the library's BigDecimal sums exactly")
        void totalsEqualLibrary() {
            List<String> urls = cloudflareUrls(ACCOUNTS);
            // Two of Cloudflare's ten metrics (pushed to its API as `metric`), to keep the test's data small.
            Dataset<Row> usage = reader().option("metrics", String.join(",", METRICS)).load(String.join(",", urls));

            // 12 Cloudflare windows of at most 31 days per account, as core's planner cuts them.
            int windows = QueryPlanner.create().windows("cloudflare", UsageQuery.between(FROM, TO),
                    UsageSources.installed().provider("cloudflare").orElseThrow().capabilities()).size();
            assertThat(windows).isEqualTo(12);
            assertThat(usage.rdd().getNumPartitions()).isEqualTo(ACCOUNTS * windows);

            List<Row> totals = usage.groupBy("BillingAccountId")
                    .agg(count(lit(1)).as("n"), sum("ConsumedQuantity").as("q"), sum("BilledCost").as("c"))
                    .collectAsList();
            Map<String, Row> byAccount = new TreeMap<>();
            totals.forEach(row -> byAccount.put(row.getString(0), row));

            Map<String, BigDecimal[]> expected = new TreeMap<>();
            Map<String, Long> expectedCount = new HashMap<>();
            for (String url : cloudflareUrls(ACCOUNTS)) {
                add(library(url, cloudflareProperties(), METRICS), expected, expectedCount);
            }

            assertThat(byAccount.keySet()).isEqualTo(expected.keySet()).hasSize(ACCOUNTS);
            long rows = 0;
            for (Map.Entry<String, BigDecimal[]> account : expected.entrySet()) {
                Row row = byAccount.get(account.getKey());
                assertThat(row.getLong(1)).as(account.getKey()).isEqualTo(expectedCount.get(account.getKey()));
                assertThat(exact(row, 2)).as("ConsumedQuantity of " + account.getKey()).isEqualByComparingTo(account.getValue()[0]);
                assertThat(exact(row, 3)).as("BilledCost of " + account.getKey()).isEqualByComparingTo(account.getValue()[1]);
                rows += row.getLong(1);
            }
            // Every day of 2025, the two metrics, the sandbox's three zones.
            assertThat(rows).isEqualTo(ACCOUNTS * 365L * METRICS.size() * 3);
        }

        @Test
        @DisplayName("money: Latitude.sh's billed, effective and list costs equal the library's BigDecimal sums exactly")
        void money() {
            String latitude = "usage:latitude:" + Sandbox.LATITUDE_PROJECT;
            LocalDate from = LocalDate.of(2026, 10, 1);
            LocalDate to = LocalDate.of(2026, 12, 1);
            Row spark = reader().option("from", from.toString()).option("to", to.toString()).load(latitude)
                    .agg(count(lit(1)), sum("BilledCost"), sum("EffectiveCost"), sum("ListCost")).first();
            List<UsageRecord> records;
            try (UsageSource source = UsageSources.open(latitude, Map.of("token", "latitude-secret-61ab",
                    "base_url", sandbox.baseUrl()));
                 Stream<UsageRecord> stream = source.fetch(UsageQuery.between(from, to))) {
                records = stream.toList();
            }
            assertThat(records).isNotEmpty();
            assertThat(spark.getLong(0)).isEqualTo(records.size());
            assertThat(exact(spark, 1)).isEqualTo(total(records, UsageRecord::billedCost)).isPositive();
            assertThat(exact(spark, 2)).isEqualTo(total(records, UsageRecord::effectiveCost));
            assertThat(exact(spark, 3)).isEqualTo(total(records, UsageRecord::listCost));
            assertThat(exact(spark, 1)).isNotEqualTo(exact(spark, 3)).as("discounts make billed and list costs differ");
        }

        private BigDecimal total(List<UsageRecord> records, Function<UsageRecord, Optional<BigDecimal>> column) {
            return records.stream().map(column).flatMap(Optional::stream).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .stripTrailingZeros();
        }

        private void add(List<UsageRecord> records, Map<String, BigDecimal[]> sums, Map<String, Long> counts) {
            for (UsageRecord record : records) {
                BigDecimal[] total = sums.computeIfAbsent(record.billingAccountId(), id -> new BigDecimal[2]);
                total[0] = plus(total[0], record.consumedQuantity());
                total[1] = plus(total[1], record.billedCost());
                counts.merge(record.billingAccountId(), 1L, Long::sum);
            }
        }

        private BigDecimal plus(BigDecimal total, Optional<BigDecimal> value) {
            return value.map(v -> total == null ? v : total.add(v)).orElse(total);
        }

        /** The Spark sum with its DECIMAL scale's trailing zeros dropped, so equality is numeric and exact. */
        private BigDecimal exact(Row row, int i) {
            return row.isNullAt(i) ? null : row.getDecimal(i).stripTrailingZeros();
        }
    }

    @Nested
    @DisplayName("schema")
    class Schema {
        @Test
        @DisplayName("FOCUS columns with exact DECIMAL(38,18) money and quantities, TIMESTAMP periods, MAP tags, and the providers' x_ columns")
        void types() {
            StructType schema = reader().load("usage:cloudflare:" + Sandbox.CLOUDFLARE_ACCOUNT).schema();
            assertThat(schema.apply("BilledCost").dataType()).isEqualTo(DataTypes.createDecimalType(38, 18));
            assertThat(schema.apply("ConsumedQuantity").dataType()).isEqualTo(DataTypes.createDecimalType(38, 18));
            assertThat(schema.apply("ChargePeriodStart").dataType()).isEqualTo(DataTypes.TimestampType);
            assertThat(schema.apply("BillingPeriodEnd").dataType()).isEqualTo(DataTypes.TimestampType);
            assertThat(schema.apply("Tags").dataType())
                    .isEqualTo(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false));
            assertThat(schema.fieldNames()).contains("x_ZoneName");
            assertThat(schema.apply("BillingAccountId").nullable()).isFalse();
        }
    }

    @Nested
    @DisplayName("a failing account")
    class Failure {
        @Test
        @DisplayName("fails the job with the typed error and names the failing usage URL")
        void failsNamingUrl() {
            String failing = "usage:cloudflare:" + Sandbox.CLOUDFLARE_ACCOUNT + "?dataset=paygo";
            List<String> urls = new ArrayList<>(cloudflareUrls(3));
            urls.add(failing);
            Dataset<Row> usage = reader().load(String.join(",", urls));

            assertThatThrownBy(usage::count)
                    .isInstanceOf(SparkException.class)
                    .hasMessageContaining(failing)
                    .hasMessageContaining("AuthenticationException")
                    .hasMessageNotContaining(CF_TOKEN)
                    .satisfies(e -> {
                        UsageSplitException split = cause(e, UsageSplitException.class);
                        assertThat(split).as("the split's typed error reaches the driver").isNotNull();
                        assertThat(split.url()).isEqualTo(failing);
                        assertThat(split.window()).startsWith("[2025-");
                        assertThat(split.getCause()).isInstanceOf(AuthenticationException.class);
                        assertThat(split.httpStatus()).hasValue(403);
                    });
        }

        @Test
        @DisplayName("a wrong option fails on the driver, before any task, saying what to do")
        void badOptionsFailOnDriver() {
            assertThatThrownBy(() -> reader().option("cloudflare.tokn", "x").load("usage:cloudflare:a"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("cloudflare.tokn").hasMessageContaining("token");
            assertThatThrownBy(() -> spark.read().format("usage4j").option("to", "2025-02-01").load("usage:cloudflare:a"))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("'from' is required");
            assertThatThrownBy(() -> reader().load("usage:nosuch:a").count())
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("nosuch").hasMessageContaining("cloudflare");
            assertThatThrownBy(() -> reader().load("usage:cloudflare:a,usage:cloudflare:a"))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("given twice");
        }
    }

    @Nested
    @DisplayName("Parquet")
    class Parquet {
        @TempDir
        Path dir;

        @Test
        @DisplayName("df.write.partitionBy(BillingAccountId).parquet(...) round-trips every row, decimals and timestamps exact")
        void roundTrip() {
            Dataset<Row> usage = reader().option("to", "2025-02-01").load(String.join(",", cloudflareUrls(2)));
            String out = dir.resolve("usage").toString();
            usage.write().partitionBy("BillingAccountId").parquet(out);

            Dataset<Row> back = spark.read().parquet(out);
            assertThat(back.schema().apply("ConsumedQuantity").dataType()).isEqualTo(DataTypes.createDecimalType(38, 18));
            assertThat(back.schema().apply("ChargePeriodStart").dataType()).isEqualTo(DataTypes.TimestampType);
            // Row for row, in the reader's column order (partitionBy moves BillingAccountId last on the way back).
            Column[] columns = java.util.Arrays.stream(usage.columns()).map(c -> col(c)).toArray(Column[]::new);
            List<Row> written = usage.collectAsList();
            List<Row> read = back.select(columns).collectAsList();
            assertThat(written).hasSize(2 * 31 * 30);
            assertThat(read).containsExactlyInAnyOrderElementsOf(written);
        }
    }

    static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static Timestamp at(String instant) {
        return Timestamp.from(Instant.parse(instant));
    }
}
