package io.usage4j.cli;

import io.usage4j.cli.sandbox.Sandbox;
import io.usage4j.core.UsageQuery;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceRuntime;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.UsageUrl;
import io.usage4j.spi.kit.HttpKit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: starts the embedded {@link Sandbox} on loopback, points real sources of all four
 * providers at it through {@code base_url} with fake credentials, and fetches a year of usage from
 * them at once: the table of totals on stdout, the FOCUS CSV in {@code demo-usage.csv}. The sandbox
 * answers one request with 429 + Retry-After and one with 503, so the retries show in the log.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs fetch across Cloudflare, Fastly, Cloudinary and Latitude.sh against an embedded sandbox",
            "on 127.0.0.1 that serves generated usage through the providers' real endpoint shapes.",
            "Needs no account and no credentials. Prints the totals and writes the FOCUS CSV."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every source was read", "1:a source failed", "2:bad arguments"})
final class DemoCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "demo-usage.csv",
            description = "Where to write the FOCUS CSV (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "The sandbox's port on 127.0.0.1 (default: any free port).")
    int port;

    @Mixin
    Verbosity verbosity;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    /**
     * The demo's sources: one usage URL per dataset of each provider, all at the sandbox. Fastly's two
     * datasets are two views of the same usage: the table totals each source on its own and the engine
     * warns that summing both would count it twice.
     */
    static List<String> urls() {
        return List.of(
                "usage:cloudflare:" + Sandbox.CLOUDFLARE_ACCOUNT,
                "usage:fastly:" + Sandbox.FASTLY_CUSTOMER,
                "usage:fastly:" + Sandbox.FASTLY_CUSTOMER + "?dataset=services",
                // costed invoice lines; the month-to-date invoice names no currency, the sandbox bills in USD
                "usage:fastly:" + Sandbox.FASTLY_CUSTOMER + "?dataset=invoices&currency=USD",
                "usage:cloudinary:" + Sandbox.CLOUDINARY_ACCOUNT + "?prodenv_breakdown=true",
                "usage:latitude:" + Sandbox.LATITUDE_PROJECT);
    }

    /**
     * The sources to read from {@code sandbox}: each URL with its provider's {@code base_url} at the
     * sandbox and a fixed fake value for every secret the provider declares (the sandbox accepts any).
     */
    static List<FetchEngine.SourceSpec> specs(UsageSources registry, Sandbox sandbox) {
        List<FetchEngine.SourceSpec> specs = new ArrayList<>();
        for (String url : urls()) {
            String id = UsageUrl.parse(url).provider();
            Map<String, String> properties = new LinkedHashMap<>();
            Optional<UsageSourceProvider> provider = registry.provider(id);
            for (ProviderProperty property : provider.map(UsageSourceProvider::properties).orElse(List.of())) {
                if (property.name().equals(HttpKit.BASE_URL)) {
                    properties.put(HttpKit.BASE_URL, id.equals("cloudflare") ? sandbox.cloudflareBaseUrl() : sandbox.baseUrl());
                } else if (property.secret()) {
                    properties.put(property.name(), "sandbox-" + id + "-" + property.name().replace('_', '-'));
                }
            }
            specs.add(new FetchEngine.SourceSpec(url, properties));
        }
        return specs;
    }

    /** The demo's range: from the first day of the month a year ago through today (the sandbox's "today"). */
    static UsageQuery query(LocalDate today) {
        return UsageQuery.between(today.minusMonths(12).withDayOfMonth(1), today.plusDays(1));
    }

    @Override
    public Integer call() {
        PrintWriter err = context.err();
        Path target = context.resolve(output);
        try (Sandbox sandbox = Sandbox.builder().port(port).clock(context.clock()).start()) {
            // the demo never reads the machine's environment: no real credential can reach the sandbox
            // ... and shares the sandbox's clock, so "the current month" (Fastly's month-to-date invoice) is the sandbox's
            UsageSources registry = UsageSources.builder().environment(name -> null)
                    .runtime(SourceRuntime.system().withClock(context.clock())).build();
            List<FetchEngine.SourceSpec> specs = specs(registry, sandbox);
            UsageQuery query = query(sandbox.today());
            err.println("usage4j demo: a sandbox at " + sandbox.baseUrl() + " plays Cloudflare, Fastly, Cloudinary and Latitude.sh"
                    + " with generated usage (no account, no credentials).");
            err.println("fetching " + query.from() + " to " + query.to().minusDays(1) + " from " + specs.size() + " sources at once: "
                    + String.join(", ", specs.stream().map(FetchEngine.SourceSpec::url).toList()));
            err.flush();
            FetchEngine.Result result;
            Writer opened;
            try {
                opened = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot write --output " + target + " ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            }
            try (Writer file = opened) {
                CsvSink csv = new CsvSink(file);
                TableSink table = new TableSink(context.out());
                FetchEngine engine = new FetchEngine(registry, err, verbosity.verbose(), context.terminal(), context.clock(),
                        FetchEngine.secretsOf(registry, specs, name -> null));
                result = engine.run(specs, query, List.of(csv, table));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
            err.println("wrote " + Numbers.grouped(BigDecimal.valueOf(result.records())) + " FOCUS records to " + target);
            if (sandbox.faultsServed() > 0) {
                err.println("the sandbox answered " + sandbox.faultsServed() + " requests with faults on purpose (a 429 with"
                        + " Retry-After: 1 to Cloudflare, a 503 to Fastly); the [INFO] lines above are the retries that rode them out");
            }
            err.println("next: java -jar usage4j.jar validate " + output + "   |   java -jar usage4j.jar providers");
            err.flush();
            return result.failures() == 0 ? 0 : 1;
        }
    }
}
