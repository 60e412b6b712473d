package io.usage4j.cli;

import io.usage4j.core.focus.FocusViolation;
import io.usage4j.dataset.DatasetFinding;
import io.usage4j.dataset.UsageDataset;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code validate DIR}: the dataset counterpart of validating a FOCUS CSV. Every row of every partition
 * is checked by the same FOCUS rules, and the dataset's integrity besides: each file's rows against
 * the content hash in its footer, each file against the metadata, rows against their partition's
 * billing account and month. Output has the CSV report's shape, with the partition file in place of
 * the CSV and the row within the file in place of the line.
 */
final class DatasetValidation {
    private DatasetValidation() {}

    static int run(CliContext context, Path directory, boolean all) {
        PrintWriter out = context.out();
        long errors = 0;
        Map<String, Long> incomplete = new LinkedHashMap<>();
        Map<String, String> incompleteRule = new LinkedHashMap<>();
        UsageDataset dataset = UsageDataset.at(directory);
        try (Stream<DatasetFinding> findings = dataset.validate()) {
            Iterator<DatasetFinding> iterator = findings.iterator();
            while (iterator.hasNext()) {
                DatasetFinding finding = iterator.next();
                FocusViolation violation = finding.violation();
                if (violation.isError()) {
                    errors++;
                    out.println(describe(directory, finding));
                } else {
                    if (all) {
                        out.println(describe(directory, finding));
                    }
                    incomplete.merge(violation.column(), 1L, Long::sum);
                    incompleteRule.putIfAbsent(violation.column(), violation.ruleId());
                }
            }
        }
        if (!all) {
            incomplete.forEach((column, count) -> out.println(directory + ": INCOMPLETE " + column + ": "
                    + Numbers.grouped(BigDecimal.valueOf(count)) + " rows without a value FOCUS requires"
                    + (incompleteRule.get(column) == null ? "" : " [" + incompleteRule.get(column) + "]")));
        }
        long incompleteTotal = incomplete.values().stream().mapToLong(Long::longValue).sum();
        int partitions = dataset.partitions().size();
        out.println(directory + ": " + (errors == 0 ? "valid FOCUS dataset: no errors" : errors + " error" + (errors == 1 ? "" : "s"))
                + ", " + Numbers.grouped(BigDecimal.valueOf(incompleteTotal)) + " incomplete value" + (incompleteTotal == 1 ? "" : "s")
                + " in " + partitions + " partition" + (partitions == 1 ? "" : "s"));
        out.flush();
        return errors == 0 ? 0 : 1;
    }

    private static String describe(Path directory, DatasetFinding finding) {
        FocusViolation violation = finding.violation();
        return directory.resolve(finding.file()) + (violation.row() > 0 ? ":" + violation.row() : "") + ": " + violation.severity()
                + " " + violation.column() + ": " + violation.message() + (violation.ruleId() == null ? "" : " [" + violation.ruleId() + "]");
    }
}
