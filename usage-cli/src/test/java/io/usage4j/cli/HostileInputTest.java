package io.usage4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line against careless input and a hostile server on loopback (playing Latitude.sh, the
 * provider whose whole answer is one document): no secret, formula or escape sequence gets out, and
 * no good file is lost.
 */
@DisplayName("Hostile input at the command line")
class HostileInputTest {
    private static final String SECRET = "hunter2-s3cr3t-77";
    private static final String ESC = "\u001b";
    /** Served for project proj_good: one product line whose texts are a formula and terminal escapes. */
    private static final String DOCUMENT = """
            {"data": {"id": "", "type": "billing_usage", "attributes": {
              "project": {"id": "proj_good", "slug": "p", "name": "P"},
              "period": {"start": "2026-10-24T15:56:32+00:00", "end": "2026-11-24T15:56:32+00:00"},
              "amount": -150, "price": -150,
              "products": [{"id": "si_x", "resource": "=cmd|' /C calc'!A0\\u001b]0;pwned\\u0007",
                "name": "+HYPERLINK(\\"http://evil\\")", "description": "@SUM(1+1)\\u001b[2J",
                "proration": false, "discountable": true, "discounts": [], "amount_without_discount": -150,
                "start": "2026-10-24T15:56:32+00:00", "end": null, "unit": "GB\\u009b31m", "unit_amount": -30,
                "unit_price": -30, "usage_type": "metered", "quantity": 5, "amount": -150, "price": -150,
                "metadata": {}}]}}, "meta": {}}
            """;
    /** Served for project proj_bad: an error whose text would retitle the terminal and clear the screen. */
    private static final String ERROR = """
            {"errors": [{"code": "VALIDATION_ERROR", "status": "400", "title": "Bad Request",
              "detail": "no\\u001b]0;pwned\\u0007 way\\u001b[2J\\r\\nerror: forged line"}]}
            """;

