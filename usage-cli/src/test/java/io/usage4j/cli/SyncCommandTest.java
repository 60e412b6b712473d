package io.usage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.usage4j.cli.sandbox.Sandbox;
import io.usage4j.core.UsageRecord;
import io.usage4j.dataset.FocusParquetReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code usage4j sync} through the real providers over real HTTP: the sandbox, and a Cloudflare stand-in whose data changes. */
@DisplayName("usage4j sync")
class SyncCommandTest {
    @TempDir
    Path dir;

    private static Map<Path, byte[]> parquet(Path root) throws IOException {
        Map<Path, byte[]> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                files.put(file, Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** The rows of a FOCUS CSV (RFC 4180 quoting) as column name to text. */
    private static List<Map<String, String>> csv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<UsageRecord> rows(Path file) {
        try (FocusParquetReader reader = FocusParquetReader.open(file)) {
            return reader.records().toList();
        }
    }

    @Nested
    @DisplayName("against the sandbox")
    class AgainstSandbox {
        Sandbox sandbox;

        @BeforeEach
        void start() throws IOException {
            sandbox = Sandbox.builder().clock(CliRun.CLOCK).faults(false).start();
            Files.writeString(dir.resolve("sandbox.properties"), String.join("\n",
                    "cloudflare.base_url=" + sandbox.cloudflareBaseUrl(), "cloudflare.token=cf-sandbox-token-0123456789",
                    "fastly.base_url=" + sandbox.baseUrl(), "fastly.token=fastly-sandbox-token", ""), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(dir.resolve("sandbox.properties"), PosixFilePermissions.fromString("rw-------"));
        }

        @AfterEach
        void stop() {
            sandbox.close();
        }

        @Test
        @DisplayName("writes the dataset, a re-run changes no byte and fetches only the look-back, and the dataset validates")
        void twice() throws IOException {
            String cf = "usage:cloudflare:" + Sandbox.CLOUDFLARE_ACCOUNT;
            String fastly = "usage:fastly:" + Sandbox.FASTLY_CUSTOMER + "?dataset=services";
            CliRun first = CliRun.run(dir, "sync", cf, fastly, "--dataset", "ds", "--from", "2026-05-01", "--properties", "sandbox.properties");
            assertThat(first.exitCode).as(first.toString()).isZero();
            assertThat(first.err).contains("sync " + cf + ": fetching 7 months (2026-05, 2026-06, 2026-07, 2026-08, 2026-09, 2026-10, 2026-11)");
            assertThat(first.out).contains("WRITTEN   provider=cloudflare/view=cost/billing_account_id=" + Sandbox.CLOUDFLARE_ACCOUNT
                    + "/charge_month=2026-05/part-0.parquet 930 rows (new)");
            assertThat(first.out).contains("provider=fastly/view=services/").containsPattern("0 failed; 0 final months kept, 14 source months fetched");
            Map<Path, byte[]> before = parquet(dir.resolve("ds"));
            long cloudflareBefore = sandbox.requests().stream().filter(r -> r.contains("/client/v4/")).count();

            CliRun second = CliRun.run(dir, "sync", cf, fastly, "--dataset", "ds", "--properties", "sandbox.properties");
            assertThat(second.exitCode).as(second.toString()).isZero();
            assertThat(second.out).contains("0 written").contains("0 removed, 0 failed; 8 final months kept, 6 source months fetched")
                    .doesNotContain("WRITTEN");
            assertThat(cloudflareBefore).as("Cloudflare requests of the first sync: one per month").isEqualTo(7);
            assertThat(sandbox.requests().stream().filter(r -> r.contains("/client/v4/")).count() - cloudflareBefore)
                    .as("Cloudflare requests of the re-sync: the look-back months only").isEqualTo(3);
            Map<Path, byte[]> after = parquet(dir.resolve("ds"));
            assertThat(after.keySet()).isEqualTo(before.keySet());
            after.forEach((file, bytes) -> assertThat(bytes).as("%s", file).isEqualTo(before.get(file)));

            CliRun validate = CliRun.run(dir, "validate", "ds");
            assertThat(validate.exitCode).as(validate.toString()).isZero();
            assertThat(validate.out).contains("valid FOCUS dataset: no errors").doesNotContain(": ERROR ");
        }

        @Test
        @DisplayName("demo also writes demo-dataset/ with the CSV's rows and prints a DuckDB query to paste")
        void demo() throws IOException {
            CliRun demo = CliRun.run(dir, "demo", "--output", "demo-usage.csv");
            assertThat(demo.exitCode).as(demo.toString()).isZero();
            assertThat(demo.err).contains("FOCUS Parquet dataset to " + dir.resolve("demo-dataset"))
                    .contains("SELECT provider, view, charge_month, sum(BilledCost)")
                    .contains("FROM read_parquet('demo-dataset/**/*.parquet', hive_partitioning = true");
            // Partitions hold whole months that sync can re-read: the CSV's rows that start in the demo's first month or
            // later, except Latitude.sh's rows of a billing period that began before the current month (its API serves
            // the current period only, so sync cannot keep such a month current).
            List<Map<String, String>> csv = csv(dir.resolve("demo-usage.csv"));
            YearMonth first = YearMonth.from(LocalDate.now(CliRun.CLOCK).minusMonths(12));
            YearMonth current = YearMonth.from(LocalDate.now(CliRun.CLOCK));
            long expected = csv.stream().filter(row -> {
                YearMonth month = YearMonth.parse(row.get("ChargePeriodStart").substring(0, 7));
                return !month.isBefore(first) && (!row.get("ServiceProviderName").equals("Latitude.sh") || month.equals(current));
            }).count();
            assertThat(csv.size() - expected).as("rows only in the CSV").isLessThan(csv.size() / 100);
            long datasetRows = 0;
            for (Path file : parquet(dir.resolve("demo-dataset")).keySet()) {
                datasetRows += rows(file).size();
            }
            assertThat(datasetRows).isEqualTo(expected);
            CliRun validate = CliRun.run(dir, "validate", "demo-dataset");
            assertThat(validate.exitCode).as(validate.toString()).isZero();
        }
    }

    @Nested
    @DisplayName("against a Cloudflare whose figures change between runs")
    class Restatement {
        static final String ACCT = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
        static final String DENIED = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";

        /** The stand-in's usage: account → day → metric → quantity. Account "denied" is refused with 403. */
        final Map<String, Map<LocalDate, Map<String, String>>> usage = new ConcurrentHashMap<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer server;

        @BeforeEach
        void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/client/v4/accounts/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String account = path.split("/")[4];
                requests.add(exchange.getRequestURI().toString());
                Map<String, String> query = new HashMap<>();
                for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
                int status = 200;
                String body;
                if (account.equals(DENIED)) {
                    status = 403;
                    body = "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],\"messages\":[],\"result\":null}";
                } else {
                    List<String> records = new ArrayList<>();
                    LocalDate from = LocalDate.parse(query.get("from"));
                    LocalDate to = LocalDate.parse(query.get("to"));
                    usage.getOrDefault(account, Map.of()).forEach((day, metrics) -> {
                        if (!day.isBefore(from) && !day.isAfter(to)) {
                            metrics.forEach((metric, quantity) -> records.add("{\"BillingAccountId\":\"" + account + "\",\"ChargeCategory\":\"Usage\","
                                    + "\"ChargePeriodStart\":\"" + day + "T00:00:00Z\",\"ChargePeriodEnd\":\"" + day.plusDays(1) + "T00:00:00Z\","
                                    + "\"ConsumedQuantity\":" + quantity + ",\"ConsumedUnit\":\"Requests\",\"x_BillableMetricId\":\"" + metric + "\"}"));
                        }
                    });
                    body = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[" + String.join(",", records) + "]}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/client/v4";
            Files.writeString(dir.resolve("cf.properties"), "cloudflare.base_url=" + base + "\ncloudflare.token=cf-test-token-0123456789\nmax_retries=0\n",
                    StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(dir.resolve("cf.properties"), PosixFilePermissions.fromString("rw-------"));
            for (LocalDate day = LocalDate.parse("2026-09-01"); day.isBefore(LocalDate.parse("2026-11-23")); day = day.plusDays(1)) {
                Map<String, String> metrics = new ConcurrentHashMap<>();
                metrics.put("workers_requests", "1000." + day.getDayOfMonth());
                metrics.put("r2_storage", "0.000001");
                usage.computeIfAbsent(ACCT, a -> new ConcurrentHashMap<>()).put(day, metrics);
            }
        }

        @AfterEach
        void stop() {
            server.stop(0);
        }

        CliRun sync(String... urls) {
            List<String> args = new ArrayList<>(List.of("sync"));
            args.addAll(List.of(urls));
            args.addAll(List.of("--dataset", "ds", "--from", "2026-09-01", "--properties", "cf.properties"));
            return CliRun.run(dir, args.toArray(String[]::new));
        }

        Path partition(String month) {
            return dir.resolve("ds/provider=cloudflare/view=usage/billing_account_id=" + ACCT + "/charge_month=" + month + "/part-0.parquet");
        }

        @Test
        @DisplayName("replaces a restated value and drops a vanished row, without duplicating any row")
        void restated() {
            CliRun first = sync("usage:cloudflare:" + ACCT + "?dataset=usage");
            assertThat(first.exitCode).as(first.toString()).isZero();
            assertThat(rows(partition("2026-10"))).hasSize(62);
            usage.get(ACCT).get(LocalDate.parse("2026-10-10")).put("workers_requests", "4242.5");
            usage.get(ACCT).get(LocalDate.parse("2026-11-02")).remove("r2_storage");

            CliRun second = sync("usage:cloudflare:" + ACCT + "?dataset=usage");
            assertThat(second.exitCode).as(second.toString()).isZero();
            assertThat(second.out).contains("WRITTEN   provider=cloudflare/view=usage/billing_account_id=" + ACCT + "/charge_month=2026-10/part-0.parquet 62 rows (restated upstream)")
                    .contains("WRITTEN   provider=cloudflare/view=usage/billing_account_id=" + ACCT + "/charge_month=2026-11/part-0.parquet 43 rows (restated upstream)")
                    .contains("UNCHANGED provider=cloudflare/view=usage/billing_account_id=" + ACCT + "/charge_month=2026-09/part-0.parquet 60 rows");
            List<UsageRecord> october = rows(partition("2026-10"));
            assertThat(october).hasSize(62);
            assertThat(october).filteredOn(r -> r.chargePeriodStart().toString().startsWith("2026-10-10")
                    && r.extension("x_BillableMetricId").orElse("").equals("workers_requests"))
                    .singleElement().satisfies(r -> assertThat(r.consumedQuantity()).hasValue(new BigDecimal("4242.5")));
            assertThat(rows(partition("2026-11"))).hasSize(43)
                    .noneMatch(r -> r.chargePeriodStart().toString().startsWith("2026-11-02") && r.extension("x_BillableMetricId").orElse("").equals("r2_storage"));
        }

        @Test
        @DisplayName("keeps a failing source's partitions, syncs the others, and exits 1 naming what failed")
        void failingSource() throws IOException {
            usage.put(DENIED, new ConcurrentHashMap<>(usage.get(ACCT)));
            assertThat(sync("usage:cloudflare:" + ACCT + "?dataset=usage").exitCode).isZero();
            byte[] october = Files.readAllBytes(partition("2026-10"));
            usage.get(ACCT).get(LocalDate.parse("2026-11-05")).put("workers_requests", "1");
            CliRun run = sync("usage:cloudflare:" + DENIED + "?dataset=usage", "usage:cloudflare:" + ACCT + "?dataset=usage");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
            assertThat(run.out).contains("FAILED    usage:cloudflare:" + DENIED + "?dataset=usage 2026-09").contains("403");
            assertThat(run.out).contains("charge_month=2026-11/part-0.parquet 44 rows (restated upstream)");
            assertThat(run.err).contains("error: usage:cloudflare:" + DENIED + "?dataset=usage 2026-09:");
            assertThat(Files.readAllBytes(partition("2026-10"))).isEqualTo(october);
            assertThat(run.out).doesNotContain("cf-test-token");
        }
    }
}
