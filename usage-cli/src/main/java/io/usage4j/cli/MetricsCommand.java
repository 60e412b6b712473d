package io.usage4j.cli;

import io.usage4j.core.MetricDescription;
import io.usage4j.core.UsageException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageSource;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.UsageUrl;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code metrics URL}: the provider's metric catalogue for the source, so users see which metric ids
 * {@code fetch --filter metric=...} takes. Provider text is printed with control characters replaced.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"Lists the metrics a source can report (the provider's catalogue), for fetch --filter metric=<id>.",
            "Credentials come from environment variables or a --properties file, never from the command line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the catalogue was listed", "1:the source failed or publishes no catalogue", "2:bad arguments"})
final class MetricsCommand implements Callable<Integer> {

    @Parameters(arity = "1", paramLabel = "URL", description = "A usage URL, e.g. usage:cloudflare:<account_id>.")
    String url;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
            description = "First day, inclusive (UTC). Default: the first of the current month.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
            description = "Last day, EXCLUSIVE (UTC). Default: tomorrow, so today is included.")
    LocalDate to;

    @Option(names = "--properties", paramLabel = "FILE",
            description = "Properties file: key=value, keys optionally prefixed by a provider id (cloudflare.token=...).")
    String properties;

    @Mixin
    Verbosity verbosity;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    MetricsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        LocalDate today = LocalDate.now(context.clock().withZone(ZoneOffset.UTC));
        LocalDate first = from != null ? from : today.withDayOfMonth(1);
        LocalDate end = to != null ? to : today.plusDays(1);
        if (!first.isBefore(end)) {
            throw new ParameterException(spec.commandLine(), "--from " + first + " must be before --to " + end
                    + " (--to is exclusive)");
        }
        UsageSources registry = UsageSources.builder().environment(context.environment()).build();
        PropertiesFile file;
        String provider;
        try {
            provider = UsageUrl.parse(url).provider();
            file = properties == null ? PropertiesFile.none() : PropertiesFile.load(context.resolve(properties), registry, context.err());
        } catch (IllegalArgumentException | UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, String> props = file.forProvider(provider);
        List<FetchEngine.SourceSpec> specs = List.of(new FetchEngine.SourceSpec(url, props));
        java.util.Set<String> secrets = FetchEngine.secretsOf(registry, specs, context.environment());
        List<MetricDescription> metrics = new ArrayList<>();
        try (UsageSource source = registry.openSource(url, props);
                Stream<MetricDescription> stream = source.metrics(UsageQuery.between(first, end))) {
            stream.forEach(metrics::add);
        } catch (UsageException e) {
            context.err().println("error: " + Errors.line(url, e, secrets));
            if (verbosity.verbose()) {
                Errors.printStack(context.err(), e, secrets);
            }
            context.err().flush();
            return 1;
        }
        print(context.out(), metrics);
        context.err().println(metrics.size() + " metric" + (metrics.size() == 1 ? "" : "s") + " of " + url + " from "
                + first + " to " + end.minusDays(1));
        context.err().flush();
        return 0;
    }

    /** A table: id, name, then the provider's other fields as {@code key=value; ...}. */
    static void print(PrintWriter out, List<MetricDescription> metrics) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"METRIC ID", "NAME", "DETAILS"});
        for (MetricDescription metric : metrics) {
            rows.add(new String[] {printable(metric.id()), printable(metric.name().orElse("-")),
                printable(metric.attributes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")))});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            out.println((pad(row[0], widths[0]) + "  " + pad(row[1], widths[1]) + "  " + row[2]).stripTrailing());
        }
        out.flush();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    /** Provider text with control characters (escape sequences, new lines) replaced, so it stays data on a terminal. */
    static String printable(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }
}
