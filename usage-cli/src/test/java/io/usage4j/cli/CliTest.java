package io.usage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageView;
import io.usage4j.core.focus.FocusCsvWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's arguments, exit codes and error lines, in-process; nothing here needs a provider. */
class CliTest {
    @TempDir
    Path dir;

    static UsageRecord record(String currency, String cost) {
        return UsageRecord.builder()
                .billingAccountId("acct-1")
                .chargePeriodStart(Instant.parse("2026-01-01T00:00:00Z"))
                .chargePeriodEnd(Instant.parse("2026-01-02T00:00:00Z"))
                .chargeCategory(ChargeCategory.USAGE)
                .serviceName("Workers")
                .consumedQuantity(new BigDecimal("1500.250"))
                .consumedUnit("Requests")
                .billedCost(cost == null ? null : new BigDecimal(cost))
                .billingCurrency(currency)
                .putTags("team", "fin\"ops")
                .putExtensions("x_ZoneName", "example.com")
                .build();
    }

    @Test
    @DisplayName("no command: exit 2 and a line saying which commands exist")
    void noCommand() {
        CliRun run = CliRun.run(dir);
        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("providers, fetch, validate or demo");
    }

    @Test
    @DisplayName("--help lists the four commands and the exit codes")
    void help() {
        CliRun run = CliRun.run(dir, "--help");
        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("providers", "fetch", "validate", "demo", "Exit codes");
    }

