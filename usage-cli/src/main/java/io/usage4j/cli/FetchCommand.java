package io.usage4j.cli;

import io.usage4j.core.UsageException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.focus.FocusCsvWriter;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.UsageUrl;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fetch URL... --from --to}: reads sources concurrently and writes FOCUS CSV, JSON Lines or a table. */
@Command(name = "fetch", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Reads usage from one or more sources at once and writes it as FOCUS CSV, JSON Lines or a table of totals.",
            "Credentials come from environment variables or a --properties file, never from the command line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every source was read completely",
            "1:a source failed (the others were still written; the failure is on stderr)",
            "2:bad arguments: a malformed URL, an unknown provider, a credential or unknown option in a URL, a refused range"})
final class FetchCommand implements Callable<Integer> {

    /** The output formats. */
    enum Format {
        TABLE, CSV, JSONL
    }

    @Parameters(arity = "1..*", paramLabel = "URL",
            description = "Usage URLs, e.g. usage:cloudflare:<account_id> (see the providers command).")
    List<String> urls;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
            description = "First day, inclusive (UTC).")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
            description = "Last day, EXCLUSIVE (UTC): --from 2025-01-01 --to 2025-02-01 is January.")
    LocalDate to;

    @Option(names = "--filter", paramLabel = "KEY=VALUE[,VALUE...]",
            description = "Keep only records matching: metric=<SkuId or SkuMeter>, service=<ServiceName>, "
                    + "subaccount=<SubAccountId>. Repeatable; values of one key are alternatives.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "A provider-specific query option (each provider documents the keys it reads). Repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, csv or jsonl. Default: csv for an --output ending in .csv, jsonl for .jsonl or .ndjson, "
                    + "else table.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    String output;

    @Option(names = "--properties", paramLabel = "FILE",
            description = "Properties file: key=value, keys optionally prefixed by a provider id (cloudflare.token=...).")
    String properties;

    @Option(names = "--raw-csv",
            description = "Write CSV text cells exactly as the provider sent them, for machine pipelines. By default a cell "
                    + "a spreadsheet would run as a formula (starting with = + - @, a tab or CR) gets a leading '.")
    boolean rawCsv;

    @Option(names = "--beyond-lookback",
            description = "Ask for usage older than the provider says it keeps (its look-back); refused otherwise.")
    boolean beyondLookback;

    @Mixin
    Verbosity verbosity;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    FetchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Format chosen = format();
        UsageQuery query = query();
        UsageSources registry = UsageSources.builder().environment(context.environment()).build();
        Path target = output == null ? null : context.resolve(output);
        if (target != null) {
            checkWritable(target);
        }
        PropertiesFile file;
        try {
            file = properties == null ? PropertiesFile.none() : PropertiesFile.load(context.resolve(properties), registry, context.err());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        checkUrls(registry, query);
        List<FetchEngine.SourceSpec> specs = new ArrayList<>();
        for (String url : urls) {
            specs.add(new FetchEngine.SourceSpec(url, file.forProvider(providerOf(url))));
        }
        try (OutputFile outputFile = target == null ? null : open(target);
                Writer writer = target == null ? new KeepOpen(context.out()) : outputFile.writer()) {
            RecordSink sink = switch (chosen) {
                case CSV -> new CsvSink(writer, rawCsv ? FocusCsvWriter.Cells.EXACT : FocusCsvWriter.Cells.SPREADSHEET_SAFE);
                case JSONL -> new JsonLinesSink(writer);
                case TABLE -> new TableSink(new java.io.PrintWriter(writer));
            };
            FetchEngine engine = new FetchEngine(registry, context.err(), verbosity.verbose(), context.terminal(),
                    context.clock(), FetchEngine.secretsOf(registry, specs, context.environment()));
            FetchEngine.Result result = engine.run(specs, query, List.of(sink));
            if (outputFile != null) {
                writer.flush();
                place(outputFile, target, result, engine);
            }
            if (context.terminal()) {
                context.err().println(Numbers.grouped(java.math.BigDecimal.valueOf(result.records())) + " records from "
                        + (specs.size() - result.failures()) + " of " + specs.size() + " sources"
                        + (target == null ? "" : ", written to " + Terminal.inert(target.toString())));
            }
            return result.failures() == 0 ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + (target == null ? "stdout" : target), e);
        }
    }

    /**
     * Moves the output into place when the fetch completed, or lost sources after writing records (with
     * a marker naming them); leaves an existing file untouched when no record came at all.
     */
    private void place(OutputFile outputFile, Path target, FetchEngine.Result result, FetchEngine engine) throws IOException {
        if (result.failures() == 0) {
            outputFile.complete();
            return;
        }
        if (result.records() == 0) {
            outputFile.abandon();
            context.err().println("note: " + Terminal.inert(target.toString()) + " was not written"
                    + (Files.exists(target) ? " and keeps its previous content" : "") + ": no source delivered a record");
            return;
        }
        List<String> failures = new ArrayList<>();
        for (FetchEngine.Outcome outcome : result.outcomes()) {
            outcome.failure().ifPresent(failure -> failures.add(engine.describe(outcome.url(), failure, outcome.records())));
        }
        outputFile.incomplete(failures);
        context.err().println("note: " + Terminal.inert(target.toString()) + " is INCOMPLETE; "
                + Terminal.inert(OutputFile.marker(target).toString()) + " says which sources are missing");
    }

    /**
     * Refuses, as bad arguments (exit 2) and before anything is fetched or written: a URL that does not
     * parse, names no installed provider, carries a credential or an option its provider does not read,
     * and a range its provider's plan refuses (absurd dates, beyond the look-back).
     */
    private void checkUrls(UsageSources registry, UsageQuery query) {
        for (String url : urls) {
            UsageUrl parsed;
            try {
                parsed = registry.checkUrl(url);
                registry.provider(parsed.provider()).ifPresent(provider -> QueryPlanner.withClock(context.clock())
                        .windows(provider.id(), query, provider.capabilities()));
            } catch (UsageException e) {
                throw new ParameterException(spec.commandLine(), UsageUrl.redact(url) + ": " + e.getMessage()
                        + (e instanceof io.usage4j.core.UnsupportedQueryException && !beyondLookback
                                && e.getMessage().contains("look-back") ? " (--beyond-lookback asks anyway)" : ""));
            }
        }
    }

    /** Refuses an --output whose directory is missing or read-only, or that is a directory, before anything is fetched. */
    private void checkWritable(Path target) {
        Path directory = target.toAbsolutePath().getParent();
        String problem = Files.isDirectory(target) ? "it is a directory"
                : directory == null || !Files.isDirectory(directory) ? "its directory does not exist"
                : !Files.isWritable(directory) ? "its directory is not writable"
                : Files.exists(target) && !Files.isWritable(target) ? "it is not writable" : null;
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), "cannot write --output " + target + " (" + problem + ")");
        }
    }

    private OutputFile open(Path target) {
        try {
            return OutputFile.beside(target);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot write --output " + target + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private Format format() {
        if (format != null) {
            try {
                return Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--format must be table, csv or jsonl, got '" + format + "'");
            }
        }
        String name = output == null ? "" : output.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Format.JSONL;
        }
        return Format.TABLE;
    }

    private UsageQuery query() {
        if (!from.isBefore(to)) {
            throw new ParameterException(spec.commandLine(), "--from " + from + " must be before --to " + to
                    + " (--to is exclusive: for the single day " + from + " use --to " + from.plusDays(1) + ")");
        }
        var builder = UsageQuery.builder().from(from).to(to).putAllOptions(options).beyondLookback(beyondLookback);
        for (String filter : filters) {
            int eq = filter.indexOf('=');
            String key = eq < 0 ? filter : filter.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            List<String> values = eq < 0 ? List.of()
                    : java.util.Arrays.stream(filter.substring(eq + 1).split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
            if (eq < 0 || values.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--filter '" + filter + "' must be KEY=VALUE[,VALUE...]");
            }
            switch (key) {
                case "metric" -> builder.addAllMetrics(values);
                case "service" -> builder.addAllServiceNames(values);
                case "subaccount" -> builder.addAllSubAccountIds(values);
                default -> throw new ParameterException(spec.commandLine(), "--filter key '" + key
                        + "' is not one of metric, service, subaccount (provider-specific options go in --option KEY=VALUE)");
            }
        }
        return builder.build();
    }

    private static String providerOf(String url) {
        try {
            return UsageUrl.parse(url).provider();
        } catch (RuntimeException malformed) {
            return "";
        }
    }

    /** Writes to the context's stdout without ever closing it. */
    private static final class KeepOpen extends FilterWriter {
        KeepOpen(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
