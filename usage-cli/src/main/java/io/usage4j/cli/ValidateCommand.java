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

    @Parameters(index = "0", paramLabel = "FILE.csv|DIR", description = "The FOCUS CSV, or the dataset directory written by sync, to check.")
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
        if (Files.isDirectory(path)) {
            return DatasetValidation.run(context, path, all);
        }
        Reader reader;
        try {
            reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), path + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        long errors = 0;
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
            context.err().println("error: " + path + ": " + Errors.oneLine(notCsv.getMessage()));
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

    private static String describe(Path path, FocusViolation violation) {
        return path + ":" + violation.row() + ": " + violation.severity() + " " + violation.column() + ": " + violation.message()
                + (violation.ruleId() == null ? "" : " [" + violation.ruleId() + "]");
    }
}
