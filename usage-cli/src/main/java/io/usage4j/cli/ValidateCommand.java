package io.usage4j.cli;

import io.usage4j.core.focus.FocusValidator;
import io.usage4j.core.focus.FocusViolation;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * {@code validate FILE.csv}: checks a FOCUS CSV with {@link FocusValidator}. Every ERROR is printed with
 * its line; values FOCUS requires that the provider does not report (INCOMPLETE) are summarised per
 * column, or listed one by one with {@code --all}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Checks a FOCUS CSV against the FOCUS Cost and Usage rules and reports violations with line numbers.",
            "ERROR: a value is wrong. INCOMPLETE: a value FOCUS requires is empty because the provider does not report it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no ERROR (INCOMPLETE values may remain)", "1:ERRORs found, or the file is not CSV", "2:bad arguments"})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "The FOCUS CSV to check.")
    String file;

    @Option(names = "--all", description = "List every INCOMPLETE value instead of a count per column.")
    boolean all;

    @Mixin
    Verbosity verbosity;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    ValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path path = context.resolve(file);
        Reader reader;
        try {
            reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), path + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        long errors = incompleteMarker(path);
        Map<String, Long> incomplete = new LinkedHashMap<>();
        Map<String, String> incompleteRule = new LinkedHashMap<>();
        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(reader)) {
            Iterator<FocusViolation> iterator = violations.iterator();
            while (iterator.hasNext()) {
                FocusViolation violation = iterator.next();
                if (violation.isError()) {
                    errors++;
                    context.out().println(describe(path, violation));
                } else if (all) {
                    context.out().println(describe(path, violation));
                    incomplete.merge(violation.column(), 1L, Long::sum);
                } else {
                    incomplete.merge(violation.column(), 1L, Long::sum);
                    incompleteRule.putIfAbsent(violation.column(), violation.ruleId());
                }
            }
        } catch (IllegalArgumentException notCsv) {
            context.out().flush();
            context.err().println("error: " + Terminal.inert(path + ": " + Errors.oneLine(notCsv.getMessage())));
            return 1;
        }
        if (!all) {
            incomplete.forEach((column, count) -> context.out().println(path + ": INCOMPLETE " + column + ": "
                    + Numbers.grouped(BigDecimal.valueOf(count)) + " rows without a value FOCUS requires"
                    + (incompleteRule.get(column) == null ? "" : " [" + incompleteRule.get(column) + "]")));
        }
        long incompleteTotal = incomplete.values().stream().mapToLong(Long::longValue).sum();
        context.out().println(path + ": " + (errors == 0 ? "valid FOCUS CSV: no errors" : errors + " error" + (errors == 1 ? "" : "s"))
                + ", " + Numbers.grouped(BigDecimal.valueOf(incompleteTotal)) + " incomplete value" + (incompleteTotal == 1 ? "" : "s"));
        context.out().flush();
        return errors == 0 ? 0 : 1;
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

    private static String describe(Path path, FocusViolation violation) {
        // the message may quote a value of the file: made inert, as the file's text may not be trusted
        return Terminal.inert(path + ":" + violation.row() + ": " + violation.severity() + " " + violation.column() + ": "
                + violation.message() + (violation.ruleId() == null ? "" : " [" + violation.ruleId() + "]"));
    }
}
