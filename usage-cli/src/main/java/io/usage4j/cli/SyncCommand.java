package io.usage4j.cli;

import io.usage4j.core.UsageSource;
import io.usage4j.dataset.PartitionOutcome;
import io.usage4j.dataset.PartitionOutcome.Status;
import io.usage4j.dataset.SyncListener;
import io.usage4j.dataset.SyncOptions;
import io.usage4j.dataset.SyncReport;
import io.usage4j.dataset.SyncSource;
import io.usage4j.dataset.UsageDataset;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.UsageUrl;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sync URL... --dataset DIR}: keeps a FOCUS Parquet dataset current (see {@link UsageDataset}).
 * Progress goes to stderr; stdout gets one line per partition that was written, left unchanged,
 * removed or failed, and a summary.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Keeps a FOCUS dataset current: hive-partitioned Parquet (provider/view/billing account/charge month) with",
            "FOCUS 1.3 Recency metadata. Each run re-fetches the months that are missing, not yet final, or within the",
            "look-back, swaps each partition in atomically, and leaves unchanged partitions untouched.",
            "Credentials come from environment variables or a --properties file, never from the command line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every planned partition was written or found unchanged",
            "1:a source or partition failed (its previous version stays; the others were still synced)",
            "2:bad arguments"})
final class SyncCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "URL",
            description = "Usage URLs, e.g. usage:cloudflare:<account_id> (see the providers command).")
    List<String> urls;

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "The dataset directory (created if absent).")
    String dataset;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
            description = "First day in scope (its whole month is synced). Needed the first time a source is synced;"
                    + " later it defaults to the first month the dataset holds for it.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
            description = "Last day in scope, EXCLUSIVE. Default: tomorrow (UTC), so today is included.")
    LocalDate to;

    @Option(names = "--lookback", paramLabel = "N", defaultValue = "2",
            description = "Months before the current one that are re-fetched on every run (default: ${DEFAULT-VALUE}).")
    int lookback;

    @Option(names = "--full", description = "Re-fetch every month in scope, whatever the dataset holds.")
    boolean full;

    @Option(names = "--properties", paramLabel = "FILE",
            description = "Properties file: key=value, keys optionally prefixed by a provider id (cloudflare.token=...).")
    String properties;

    @Mixin
    Verbosity verbosity;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    SyncCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (lookback < 0) {
            throw new ParameterException(spec.commandLine(), "--lookback must be 0 or more months, got " + lookback);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ParameterException(spec.commandLine(), "--from " + from + " must be before --to " + to + " (--to is exclusive)");
        }
        UsageSources registry = UsageSources.builder().environment(context.environment()).build();
        PropertiesFile file;
        try {
            file = properties == null ? PropertiesFile.none() : PropertiesFile.load(context.resolve(properties), registry, context.err());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<FetchEngine.SourceSpec> specs = new ArrayList<>();
        for (String url : urls) {
            specs.add(new FetchEngine.SourceSpec(url, file.forProvider(providerOf(url))));
        }
        SyncOptions options = new SyncOptions(Optional.ofNullable(from), Optional.ofNullable(to), lookback, full, context.clock());
        Run run = new Run(context.out(), context.err(), verbosity.verbose(), context.terminal(),
                FetchEngine.secretsOf(registry, specs, context.environment()));
        int code = run.sync(registry, specs, context.resolve(dataset), options, spec);
        return code;
    }

    private static String providerOf(String url) {
        try {
            return UsageUrl.parse(url).provider();
        } catch (RuntimeException malformed) {
            return "";
        }
    }

    /** One sync run with its output; the demo uses it too. */
    static final class Run {
        private final PrintWriter out;
        private final PrintWriter err;
        private final boolean verbose;
        private final boolean terminal;
        private final Collection<String> secrets;

        Run(PrintWriter out, PrintWriter err, boolean verbose, boolean terminal, Collection<String> secrets) {
            this.out = out;
            this.err = err;
            this.verbose = verbose;
            this.terminal = terminal;
            this.secrets = List.copyOf(secrets);
        }

        /** Opens the sources, syncs them into {@code directory}, prints the outcome; returns the exit code. */
        int sync(UsageSources registry, List<FetchEngine.SourceSpec> specs, Path directory, SyncOptions options, CommandSpec spec) {
            List<SyncSource> sources = new ArrayList<>();
            List<UsageSource> opened = new ArrayList<>();
            int failedToOpen = 0;
            try {
                for (FetchEngine.SourceSpec source : specs) {
                    try {
                        UsageSource usage = registry.openSource(source.url(), source.properties());
                        opened.add(usage);
                        sources.add(new SyncSource(Errors.redact(source.url(), secrets), usage));
                    } catch (RuntimeException e) {
                        failedToOpen++;
                        report(source.url(), e);
                    }
                }
                UsageDataset target = UsageDataset.at(directory);
                SyncReport report;
                try {
                    report = target.sync(sources, options, new Listener());
                } catch (IllegalArgumentException | IllegalStateException e) {
                    if (spec != null) {
                        throw new ParameterException(spec.commandLine(), Errors.redact(Errors.oneLine(e.getMessage()), secrets));
                    }
                    throw e;
                }
                for (PartitionOutcome outcome : report.outcomes()) {
                    if (outcome.status() != Status.KEPT && outcome.status() != Status.UNREACHABLE) {
                        out.println(line(outcome));
                    }
                }
                out.println("sync " + target.directory() + ": " + count(report, Status.WRITTEN) + " written, "
                        + count(report, Status.UNCHANGED) + " unchanged, " + count(report, Status.REMOVED) + " removed, "
                        + count(report, Status.FAILED) + " failed; " + count(report, Status.KEPT) + " final months kept, "
                        + report.requestedMonths() + " source months fetched"
                        + (failedToOpen > 0 ? "; " + failedToOpen + " source" + (failedToOpen == 1 ? "" : "s") + " could not be opened" : ""));
                out.flush();
                return report.failed() || failedToOpen > 0 ? 1 : 0;
            } finally {
                for (UsageSource source : opened) {
                    try {
                        source.close();
                    } catch (RuntimeException e) {
                        report(source.providerId(), e);
                    }
                }
            }
        }

        private static long count(SyncReport report, Status status) {
            return report.count(status);
        }

        private String line(PartitionOutcome outcome) {
            String what = outcome.path().orElse(outcome.source() + " " + outcome.month());
            String rows = outcome.status() == Status.FAILED || outcome.status() == Status.REMOVED ? ""
                    : " " + Numbers.grouped(BigDecimal.valueOf(outcome.records())) + " rows";
            return String.format("%-9s %s%s (%s)", outcome.status(), what, rows, Errors.redact(Errors.oneLine(outcome.detail()), secrets));
        }

        private void report(String where, Throwable failure) {
            err.println("error: " + Errors.line(where, failure, secrets));
            if (verbose) {
                Errors.printStack(err, failure, secrets);
            }
            err.flush();
        }

        /** Progress on stderr: the plan of each source, the months as they finish, rows while they stream. */
        private final class Listener implements SyncListener {
            @Override
            public void planned(String source, List<YearMonth> toFetch) {
                err.println("sync " + source + ": " + (toFetch.isEmpty() ? "every month is final and outside the look-back; nothing to fetch"
                        : "fetching " + toFetch.size() + " month" + (toFetch.size() == 1 ? "" : "s") + " ("
                                + toFetch.stream().map(YearMonth::toString).collect(Collectors.joining(", ")) + ")"));
                err.flush();
            }

            @Override
            public void progress(String source, YearMonth month, long records) {
                if (terminal) {
                    err.print("\033[K" + source + " " + month + ": " + Numbers.grouped(BigDecimal.valueOf(records)) + " rows\r");
                    err.flush();
                }
            }

            @Override
            public void outcome(PartitionOutcome outcome) {
                if (outcome.status() == Status.FAILED) {
                    err.println("error: " + outcome.source() + " " + outcome.month() + ": "
                            + Errors.redact(Errors.oneLine(outcome.detail()), secrets));
                    err.flush();
                }
            }
        }
    }

}