    @Test
    @DisplayName("every command has --help, and 'help fetch' shows the same")
    void commandHelp() {
        for (String command : List.of("providers", "fetch", "validate", "demo")) {
            CliRun run = CliRun.run(dir, command, "--help");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).contains("Usage: usage4j " + command).contains("--verbose");
        }
        CliRun help = CliRun.run(dir, "help", "fetch");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("--filter").contains("EXCLUSIVE").contains("Exit codes");
    }

    @Nested
    @DisplayName("fetch arguments")
    class FetchArguments {
        @Test
        @DisplayName("a date that is not YYYY-MM-DD is a usage error (exit 2) naming the option")
        void badDate() {
            CliRun run = CliRun.run(dir, "fetch", "usage:cloudflare:x", "--from", "2026-13-01", "--to", "2026-02-01");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
            assertThat(run.errorLines()).singleElement().asString()
                    .contains("--from").contains("'2026-13-01' is not a date of the form YYYY-MM-DD");
            assertThat(run.out).isEmpty();
        }

        @Test
        @DisplayName("--to not after --from is a usage error that explains --to is exclusive")
        void emptyRange() {
            CliRun run = CliRun.run(dir, "fetch", "usage:cloudflare:x", "--from", "2026-02-01", "--to", "2026-02-01");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
            assertThat(run.errorLines()).singleElement().asString().contains("--to is exclusive").contains("--to 2026-02-02");
        }

        @Test
        @DisplayName("a missing --from, an unknown filter key or format are usage errors")
        void otherUsageErrors() {
            assertThat(CliRun.run(dir, "fetch", "usage:a:b", "--to", "2026-02-01").exitCode).isEqualTo(2);
            CliRun filter = CliRun.run(dir, "fetch", "usage:a:b", "--from", "2026-01-01", "--to", "2026-02-01", "--filter", "zone=x");
            assertThat(filter.exitCode).isEqualTo(2);
            assertThat(filter.errorLines()).singleElement().asString().contains("metric, service, subaccount");
            CliRun format = CliRun.run(dir, "fetch", "usage:a:b", "--from", "2026-01-01", "--to", "2026-02-01", "--format", "xml");
            assertThat(format.exitCode).isEqualTo(2);
            assertThat(format.errorLines()).singleElement().asString().contains("table, csv or jsonl");
        }

        @Test
        @DisplayName("there is no option that takes a credential")
        void noSecretOptions() {
            CliRun run = CliRun.run(dir, "fetch", "usage:a:b", "--from", "2026-01-01", "--to", "2026-02-01", "--token", "abc");
            assertThat(run.exitCode).isEqualTo(2);
            assertThat(run.err).contains("Unknown option: '--token'");
        }

        @Test
        @DisplayName("an unknown provider: exit 1 and one readable line naming it and the URL")
        void unknownProvider() {
            CliRun run = CliRun.run(dir, "fetch", "usage:nope:acct", "--from", "2026-01-01", "--to", "2026-02-01",
                    "--format", "jsonl");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("error: usage:nope:acct: ")
                    .contains("no usage provider 'nope' is installed");
        }

        @Test
        @DisplayName("a URL that is not a usage URL: exit 1 and one line showing the expected form")
        void notAUsageUrl() {
            CliRun run = CliRun.run(dir, "fetch", "https://api.cloudflare.com", "--from", "2026-01-01", "--to", "2026-02-01");
            assertThat(run.exitCode).isEqualTo(1);
            assertThat(run.errorLines()).singleElement().asString().contains("usage:<provider>:<path>");
        }

        @Test
        @DisplayName("an --output that cannot be written is a usage error, reported before anything is fetched")
        void unwritableOutput() {
            CliRun run = CliRun.run(dir, "fetch", "usage:nope:acct", "--from", "2026-01-01", "--to", "2026-02-01",
                    "--output", "no/such/dir/out.csv");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
            assertThat(run.errorLines()).singleElement().asString().contains("cannot write --output").contains("out.csv");
            assertThat(run.err).doesNotContain("nope");
        }

        @Test
        @DisplayName("a properties file that does not exist is a usage error")
        void missingPropertiesFile() {
            CliRun run = CliRun.run(dir, "fetch", "usage:nope:acct", "--from", "2026-01-01", "--to", "2026-02-01",
                    "--properties", "absent.properties");
            assertThat(run.exitCode).isEqualTo(2);
            assertThat(run.errorLines()).singleElement().asString().contains("absent.properties does not exist");
        }
    }

    @Nested
    @DisplayName("validate")
    class Validate {
        Path write(String name, String text) throws IOException {
            Path file = dir.resolve(name);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        }

        String csv(UsageRecord... records) {
            StringWriter text = new StringWriter();
            FocusCsvWriter writer = new FocusCsvWriter(text, List.of("x_ZoneName"));
            for (UsageRecord record : records) {
                writer.write(record);
            }
            writer.flush();
            return text.toString();
        }

        @Test
        @DisplayName("a CSV from the core writer has no ERROR: exit 0, INCOMPLETE summarised per column")
        void valid() throws IOException {
            write("ok.csv", csv(record("USD", "1.50"), record(null, null)));
            CliRun run = CliRun.run(dir, "validate", "ok.csv");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).doesNotContain(": ERROR ")
                    .contains("INCOMPLETE BillingCurrency: 1 rows without a value FOCUS requires [BillingCurrency-C-004-M]")
                    .contains("valid FOCUS CSV: no errors");
        }

        @Test
        @DisplayName("reports each ERROR with the line it is on, and exits 1")
        void broken() throws IOException {
            String[] lines = csv(record("USD", "1.50"), record("USD", "2"), record("USD", "3")).split("\r\n");
            lines[1] = lines[1].replaceFirst("2026-01-01T00:00:00Z", "2026-01-01 00:00");
            lines[3] = lines[3].replace(",USD,", ",usd,");
            write("broken.csv", String.join("\r\n", lines) + "\r\n");
            CliRun run = CliRun.run(dir, "validate", "broken.csv", "--all");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
            Path file = dir.resolve("broken.csv");
            assertThat(run.out)
                    .contains(file + ":2: ERROR ChargePeriodStart: '2026-01-01 00:00' is not a UTC date-time")
                    .contains(file + ":4: ERROR BillingCurrency: 'usd' is not an ISO 4217 currency code")
                    .contains("2 errors");
        }

        @Test
        @DisplayName("a row with the wrong number of fields: exit 1 and the line")
        void notCsv() throws IOException {
            write("short.csv", csv(record("USD", "1")) + "a,b\r\n");
            CliRun run = CliRun.run(dir, "validate", "short.csv");
            assertThat(run.exitCode).isEqualTo(1);
            assertThat(run.errorLines()).singleElement().asString().contains("line 3 has 2 fields");
        }

        @Test
        @DisplayName("a file that does not exist is a usage error")
        void missing() {
            CliRun run = CliRun.run(dir, "validate", "nothing.csv");
            assertThat(run.exitCode).isEqualTo(2);
            assertThat(run.errorLines()).singleElement().asString().contains("nothing.csv does not exist");
        }
    }

    @Nested
    @DisplayName("output formats")
    class Formats {
        @Test
        @DisplayName("JSON Lines: FOCUS names, decimals as exact JSON numbers, Tags as an object, x_ columns as strings")
        void jsonLine() {
            String line = JsonLinesSink.line(record("USD", "0.000005"));
            assertThat(line)
                    .startsWith("{\"BilledCost\":0.000005,\"BillingAccountId\":\"acct-1\",\"BillingCurrency\":\"USD\",")
                    .contains("\"ConsumedQuantity\":1500.250,")
                    .contains("\"ChargePeriodStart\":\"2026-01-01T00:00:00Z\"")
                    .contains("\"Tags\":{\"team\":\"fin\\\"ops\"}")
                    .endsWith(",\"x_ZoneName\":\"example.com\"}")
                    .doesNotContain("EffectiveCost");
        }

        @Test
        @DisplayName("table: exact sums per provider, service and unit, costs per currency, '-' where nothing was reported")
        void table() {
            StringWriter text = new StringWriter();
            TableSink table = new TableSink(new java.io.PrintWriter(text));
            table.begin(List.of());
            table.accept("cloudflare", record("USD", "0.10"));
            table.accept("cloudflare", record("USD", "0.25"));
            table.accept("cloudflare", record("EUR", "1"));
            table.accept("fastly", record(null, null));
            table.finish();
            List<String> lines = text.toString().lines().toList();
            assertThat(lines.get(0)).startsWith("SOURCE").contains("CONSUMED QUANTITY").endsWith("BILLED COST");
            assertThat(lines.get(2)).matches("cloudflare\\s+Workers\\s+Requests\\s+3\\s+4,500.75\\s+1 EUR \\+ 0.35 USD");
            assertThat(lines.get(3)).matches("fastly\\s+Workers\\s+Requests\\s+1\\s+1,500.25\\s+-");
            assertThat(lines.get(5)).matches("TOTAL\\s+4\\s+1 EUR \\+ 0.35 USD");
        }

        @Test
        @DisplayName("table: totals per source, not per provider; overlapping sources' costs are not added in TOTAL")
        void tablePerSource() {
            RecordSink.Source monthly = new RecordSink.Source("usage:fastly:c1", "fastly",
                    Optional.of(UsageView.of("fastly", "c1", "usage", "monthly")));
            RecordSink.Source services = new RecordSink.Source("usage:fastly:c1?dataset=services", "fastly",
                    Optional.of(UsageView.of("fastly", "c1", "usage", "services")));
            RecordSink.Source other = new RecordSink.Source("usage:fastly:c2", "fastly",
                    Optional.of(UsageView.of("fastly", "c2", "usage", "monthly")));
            StringWriter text = new StringWriter();
            TableSink table = new TableSink(new java.io.PrintWriter(text));
            table.sources(List.of(monthly, services, other));
            table.begin(List.of());
            table.accept(monthly, record("USD", "0.10"));
            table.accept(services, record("USD", "0.04"));
            table.accept(services, record("USD", "0.06"));
            table.finish();
            List<String> lines = text.toString().lines().toList();
            assertThat(lines.get(2)).matches("usage:fastly:c1\\s+Workers\\s+Requests\\s+1\\s+1,500.25\\s+0.1 USD");
            assertThat(lines.get(3)).matches("fastly \\(services\\)\\s+Workers\\s+Requests\\s+2\\s+3,000.5\\s+0.1 USD");
            assertThat(lines.get(4)).as("labels that would collide become URLs").matches("usage:fastly:c2\\s+\\(no records\\)\\s+0");
            assertThat(lines.get(6)).matches("TOTAL\\s+3\\s+not summed: overlapping sources");

            StringWriter apart = new StringWriter();
            TableSink separate = new TableSink(new java.io.PrintWriter(apart));
            separate.begin(List.of());
            separate.accept(monthly, record("USD", "0.10"));
            separate.accept(other, record("USD", "0.05"));
            separate.finish();
            assertThat(apart.toString().lines().toList().get(5)).matches("TOTAL\\s+2\\s+0.15 USD");
        }

        @Test
        @DisplayName("numbers are grouped for reading without ever being rounded")
        void numbers() {
            assertThat(Numbers.grouped(new BigDecimal("1234567.500"))).isEqualTo("1,234,567.5");
            assertThat(Numbers.grouped(new BigDecimal("-1000"))).isEqualTo("-1,000");
            assertThat(Numbers.grouped(new BigDecimal("0.000000123"))).isEqualTo("0.000000123");
            assertThat(Numbers.grouped(new BigDecimal("1E+3"))).isEqualTo("1,000");
            assertThat(Numbers.grouped(new BigDecimal("0.00"))).isEqualTo("0");
        }
    }

    @Test
    @DisplayName("an error line never shows a known secret")
    void redaction() {
        String line = Errors.line("usage:x:y", new IllegalStateException("token s3cr3t-value leaked\nsecond line"),
                List.of("s3cr3t-value"));
        assertThat(line).doesNotContain("s3cr3t-value").contains("****").doesNotContain("\n");
    }
}
