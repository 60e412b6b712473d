package io.usage4j.cli;

import io.usage4j.core.ApplicabilityCriterion;
import io.usage4j.core.focus.FocusRule;
import io.usage4j.core.focus.FocusRules;
import io.usage4j.core.focus.FocusValidator;
import io.usage4j.core.focus.FocusViolation;
import io.usage4j.core.focus.FocusViolation.Severity;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate FILE|DIR}: checks FOCUS datasets against the FOCUS rules ({@link FocusRules}): the
 * FinOps Foundation's requirements model, rule by rule, and the hand-written FOCUS 1.3 rules. A FILE is a
 * FOCUS CSV; a DIR is checked with the first {@link DatasetFormat} that recognises it (today: the CSV files
 * under it, each a dataset). {@code --report junit} writes JUnit XML, one test case per rule, for CI
 * systems; {@code --coverage} lists the rules and how each is treated.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Checks FOCUS datasets against the FOCUS Cost and Usage rules (the FinOps Foundation's requirements model,"
                + " rule by rule) and reports violations with line numbers and rule ids.",
            "ERROR: a MUST rule is broken. INCOMPLETE: a value FOCUS requires is empty because the provider does not report it."
                    + " WARNING: a SHOULD rule is not met."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no ERROR (INCOMPLETE values and WARNINGs may remain)", "1:ERRORs found, or a file is not CSV", "2:bad arguments"})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|DIR", description = "A FOCUS CSV, a directory of FOCUS CSVs, or a dataset directory written by sync.")
    String file;

    @Option(names = "--report", paramLabel = "FORMAT", defaultValue = "console",
            description = "console (default): violations as lines; junit: JUnit XML with one test case per rule.")
    String report;

    @Option(names = "--report-file", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    String reportFile;

    @Option(names = "--provider", paramLabel = "ID",
            description = "Apply the rules that apply to this installed provider (its declared applicability criteria).")
    String provider;

    @Option(names = "--criteria", paramLabel = "CRITERIA", split = ",",
            description = "The applicability criteria to apply (e.g. TAGGING_SUPPORTED,USAGE_MEASUREMENT_SUPPORTED), or 'none'."
                    + " Without --criteria or --provider, a row's conditional values say what applies to it.")
    List<String> criteria;

    @Option(names = "--coverage", description = "List the FOCUS rules and whether each is evaluated, and end with the count.")
    boolean coverage;

    @Option(names = "--all", description = "List every INCOMPLETE value and WARNING instead of a count per rule.")
    boolean all;

    @Mixin
    Verbosity verbosity;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    ValidateCommand(CliContext context) {
        this.context = context;
    }

    /** A dataset the command can check. */
    interface Dataset {
        /** The name violations and reports give it (its path). */
        String name();

        /** Its violations, lazily; {@code criteria} null to infer applicability from the rows. */
        Stream<FocusViolation> violations(Set<ApplicabilityCriterion> criteria);
    }

    /**
     * A kind of dataset on disk. A FILE or DIR is checked with the first format that recognises it; a
     * Parquet dataset format plugs in here beside the CSV one.
     */
    interface DatasetFormat {
        /** The datasets at {@code path}, or empty when this format does not recognise it. */
        Optional<List<Dataset>> open(Path path);
    }

    /** FOCUS CSV: a .csv file, or every .csv file under a directory (each its own dataset), in path order. */
    static final class CsvFormat implements DatasetFormat {
        @Override
        public Optional<List<Dataset>> open(Path path) {
            if (Files.isRegularFile(path)) {
                return Optional.of(List.of(csv(path)));
            }
            if (!Files.isDirectory(path)) {
                return Optional.empty();
            }
            try (Stream<Path> files = Files.walk(path)) {
                List<Dataset> found = files.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                        .sorted().map(CsvFormat::csv).toList();
                return found.isEmpty() ? Optional.empty() : Optional.of(found);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path, e);
            }
        }

        private static Dataset csv(Path file) {
            return new Dataset() {
                @Override
                public String name() {
                    return file.toString();
                }

                @Override
                public Stream<FocusViolation> violations(Set<ApplicabilityCriterion> criteria) {
                    Reader reader;
                    try {
                        reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + file, e);
                    }
                    return criteria == null ? FocusValidator.validateCsv(reader) : FocusValidator.validateCsv(reader, criteria);
                }
            };
        }
    }

    static final List<DatasetFormat> FORMATS = List.of(new CsvFormat());

    @Override
    public Integer call() {
        if (!report.equals("console") && !report.equals("junit")) {
            throw new ParameterException(spec.commandLine(), "--report must be console or junit, not '" + report + "'");
        }
        if (coverage) {
            printCoverage(context.out());
            context.out().flush();
            return 0;
        }
        if (file == null) {
            throw new ParameterException(spec.commandLine(), "a FILE or DIR to validate is required (or --coverage)");
        }
        Set<ApplicabilityCriterion> declared = declaredCriteria();
        Path path = context.resolve(file);
        if (!Files.exists(path)) {
            throw new ParameterException(spec.commandLine(), path + " does not exist");
        }
        if (Files.isDirectory(path) && Files.exists(path.resolve("_focus_metadata.json"))) {
            return DatasetValidation.run(context, path, all);
        }
        List<Dataset> datasets = FORMATS.stream().map(format -> format.open(path)).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), path + " is neither a FOCUS CSV file nor a directory"
                        + " holding FOCUS CSV files"));
        PrintWriter reportOut = reportWriter();
        try {
            int exit = 0;
            List<Tally> tallies = new ArrayList<>();
            for (Dataset dataset : datasets) {
                Tally tally = new Tally(dataset.name());
                tally.errors += incompleteMarker(Path.of(dataset.name()));
                try (Stream<FocusViolation> violations = dataset.violations(declared)) {
                    Iterator<FocusViolation> iterator = violations.iterator();
                    while (iterator.hasNext()) {
                        FocusViolation violation = iterator.next();
                        tally.add(violation);
                        if (report.equals("console") && (violation.isError() || all)) {
                            context.out().println(describe(dataset.name(), violation));
                        }
                    }
                } catch (IllegalArgumentException notCsv) {
                    context.out().flush();
                    context.err().println("error: " + Terminal.inert(dataset.name() + ": " + Errors.oneLine(notCsv.getMessage())));
                    tally.unreadable = Errors.oneLine(notCsv.getMessage());
                    exit = 1;
                }
                tallies.add(tally);
                if (report.equals("console") && tally.unreadable == null) {
                    printSummary(dataset.name(), tally);
                }
                if (tally.errors > 0) {
                    exit = 1;
                }
            }
            if (report.equals("junit")) {
                JUnitReport.write(reportOut, tallies, FocusRules.standard());
            }
            return exit;
        } finally {
            reportOut.flush();
            if (reportOut != context.out()) {
                reportOut.close();
            }
            context.out().flush();
        }
    }

    private PrintWriter reportWriter() {
        if (reportFile == null) {
            return context.out();
        }
        try {
            return new PrintWriter(Files.newBufferedWriter(context.resolve(reportFile), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot write " + reportFile + ": " + e.getMessage());
        }
    }

    private Set<ApplicabilityCriterion> declaredCriteria() {
        if (provider != null && criteria != null) {
            throw new ParameterException(spec.commandLine(), "give --provider or --criteria, not both");
        }
        if (provider != null) {
            UsageSources registry = UsageSources.builder().environment(context.environment()).build();
            List<UsageSourceProvider> installed = registry.list();
            return installed.stream().filter(p -> p.id().equals(provider)).findFirst()
                    .map(p -> p.capabilities().applicabilityCriteria())
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "no installed provider '" + provider + "'; installed: "
                            + installed.stream().map(UsageSourceProvider::id).toList()));
        }
        if (criteria == null) {
            return null;
        }
        Set<ApplicabilityCriterion> set = EnumSet.noneOf(ApplicabilityCriterion.class);
        for (String name : criteria) {
            if (name.equalsIgnoreCase("none") && criteria.size() == 1) {
                return set;
            }
            try {
                set.add(ApplicabilityCriterion.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw new ParameterException(spec.commandLine(), "'" + name + "' is not a FOCUS applicability criterion; use one of "
                        + java.util.Arrays.toString(ApplicabilityCriterion.values()) + " or 'none'");
            }
        }
        return set;
    }

    private void printSummary(String name, Tally tally) {
        PrintWriter out = context.out();
        if (!all) {
            tally.perRule.forEach((key, rule) -> {
                if (rule.severity != Severity.ERROR) {
                    out.println(Terminal.inert(name + ": " + rule.severity + " " + rule.column) + ": "
                            + Numbers.grouped(BigDecimal.valueOf(rule.count)) + " rows "
                            + (rule.severity == Severity.INCOMPLETE ? "without a value FOCUS requires" : "not as FOCUS advises")
                            + (rule.ruleId == null ? "" : " [" + rule.ruleId + (rule.keyword == null ? "" : " " + rule.keyword) + "]"));
                }
            });
        }
        out.println(name + ": " + (tally.errors == 0 ? "valid FOCUS CSV: no errors" : tally.errors + " error" + (tally.errors == 1 ? "" : "s"))
                + ", " + Numbers.grouped(BigDecimal.valueOf(tally.incomplete)) + " incomplete value" + (tally.incomplete == 1 ? "" : "s")
                + ", " + Numbers.grouped(BigDecimal.valueOf(tally.warnings)) + " warning" + (tally.warnings == 1 ? "" : "s"));
    }

    private static String describe(String name, FocusViolation violation) {
        // the message may quote a value of the file: made inert, as the file's text may not be trusted
        return Terminal.inert(name + ":" + violation.row() + ": " + violation.severity() + " " + violation.column() + ": "
                + violation.message() + (violation.ruleId() == null ? "" : " [" + violation.ruleId()
                + (violation.keyword() == null ? "" : " " + violation.keyword()) + "]"));
    }

    /**
     * Reports the marker a fetch leaves beside a file that lacks some sources' records
     * ({@code FILE.incomplete}, see {@code fetch --output}) as an ERROR of line 1; returns the errors found.
     */
    private long incompleteMarker(Path path) {
        Path marker = OutputFile.marker(path);
        if (!Files.isRegularFile(marker)) {
            return 0;
        }
        String why;
        try (Stream<String> lines = Files.lines(marker, StandardCharsets.UTF_8)) {
            why = lines.skip(1).limit(5).map(String::strip).filter(line -> !line.isEmpty()).reduce((a, b) -> a + "; " + b)
                    .orElse("a source failed");
        } catch (IOException | UncheckedIOException unreadable) {
            why = "a source failed";
        }
        context.out().println(Terminal.inert(path + ":1: ERROR the file is INCOMPLETE (marked by " + marker.getFileName()
                + "): " + why));
        return 1;
    }

    private static void printCoverage(PrintWriter out) {
        FocusRules rules = FocusRules.standard();
        out.println("FOCUS " + rules.modelVersion() + " requirements model (FinOps Foundation), "
                + rules.modelRules().size() + " rules: " + rules.staticRuleCount() + " static, " + rules.dynamicRules().size() + " dynamic");
        out.println();
        out.println("Static rules:");
        for (FocusRule rule : rules.modelRules()) {
            if (rule.isStatic()) {
                out.println("  " + (rule.evaluated() ? "evaluated      " : "NOT evaluated  ") + rule.id() + " " + rule.keyword()
                        + criteria(rule) + (rule.note().equals("evaluated") ? "" : " - " + rule.note()));
            }
        }
        out.println();
        out.println("Dynamic rules (prose no program checks from the data; listed, not evaluated):");
        for (FocusRule rule : rules.dynamicRules()) {
            out.println("  dynamic        " + rule.id() + " " + rule.keyword() + criteria(rule) + " - " + rule.text());
        }
        out.println();
        out.println("FOCUS 1.3 rules written by hand for the columns the 1.2 model lacks:");
        for (FocusRule rule : rules.handWrittenRules()) {
            out.println("  evaluated      " + rule.id() + " " + rule.keyword() + " - " + rule.source());
        }
        out.println();
        out.println(rules.evaluatedStaticRuleCount() + " of " + rules.staticRuleCount() + " static rules evaluated");
    }

    private static String criteria(FocusRule rule) {
        return rule.criteria().isEmpty() ? "" : " (when " + rule.criteria().stream().map(Enum::name).sorted().toList() + ")";
    }

    /** What one dataset's violations add up to, per rule; memory is bounded by the number of rules. */
    static final class Tally {
        static final int EXAMPLES = 10;
        final String name;
        final Map<String, RuleTally> perRule = new LinkedHashMap<>();
        long errors;
        long incomplete;
        long warnings;
        String unreadable;

        Tally(String name) {
            this.name = name;
        }

        void add(FocusViolation violation) {
            switch (violation.severity()) {
                case ERROR -> errors++;
                case INCOMPLETE -> incomplete++;
                case WARNING -> warnings++;
            }
            String key = (violation.ruleId() == null ? "usage4j:" + violation.column() : violation.ruleId()) + "|" + violation.severity()
                    + (violation.severity() == Severity.ERROR ? "" : "|" + violation.column());
            RuleTally rule = perRule.computeIfAbsent(key, k -> new RuleTally(violation));
            rule.count++;
            if (rule.examples.size() < EXAMPLES) {
                rule.examples.add("line " + violation.row() + ": " + violation.column() + ": " + violation.message());
            }
        }
    }

    static final class RuleTally {
        final String ruleId;
        final String keyword;
        final Severity severity;
        final String column;
        final List<String> examples = new ArrayList<>();
        long count;

        RuleTally(FocusViolation first) {
            this.ruleId = first.ruleId();
            this.keyword = first.keyword();
            this.severity = first.severity();
            this.column = first.column();
        }
    }
}
