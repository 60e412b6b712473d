package io.usage4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.usage4j.cli.sandbox.Sandbox;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.spi.UsageSources;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("usage4j reads: pushdown, pruning, the concurrency cap and the ways to pass URLs")
class PushdownTest {
    static final String TOKEN = "cf-secret-pushdown-5be1";
    static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    static final LocalDate TO = LocalDate.of(2026, 1, 1);
    static final List<String> URLS = List.of("usage:cloudflare:0000000000000000000000000000aaa1",
            "usage:cloudflare:0000000000000000000000000000aaa2", "usage:cloudflare:0000000000000000000000000000aaa3");

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

    static DataFrameReader reader() {
        return spark.read().format("usage4j").option("from", FROM.toString()).option("to", TO.toString())
                .option("cloudflare.token", TOKEN).option("cloudflare.base_url", sandbox.cloudflareBaseUrl());
    }

    static List<UsageRecord> library(String url) {
        try (UsageSource source = UsageSources.open(url, Map.of("token", TOKEN, "base_url", sandbox.cloudflareBaseUrl()));
             Stream<UsageRecord> records = source.fetch(UsageQuery.between(FROM, TO))) {
            return records.toList();
        }
    }

    static String executed(Dataset<Row> frame) {
        return frame.queryExecution().executedPlan().toString();
    }

    @Nested
    @DisplayName("filters")
    class Filters {
        @Test
        @DisplayName("a ChargePeriodStart range narrows the planned splits to the windows it touches, and the rows stay exact")
        void chargePeriodStart() {
            Instant march = Instant.parse("2025-03-01T00:00:00Z");
            Instant april = Instant.parse("2025-04-01T00:00:00Z");
            Dataset<Row> march2025 = reader().load(String.join(",", URLS))
                    .filter(col("ChargePeriodStart").geq(lit(Timestamp.from(march))))
                    .filter(col("ChargePeriodStart").lt(lit(Timestamp.from(april))));

            assertThat(march2025.queryExecution().toRdd().getNumPartitions()).isEqualTo(URLS.size());
            assertThat(executed(march2025)).contains("range [2025-03-01, 2025-04-01)");

            long expected = URLS.stream().flatMap(url -> library(url).stream())
                    .filter(r -> !r.chargePeriodStart().isBefore(march) && r.chargePeriodStart().isBefore(april)).count();
            assertThat(march2025.count()).isEqualTo(expected).isPositive();
        }

        @Test
        @DisplayName("BillingAccountId = / IN are applied in the reader, and Spark's answer is unchanged")
        void billingAccount() {
            String wanted = URLS.get(1).substring("usage:cloudflare:".length());
            Dataset<Row> one = reader().option("to", "2025-03-01").load(String.join(",", URLS))
                    .filter(col("BillingAccountId").equalTo(wanted));
            assertThat(executed(one)).contains("BillingAccountId in 1 value(s)");
            List<Row> accounts = one.select("BillingAccountId").distinct().collectAsList();
            assertThat(accounts).extracting(r -> r.getString(0)).containsExactly(wanted);

            Dataset<Row> two = reader().option("to", "2025-03-01").load(String.join(",", URLS))
                    .filter(col("BillingAccountId").isin(wanted, "no-such-account"));
            assertThat(two.count()).isEqualTo(one.count()).isPositive();
        }

        @Test
        @DisplayName("a range the filters leave empty plans no split and reads nothing")
        void empty() {
            Dataset<Row> none = reader().load(String.join(",", URLS))
                    .filter(col("ChargePeriodStart").lt(lit(Timestamp.from(Instant.parse("2024-06-01T00:00:00Z")))));
            assertThat(none.queryExecution().toRdd().getNumPartitions()).isZero();
            assertThat(none.count()).isZero();
        }
    }

    @Nested
    @DisplayName("column pruning")
    class Pruning {
        @Test
        @DisplayName("the scan reads only the selected columns")
        void onlySelected() {
            Dataset<Row> costs = reader().option("to", "2025-02-01").load(URLS.get(0))
                    .select("BillingAccountId", "ConsumedQuantity");
            assertThat(executed(costs)).containsPattern("BatchScan usage4j\\[BillingAccountId#\\d+, ConsumedQuantity#\\d+\\]");
            BigDecimal total = costs.agg(sum("ConsumedQuantity")).first().getDecimal(0);
            BigDecimal expected = library(URLS.get(0)).stream()
                    .filter(r -> r.chargePeriodStart().isBefore(Instant.parse("2025-02-01T00:00:00Z")))
                    .map(r -> r.consumedQuantity().orElseThrow()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(total.compareTo(expected)).isZero();
        }
    }

    @Nested
    @DisplayName("max_concurrent_tasks.<provider>")
    class Cap {
        @Test
        @DisplayName("packs the provider's splits into that many partitions, so at most that many tasks read it at once, and the answer is the same")
        void capped() {
            Dataset<Row> capped = reader().option("max_concurrent_tasks.cloudflare", "2").load(String.join(",", URLS));
            Dataset<Row> free = reader().load(String.join(",", URLS));
            assertThat(capped.queryExecution().toRdd().getNumPartitions()).isEqualTo(2);
            assertThat(free.queryExecution().toRdd().getNumPartitions()).isEqualTo(URLS.size() * 12);
            assertThat(capped.agg(sum("ConsumedQuantity")).first().getDecimal(0))
                    .isEqualTo(free.agg(sum("ConsumedQuantity")).first().getDecimal(0));
            assertThat(capped.count()).isEqualTo(free.count());
        }
    }

    @Nested
    @DisplayName("passing thousands of URLs")
    class ManyUrls {
        @TempDir
        Path dir;

        @Test
        @DisplayName("urls_file: one URL per line, blank lines and # comments skipped")
        void file() throws Exception {
            Path file = dir.resolve("accounts.txt");
            Files.writeString(file, "# our Cloudflare accounts\n" + String.join("\n", URLS) + "\n\n", StandardCharsets.UTF_8);
            Dataset<Row> fromFile = reader().option("to", "2025-02-01").option("urls_file", file.toString()).load();
            Dataset<Row> fromLoad = reader().option("to", "2025-02-01").load(String.join(",", URLS));
            assertThat(fromFile.queryExecution().toRdd().getNumPartitions()).isEqualTo(URLS.size());
            assertThat(fromFile.count()).isEqualTo(fromLoad.count()).isPositive();
        }

        @Test
        @DisplayName("UsageSpark.urls: a DataFrame column of URLs, duplicates and nulls dropped")
        void column() {
            List<Row> rows = new ArrayList<>();
            for (String url : URLS) {
                rows.add(RowFactory.create(url));
                rows.add(RowFactory.create(url));
            }
            rows.add(RowFactory.create((Object) null));
            Dataset<Row> accounts = spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                    DataTypes.createStructField("url", DataTypes.StringType, true))));
            String urls = UsageSpark.urls(accounts, "url");
            assertThat(Arrays.asList(urls.split("\n"))).containsExactlyInAnyOrderElementsOf(URLS);

            Dataset<Row> usage = reader().option("to", "2025-02-01").option("urls", urls).load();
            assertThat(usage.select("BillingAccountId").distinct().count()).isEqualTo(URLS.size());
        }
    }
}