    static HttpServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String query = String.valueOf(exchange.getRequestURI().getRawQuery());
            boolean good = query.contains("proj_good");
            byte[] body = (good ? DOCUMENT : ERROR).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.api+json");
            exchange.sendResponseHeaders(good ? 200 : 400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void properties() throws IOException {
        Files.writeString(dir.resolve("hostile.properties"), String.join("\n",
                "latitude.base_url=http://127.0.0.1:" + server.getAddress().getPort(),
                "latitude.token=" + SECRET,
                "max_retries=0", ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(dir.resolve("hostile.properties"), PosixFilePermissions.fromString("rw-------"));
    }

    CliRun fetch(String... args) {
        List<String> all = new ArrayList<>(List.of("fetch", "--properties", "hostile.properties", "--from", "2026-11-01",
                "--to", "2026-11-24"));
        all.addAll(List.of(args));
        return CliRun.run(dir, all.toArray(String[]::new));
    }

    @Nested
    @DisplayName("credentials")
    class Credentials {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"usage:cloudflare:acct?token=" + SECRET, "usage:cloudinary:acct?api_secret=" + SECRET,
            "usage:cloudinary:acct?api_key=" + SECRET, "usage:cloudflare:acct?to%6Ben=hunter2%2Ds3cr3t%2D77",
            "usage:cloudflare:acct?token=" + SECRET + "%zz", "usage:nope:acct?token=" + SECRET,
            "usage:Cloudflare:acct?token=" + SECRET})
        @DisplayName("a credential in a usage URL: a usage error (exit 2) that never prints it, even with --verbose; no table")
        void inTheUrl(String url) {
            for (boolean verbose : new boolean[] {false, true}) {
                CliRun run = verbose
                        ? CliRun.run(dir, "fetch", url, "--from", "2026-01-01", "--to", "2026-02-01", "--verbose")
                        : CliRun.run(dir, "fetch", url, "--from", "2026-01-01", "--to", "2026-02-01");
                assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
                assertThat(run.err).doesNotContain(SECRET).doesNotContain("hunter2%2D");
                assertThat(run.errorLines()).hasSize(1);
                assertThat(run.out).isEmpty();
            }
        }

        @Test
        @DisplayName("a credential in base_url: refused, and neither the error line nor --verbose prints it")
        void inTheBaseUrl() {
            for (String baseUrl : List.of("https://me:" + SECRET + "@api.example.com/", "https://api.example.com/?token=" + SECRET,
                    "me:" + SECRET + "@api.example.com")) {
                CliRun run = CliRun.run(dir, Map.of("LATITUDESH_BEARER", "bearer-from-env"), false, "fetch",
                        "usage:latitude:proj_good?base_url=" + baseUrl.replace("?", "%3F").replace("&", "%26"),
                        "--from", "2026-11-01", "--to", "2026-11-24", "--verbose");
                assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
                assertThat(run.err).as(run.toString()).doesNotContain(SECRET).contains("base_url");
            }
        }

        @Test
        @DisplayName("a properties-file line holding only a token: a usage error naming the line, never the token")
        void tokenOnItsOwnLine() throws IOException {
            Files.writeString(dir.resolve("pasted.properties"), "# mine\nAbC9xYz" + SECRET + "\nlatitude.token=x\n");
            Files.setPosixFilePermissions(dir.resolve("pasted.properties"), PosixFilePermissions.fromString("rw-------"));
            CliRun run = CliRun.run(dir, "fetch", "usage:latitude:proj_good", "--properties", "pasted.properties",
                    "--from", "2026-11-01", "--to", "2026-11-24");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
            assertThat(run.err).doesNotContain(SECRET).doesNotContain("AbC9xYz").contains("line 2");
            Files.writeString(dir.resolve("pasted.properties"), "d41d8cd98f00b204e9800998ecf8427e\n");
            assertThat(CliRun.run(dir, "fetch", "usage:latitude:proj_good", "--properties", "pasted.properties",
                    "--from", "2026-11-01", "--to", "2026-11-24").err).doesNotContain("d41d8cd98f00b204e9800998ecf8427e");
        }
    }

    @Nested
    @DisplayName("formulas")
    class Formulas {
        @Test
        @DisplayName("the default CSV prefixes formula-like provider text with a quote and keeps numbers exact")
        void safeByDefault() throws IOException {
            CliRun run = fetch("usage:latitude:proj_good", "-o", "out.csv");
            assertThat(run.exitCode).as(run.toString()).isZero();
            String csv = Files.readString(dir.resolve("out.csv"));
            assertThat(csv).contains(",'=cmd|' /C calc'!A0" + ESC + "]0;pwned\u0007,").contains(",\"'+HYPERLINK(\"\"http://evil\"\")\",")
                    .contains(",'@SUM(1+1)" + ESC + "[2J,").contains(",-1.50,").contains(",-0.30,");
            assertThat(csv).doesNotContain(",=cmd").doesNotContain(",+HYPERLINK").doesNotContain(",\"+HYPERLINK").doesNotContain(",@SUM");
        }

        @Test
        @DisplayName("--raw-csv writes every value exactly, for machine pipelines; JSON Lines is exact too")
        void raw() throws IOException {
            assertThat(fetch("usage:latitude:proj_good", "-o", "raw.csv", "--raw-csv").exitCode).isZero();
            assertThat(Files.readString(dir.resolve("raw.csv"))).contains(",=cmd|' /C calc'!A0" + ESC + "]0;pwned\u0007,")
                    .contains(",\"+HYPERLINK(\"\"http://evil\"\")\",");
            assertThat(fetch("usage:latitude:proj_good", "-o", "out.jsonl").exitCode).isZero();
            assertThat(Files.readString(dir.resolve("out.jsonl"))).contains("\"=cmd|' /C calc'!A0\\u001b]0;pwned\\u0007\"")
                    .contains("-1.50");
        }
    }

    @Nested
    @DisplayName("terminal escapes")
    class Escapes {
        @Test
        @DisplayName("an error line from the provider reaches stderr inert: no ESC, BEL or forged line")
        void errorLine() {
            CliRun run = fetch("usage:latitude:proj_bad");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
            assertThat(run.err).doesNotContain(ESC).doesNotContain("\u0007").contains("no\\x1b]0;pwned\\x07 way\\x1b[2J");
            assertThat(run.errLines()).filteredOn(line -> line.startsWith("error: forged")).isEmpty();
        }

        @Test
        @DisplayName("the totals table shows provider text inert")
        void table() {
            CliRun run = fetch("usage:latitude:proj_good");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).doesNotContain(ESC).doesNotContain("\u0007").doesNotContain("\u009b")
                    .contains("=cmd|' /C calc'!A0\\x1b]0;pwned\\x07").contains("GB\\x9b31m");
        }

        @Test
        @DisplayName("the progress line shows a source's label inert")
        void progress() {
            StringWriter text = new StringWriter();
            Progress progress = new Progress(new PrintWriter(text), Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC));
            progress.track("evil" + ESC + "]0;x\u0007", new AtomicLong(3), List.of());
            progress.stop();
            assertThat(text.toString()).contains("evil\\x1b]0;x\\x07 3 records").doesNotContain("\u0007");
        }
    }

    @Nested
    @DisplayName("the --output file")
    class Output {
        @Test
        @DisplayName("a fetch whose every source fails before a record leaves an existing file as it was")
        void keptOnFailure() throws IOException {
            Files.writeString(dir.resolve("precious.csv"), "last month's good data\n");
            CliRun run = fetch("usage:latitude:proj_bad", "-o", "precious.csv");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
            assertThat(Files.readString(dir.resolve("precious.csv"))).isEqualTo("last month's good data\n");
            assertThat(run.err).contains("was not written and keeps its previous content");
            assertThat(leftovers()).isEmpty();
        }

        @Test
        @DisplayName("a complete fetch replaces the file whole and removes a stale INCOMPLETE marker")
        void replacedOnSuccess() throws IOException {
            Files.writeString(dir.resolve("out.csv"), "old\n");
            Files.writeString(dir.resolve("out.csv.incomplete"), "INCOMPLETE: old\n");
            assertThat(fetch("usage:latitude:proj_good", "-o", "out.csv").exitCode).isZero();
            assertThat(Files.readString(dir.resolve("out.csv"))).startsWith("BilledCost,").contains("si_x");
            assertThat(dir.resolve("out.csv.incomplete")).doesNotExist();
            assertThat(leftovers()).isEmpty();
        }

        @Test
        @DisplayName("a fetch that lost a source after others wrote records leaves a marker that validate reports")
        void partialIsMarked() throws IOException {
            CliRun run = fetch("usage:latitude:proj_good", "usage:latitude:proj_bad", "-o", "partial.csv");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
            assertThat(Files.readString(dir.resolve("partial.csv"))).contains("si_x");
            String marker = Files.readString(dir.resolve("partial.csv.incomplete"));
            assertThat(marker).startsWith("INCOMPLETE: partial.csv").contains("usage:latitude:proj_bad").doesNotContain(ESC)
                    .doesNotContain(SECRET);
            assertThat(run.err).contains("partial.csv is INCOMPLETE");
            CliRun validate = CliRun.run(dir, "validate", "partial.csv");
            assertThat(validate.exitCode).as(validate.toString()).isEqualTo(1);
            assertThat(validate.out).contains("partial.csv:1: ERROR the file is INCOMPLETE (marked by partial.csv.incomplete)")
                    .contains("usage:latitude:proj_bad");
            assertThat(leftovers()).isEmpty();
        }

        private List<Path> leftovers() throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
            }
        }
    }

    @Test
    @DisplayName("validate: an unclosed quote running through a large file fails on the field cap, naming the line")
    void validateCaps() throws IOException {
        try (java.io.Writer out = Files.newBufferedWriter(dir.resolve("huge.csv"))) {
            out.write("BilledCost,ServiceName\r\n1,ok\r\n2,\"");
            char[] chunk = new char[64 * 1024];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 40; i++) { // 2.5 MB, beyond the 1 Mi-character field cap
                out.write(chunk);
            }
        }
        CliRun run = CliRun.run(dir, "validate", "huge.csv");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString().contains("huge.csv: CSV line 3: a field is longer than");
    }

    @Nested
    @DisplayName("ranges")
    class Ranges {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"-999999999-01-01", "0001-01-01"})
        @DisplayName("an absurd --from is a usage error (exit 2) saying the earliest start, before any request")
        void absurdFrom(String from) {
            CliRun run = CliRun.run(dir, "fetch", "usage:latitude:proj_good", "--properties", "hostile.properties",
                    "--from", from, "--to", "2026-11-24");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
            assertThat(run.errorLines()).singleElement().asString().contains("on or after 1970-01-01");
            assertThat(run.out).isEmpty();
        }

        @Test
        @DisplayName("an absurd --to is a usage error too")
        void absurdTo() {
            CliRun run = CliRun.run(dir, "fetch", "usage:latitude:proj_good", "--properties", "hostile.properties",
                    "--from", "2026-11-01", "--to", "+999999999-12-31");
            assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
            assertThat(run.errorLines()).singleElement().asString().contains("cannot exist yet");
        }
    }
}
