package io.usage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usage4j.cli.sandbox.Sandbox;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI with the four real providers (found through ServiceLoader, as in the runnable jar) against
 * the sandbox: the demo, fetch in each format, validate on what fetch wrote, and the error lines of
 * the failures a user meets first.
 */
class EndToEndTest {
    static final String CF = "usage:cloudflare:" + Sandbox.CLOUDFLARE_ACCOUNT;
    static final String FASTLY = "usage:fastly:" + Sandbox.FASTLY_CUSTOMER;
    static final String CLOUDINARY = "usage:cloudinary:" + Sandbox.CLOUDINARY_ACCOUNT;
    static final String LATITUDE = "usage:latitude:" + Sandbox.LATITUDE_PROJECT;
    static final String CF_TOKEN = "cf-sandbox-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static Sandbox sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().clock(CliRun.CLOCK).faults(false).start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void properties() throws IOException {
        Files.writeString(dir.resolve("sandbox.properties"), String.join("\n",
                "# every provider at the sandbox, with fake credentials",
                "cloudflare.base_url=" + sandbox.cloudflareBaseUrl(),
                "cloudflare.token=" + CF_TOKEN,
                "fastly.base_url=" + sandbox.baseUrl(),
                "fastly.token=fastly-sandbox-token",
                "cloudinary.base_url=" + sandbox.baseUrl(),
                "cloudinary.api_key=cloudinary-key",
                "cloudinary.api_secret=cloudinary-secret",
                "latitude.base_url=" + sandbox.baseUrl(),
                "latitude.token=latitude-sandbox-token",
                "max_retries=1",
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(dir.resolve("sandbox.properties"), PosixFilePermissions.fromString("rw-------"));
    }

    CliRun fetch(String... args) {
        List<String> all = new ArrayList<>(List.of("fetch", "--properties", "sandbox.properties"));
        all.addAll(List.of(args));
        return CliRun.run(dir, all.toArray(String[]::new));
    }

    static List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    @Test
    @DisplayName("demo: all four providers through the sandbox, retries ride out a 429 and a 503, the CSV validates")
    void demo() throws IOException {
        CliRun demo = CliRun.run(dir, "demo", "--output", "demo-usage.csv");
        assertThat(demo.exitCode).as(demo.toString()).isZero();
        assertThat(demo.errorLines()).as(demo.toString()).isEmpty();
        assertThat(demo.err).contains("answered 2 requests with faults on purpose")
                .as("Cloudflare gets one credential, a token").doesNotContain("both an API token");
        for (String provider : List.of("cloudflare", "fastly", "cloudinary", "latitude")) {
            assertThat(demo.out).as(demo.toString()).containsPattern("(?m)^" + provider + "\\s+\\S");
        }
        assertThat(demo.out).contains("USD").containsPattern("(?m)^TOTAL\\s+[0-9,]+");
        assertThat(demo.out).as("Cloudflare's rows carry rated costs in the totals")
                .containsPattern("(?m)^cloudflare \\(cost\\)\\s+Workers\\s+Requests\\s+[0-9,]+\\s+[0-9,.]+\\s+[0-9,.]+ USD$")
                .doesNotContainPattern("(?m)^cloudflare.*\\s-$");
        Path csv = dir.resolve("demo-usage.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.stream().filter(l -> l.contains(",Cloudflare,")))
                .as("every Cloudflare row has BilledCost and BillingCurrency").isNotEmpty()
                .allMatch(l -> !l.startsWith(",") && l.contains(",USD,"));
        assertThat(lines.get(0)).startsWith("BilledCost,BillingAccountId,").contains("x_ZoneName");
        assertThat(lines.size()).isGreaterThan(10_000);

        // the Fastly invoices dataset brings costed lines: BilledCost, BillingCurrency and InvoiceId filled
        List<String> header = List.of(lines.get(0).split(",", -1));
        int provider = header.indexOf("ProviderName");
        int invoice = header.indexOf("InvoiceId");
        int cost = header.indexOf("BilledCost");
        int currency = header.indexOf("BillingCurrency");
        List<String[]> invoiced = lines.stream().skip(1).map(line -> line.split(",", -1))
                .filter(row -> row.length == header.size() && row[provider].equals("Fastly") && !row[invoice].isEmpty())
                .toList();
        assertThat(invoiced).as("Fastly invoice rows").hasSizeGreaterThan(12 * 8);
        assertThat(invoiced).allSatisfy(row -> {
            assertThat(new java.math.BigDecimal(row[cost])).isNotNull();
            assertThat(row[currency]).isEqualTo("USD");
        });
        assertThat(invoiced).anySatisfy(row -> assertThat(row[invoice]).startsWith("MTD-"));

        CliRun validate = CliRun.run(dir, "validate", "demo-usage.csv");
        assertThat(validate.exitCode).as(validate.toString()).isZero();
        assertThat(validate.out).doesNotContain(": ERROR ").contains("valid FOCUS CSV: no errors");

        CliRun junit = CliRun.run(dir, "validate", "demo-usage.csv", "--report", "junit");
        assertThat(junit.exitCode).as(junit.errLines().toString()).isZero();
        assertThat(junit.out).startsWith("<?xml").contains("<testsuite name=\"" + csv + "\"").contains("failures=\"0\"")
                .contains("<testcase classname=\"focus.BilledCost\" name=\"BilledCost-C-001-M MUST\">")
                .contains("name=\"CostAndUsage-D-035-M MUST\"").contains("name=\"focus-1.3:ServiceProviderName-not-null MUST NOT\"")
                .doesNotContain("<failure");
    }

    @Nested
    @DisplayName("the demo tells the truth")
    class DemoTotals {

        @Test
        @DisplayName("every row of its table equals, exactly, the CSV summed per source, service and unit;"
                + " Cloudinary's and Fastly's totals are the true ones")
        void tableEqualsTheCsvSummedPerSource() throws IOException {
            CliRun demo = CliRun.run(dir, "demo", "--output", "demo-usage.csv");
            assertThat(demo.exitCode).as(demo.toString()).isZero();
            Map<List<String>, Sums> csv = sumsPerSource(dir.resolve("demo-usage.csv"));
            Map<List<String>, List<String>> table = tableRows(demo.out);

            assertThat(table.keySet()).as("the table's groups are the CSV's (source, service, unit) groups")
                    .containsExactlyInAnyOrderElementsOf(csv.keySet());
            assertThat(table.keySet().stream().map(key -> key.get(0).split(" ")[0]).distinct())
                    .containsExactlyInAnyOrder("cloudflare", "fastly", "cloudinary", "latitude");
            table.forEach((key, cells) -> {
                Sums sums = csv.get(key);
                assertThat(cells.get(0)).as("%s: records", key).isEqualTo(Numbers.grouped(BigDecimal.valueOf(sums.records)));
                assertThat(number(cells.get(1))).as("%s: consumed quantity", key).isEqualTo(plain(sums.quantity));
                Map<String, String> cost = new java.util.TreeMap<>();
                sums.cost.forEach((currency, amount) -> cost.put(currency, plain(amount)));
                assertThat(costs(cells.get(2))).as("%s: billed cost", key).isEqualTo(cost);
            });

            // Cloudinary's rows add up to its cycles' usage and each Fastly view to the same figure, not twice it
            assertThat(demo.err).as("the demo reads both Fastly datasets and says they overlap")
                    .contains("warning: " + FASTLY + " and " + FASTLY + "?dataset=services describe the same usage");
            List<Map<String, String>> rows = readCsv(dir.resolve("demo-usage.csv"));

            List<Map<String, String>> cloudinary = rows.stream()
                    .filter(r -> r.get("x_usage_source").startsWith("cloudinary:")).toList();
            BigDecimal summed = cloudinary.stream().map(r -> new BigDecimal(r.get("ConsumedQuantity")))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            Map<String, BigDecimal> cycles = new java.util.TreeMap<>();
            cloudinary.forEach(r -> cycles.put(r.get("x_plan_name") + " " + r.get("ChargePeriodStart"),
                    new BigDecimal(r.get("x_cycle_usage"))));
            assertThat(cycles).hasSizeGreaterThan(10);
            assertThat(summed).isEqualByComparingTo(cycles.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(cloudinary).anyMatch(r -> r.get("x_breakdown_level").equals("account_remainder"))
                    .noneMatch(r -> r.get("x_breakdown_level").equals("account"));

            Map<String, BigDecimal> monthly = quantityPerSku(rows, ":usage:monthly");
            Map<String, BigDecimal> services = quantityPerSku(rows, ":usage:services");
            assertThat(monthly).isNotEmpty();
            assertThat(services).isNotEmpty();
            assertThat(monthly).as("each service-level figure the same as the monthly one: one view, not half of a sum")
                    .containsAllEntriesOf(services);
        }

        private Map<String, BigDecimal> quantityPerSku(List<Map<String, String>> rows, String view) {
            Map<String, BigDecimal> sums = new java.util.TreeMap<>();
            rows.stream().filter(r -> r.get("x_usage_source").startsWith("fastly:") && r.get("x_usage_source").endsWith(view))
                    .forEach(r -> sums.merge(r.get("ServiceName") + " / " + r.get("SkuMeter"),
                            new BigDecimal(r.get("ConsumedQuantity")).stripTrailingZeros(), (a, b) -> a.add(b).stripTrailingZeros()));
            return sums;
        }

        /** What a FOCUS consumer gets from the CSV: per source (x_usage_source), ServiceName and ConsumedUnit. */
        private Map<List<String>, Sums> sumsPerSource(Path csv) throws IOException {
            Map<List<String>, Sums> sums = new java.util.LinkedHashMap<>();
            for (Map<String, String> row : readCsv(csv)) {
                String[] key = row.get("x_usage_source").split(":");
                String label = key[0] + " (" + key[key.length - 1] + ")";
                Sums group = sums.computeIfAbsent(List.of(label, orNone(row.get("ServiceName")), orNone(row.get("ConsumedUnit"))),
                        k -> new Sums());
                group.records++;
                if (!row.get("ConsumedQuantity").isEmpty()) {
                    BigDecimal quantity = new BigDecimal(row.get("ConsumedQuantity"));
                    group.quantity = group.quantity == null ? quantity : group.quantity.add(quantity);
                }
                if (!row.get("BilledCost").isEmpty()) {
                    group.cost.merge(row.get("BillingCurrency"), new BigDecimal(row.get("BilledCost")), BigDecimal::add);
                }
            }
            return sums;
        }

        /** The table's data rows, by (source, service, unit): records, quantity and cost cells. */
        private Map<List<String>, List<String>> tableRows(String out) {
            List<String> lines = out.lines().toList();
            assertThat(lines.get(0)).startsWith("SOURCE");
            Map<List<String>, List<String>> rows = new java.util.LinkedHashMap<>();
            for (String line : lines.subList(2, lines.size())) {
                if (line.startsWith("---") || line.startsWith("TOTAL")) {
                    continue;
                }
                String[] cells = line.split("\\s{2,}");
                assertThat(cells).as("a table row: %s", line).hasSize(6);
                rows.put(List.of(cells[0], cells[1], cells[2]), List.of(cells[3], cells[4], cells[5]));
            }
            return rows;
        }

        /** A table cell's number as exact plain text without trailing zeros, {@code null} for "-". */
        private static String number(String cell) {
            return cell.equals("-") ? null : plain(new BigDecimal(cell.replace(",", "")));
        }

        private static String plain(BigDecimal value) {
            return value == null ? null : value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
        }

        private static Map<String, String> costs(String cell) {
            Map<String, String> costs = new java.util.TreeMap<>();
            if (!cell.equals("-")) {
                for (String part : cell.split(" \\+ ")) {
                    String[] amount = part.split(" ");
                    costs.put(amount[1], number(amount[0]));
                }
            }
            return costs;
        }

        private static String orNone(String value) {
            return value == null || value.isEmpty() ? "-" : value;
        }
    }

    /** The sums of one (source, service, unit) group of the CSV. */
    static final class Sums {
        long records;
        BigDecimal quantity;
        final Map<String, BigDecimal> cost = new java.util.TreeMap<>();
    }

    /** The rows of a CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks), by header name. */
    static List<Map<String, String>> readCsv(Path file) throws IOException {
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
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(fields);
        }
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            assertThat(record).as("a CSV row has as many fields as the header").hasSameSizeAs(header);
            Map<String, String> row = new java.util.HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    @DisplayName("metrics: Cloudflare's catalogue through the sandbox, one line per metric id; Fastly publishes none")
    void metrics() {
        CliRun run = CliRun.run(dir, "metrics", "--properties", "sandbox.properties", CF, "--from", "2026-01-01",
                "--to", "2026-01-02");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).startsWith("METRIC ID").containsPattern("(?m)^workers_standard_requests +Workers Standard Requests +x_ProductFamilyName=Workers")
                .contains("DimensionKeys=account,zone");
        assertThat(run.out.lines().count()).isEqualTo(1 + 10);
        assertThat(run.err).contains("10 metrics of " + CF + " from 2026-01-01 to 2026-01-01");
        CliRun fastly = CliRun.run(dir, "metrics", "--properties", "sandbox.properties", FASTLY);
        assertThat(fastly.exitCode).as(fastly.toString()).isEqualTo(1);
        assertThat(fastly.errorLines()).singleElement().asString().contains("publishes no metric catalogue");
    }

    @Test
    @DisplayName("providers: the four installed providers with URL forms and the environment variables they read")
    void providers() {
        CliRun run = CliRun.run(dir, "providers");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("cloudflare - ", "fastly - ", "cloudinary - ", "latitude - ")
                .contains("url:          usage:cloudflare:<account_id>")
                .contains("CLOUDFLARE_API_TOKEN", "FASTLY_API_TOKEN", "CLOUDINARY_PROVISIONING_API_KEY", "LATITUDESH_BEARER")
                .contains("up to 31 days per request");
    }

    @Nested
    @DisplayName("fetch")
    class Fetch {
        @Test
        @DisplayName("csv: a month of Cloudflare rated costs, every metric, zone and day, in a file that validates")
        void csv() throws IOException {
            CliRun run = fetch(CF, "--from", "2026-01-01", "--to", "2026-02-01", "--output", "cf.csv");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.err).as("quiet when stderr is not a terminal").isEmpty();
            List<String> lines = Files.readAllLines(dir.resolve("cf.csv"), StandardCharsets.UTF_8);
            assertThat(lines).hasSize(1 + 31 * 10 * 3);
            assertThat(lines.get(0)).endsWith("x_ZoneId,x_ZoneName,x_BillingAccountOmitted").startsWith("BilledCost,");
            assertThat(lines.get(1)).contains("2026-01-01T00:00:00Z").contains("workers_standard_requests")
                    .contains("Million Requests").contains(",USD,");
            assertThat(lines.subList(1, lines.size())).as("every row carries its BilledCost").noneMatch(l -> l.startsWith(","));
            assertThat(lines.get(lines.size() - 1)).contains("2026-01-31T00:00:00Z");
            CliRun validate = CliRun.run(dir, "validate", "cf.csv");
            assertThat(validate.exitCode).as(validate.toString()).isZero();
        }

        @Test
        @DisplayName("jsonl: one object per record with FOCUS names, numbers as numbers; sources in the order given")
        void jsonl() throws IOException {
            CliRun run = fetch(FASTLY, CF, "--from", "2026-09-01", "--to", "2026-09-03", "--format", "jsonl",
                    "--filter", "metric=r2_storage,North America Bandwidth");
            assertThat(run.exitCode).as(run.toString()).isZero();
            List<JsonNode> rows = jsonLines(run.out);
            List<String> providers = rows.stream().map(r -> r.get("ServiceProviderName").asText()).distinct().toList();
            assertThat(providers).containsExactly("Fastly", "Cloudflare");
            JsonNode fastly = rows.get(0);
            assertThat(fastly.get("SkuMeter").asText()).isEqualTo("North America Bandwidth");
            assertThat(fastly.get("ConsumedQuantity").isNumber()).isTrue();
            assertThat(fastly.get("ChargePeriodStart").asText()).isEqualTo("2026-09-01T00:00:00Z");
            List<JsonNode> cloudflare = rows.stream().filter(r -> r.get("ServiceProviderName").asText().equals("Cloudflare")).toList();
            assertThat(cloudflare).hasSize(2 * 3);
            cloudflare.forEach(r -> assertThat(r.get("x_BillableMetricId").asText()).isEqualTo("r2_storage"));
        }

        @Test
        @DisplayName("table: totals per provider, service and unit, Latitude's cost in USD")
        void table() {
            CliRun run = fetch(LATITUDE, CLOUDINARY + "?prodenv_breakdown=true", "--from", "2026-11-01", "--to", "2026-11-24");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).containsPattern("(?m)^latitude\\s+.*USD$").containsPattern("(?m)^cloudinary\\s+\\S+");
            assertThat(run.out.lines().filter(l -> l.startsWith("latitude")).count()).isGreaterThan(1);
        }

        @Test
        @DisplayName("two views of the same usage in one output: a warning that summing them counts it twice")
        void overlapWarning() throws IOException {
            CliRun both = fetch(FASTLY, FASTLY + "?dataset=services&product_id=cdn_usage&usage_type_name=North%20America%20Requests",
                    "--from", "2026-10-01", "--to", "2026-11-01", "--output", "fastly.csv");
            assertThat(both.exitCode).as(both.toString()).isZero();
            assertThat(both.errLines()).singleElement().asString().isEqualTo("warning: " + FASTLY + " and " + FASTLY
                    + "?dataset=services&product_id=cdn_usage&usage_type_name=North%20America%20Requests describe the same"
                    + " usage (usage of fastly account " + Sandbox.FASTLY_CUSTOMER + "): summing their rows together counts it"
                    + " twice. Total each source on its own (group by x_usage_source) or fetch only one of them.");
            List<Map<String, String>> rows = readCsv(dir.resolve("fastly.csv"));
            assertThat(rows.stream().map(r -> r.get("x_usage_source")).distinct()).containsExactly(
                    "fastly:" + Sandbox.FASTLY_CUSTOMER + ":usage:monthly", "fastly:" + Sandbox.FASTLY_CUSTOMER + ":usage:services");

            CliRun apart = fetch(FASTLY, CF, LATITUDE, CLOUDINARY, "--from", "2026-10-01", "--to", "2026-10-03");
            assertThat(apart.exitCode).as(apart.toString()).isZero();
            assertThat(apart.err).as("sources of different usage do not overlap").doesNotContain("warning");
        }

        @Test
        @DisplayName("the service-level Fastly dataset follows the cursor through every page")
        void servicePages() throws IOException {
            CliRun run = fetch(FASTLY + "?dataset=services&product_id=cdn_usage&usage_type_name=North%20America%20Requests",
                    "--from", "2026-10-01", "--to", "2026-11-01", "--format", "jsonl");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(jsonLines(run.out)).hasSize(245);
        }

        @Test
        @DisplayName("progress goes to stderr only when it is a terminal")
        void progress() {
            CliRun run = CliRun.run(dir, Map.of(), true, "fetch", "--properties", "sandbox.properties", CF,
                    "--from", "2026-01-01", "--to", "2026-03-01", "--format", "csv", "--output", "cf.csv");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.err).contains("cloudflare 1,770 records (window 2/2)").contains("1,770 records from 1 of 1 sources");
        }
    }

    @Nested
    @DisplayName("errors a user meets")
    class Errors {
        @Test
        @DisplayName("no credentials anywhere: exit 1 and one line naming the environment variable")
        void missingCredentials() {
            CliRun run = CliRun.run(dir, "fetch", CF, "--from", "2026-01-01", "--to", "2026-01-02");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("error: " + CF + ": [cloudflare] missing credential")
                    .contains("CLOUDFLARE_API_TOKEN");
        }

        @Test
        @DisplayName("the credential can come from the environment instead of the file")
        void credentialFromEnvironment() throws IOException {
            Files.writeString(dir.resolve("url-only.properties"), "cloudflare.base_url=" + sandbox.cloudflareBaseUrl() + "\n");
            CliRun run = CliRun.run(dir, Map.of("CLOUDFLARE_API_TOKEN", CF_TOKEN), false, "fetch", "--properties",
                    "url-only.properties", CF, "--from", "2026-01-01", "--to", "2026-01-02", "--format", "jsonl");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out.lines().count()).isEqualTo(30);
        }

        @Test
        @DisplayName("one source failing: exit 1, its line on stderr without the secret, the others still written")
        void oneSourceFails() throws IOException {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            Files.writeString(dir.resolve("sandbox.properties"), "\nlatitude.base_url=http://127.0.0.1:" + closedPort
                    + "\nlatitude.max_retries=0\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            CliRun run = fetch(CF, LATITUDE, "--from", "2026-01-01", "--to", "2026-01-02", "--format", "jsonl");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
            assertThat(run.errorLines()).singleElement().asString().startsWith("error: " + LATITUDE + ": [latitude] ");
            assertThat(run.err).doesNotContain("latitude-sandbox-token").doesNotContain(CF_TOKEN);
            assertThat(run.out.lines().count()).isEqualTo(30);
        }

        @Test
        @DisplayName("a properties file others can read gets a warning")
        void sharedProperties() throws IOException {
            Files.setPosixFilePermissions(dir.resolve("sandbox.properties"), PosixFilePermissions.fromString("rw-r--r--"));
            CliRun run = fetch(CF, "--from", "2026-01-01", "--to", "2026-01-02", "--format", "jsonl");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("warning: ").contains("readable by other users; chmod 600");
        }

        @Test
        @DisplayName("a properties file with a key the provider does not read is a usage error")
        void typoInProperties() throws IOException {
            Files.writeString(dir.resolve("typo.properties"), "cloudflare.tokn=abc\n");
            CliRun run = CliRun.run(dir, "fetch", "--properties", "typo.properties", CF, "--from", "2026-01-01", "--to", "2026-01-02");
            assertThat(run.exitCode).isEqualTo(2);
            assertThat(run.errorLines()).singleElement().asString().contains("cloudflare has no property 'tokn'")
                    .doesNotContain("abc");
        }

        @Test
        @DisplayName("a restricted endpoint the account may not read: exit 1, one line with the provider's reason and status")
        void refused() {
            CliRun run = CliRun.run(dir, "fetch", "--properties", "sandbox.properties",
                    "usage:cloudflare:ffffffffffffffffffffffffffffffff?dataset=paygo", "--from", "2026-01-01", "--to", "2026-01-02");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
            assertThat(run.errorLines()).singleElement().asString()
                    .startsWith("error: usage:cloudflare:ffffffffffffffffffffffffffffffff?dataset=paygo: [cloudflare] ")
                    .contains("insufficient_permissions").contains("HTTP 403");
        }
    }
}
