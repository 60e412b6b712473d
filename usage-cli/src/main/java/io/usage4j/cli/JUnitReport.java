package io.usage4j.cli;

import io.usage4j.cli.ValidateCommand.RuleTally;
import io.usage4j.cli.ValidateCommand.Tally;
import io.usage4j.core.focus.FocusRule;
import io.usage4j.core.focus.FocusRules;
import io.usage4j.core.focus.FocusViolation.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The JUnit XML report of {@code validate --report junit}: one test suite per dataset, one test case per
 * FOCUS rule (named by its rule id and keyword). A rule with ERRORs fails, with up to ten examples; a rule
 * usage4j does not evaluate (dynamic, or not checkable) is skipped with the reason; INCOMPLETE values and
 * WARNINGs are counted in the test case's output, not failed. CI systems (Jenkins, GitLab, GitHub actions)
 * read this format.
 */
final class JUnitReport {
    private JUnitReport() {}

    static void write(PrintWriter out, List<Tally> datasets, FocusRules rules) {
        List<FocusRule> all = new ArrayList<>(rules.modelRules());
        all.addAll(rules.handWrittenRules());
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.println("<testsuites name=\"FOCUS conformance\">");
        for (Tally dataset : datasets) {
            List<String> cases = new ArrayList<>();
            int failures = 0;
            int skipped = 0;
            int errors = 0;
            if (dataset.unreadable != null) {
                errors++;
                cases.add("    <testcase classname=\"focus.dataset\" name=\"the dataset can be read\">\n"
                        + "      <error message=\"" + xml(dataset.unreadable) + "\"/>\n    </testcase>");
            }
            for (FocusRule rule : all) {
                List<RuleTally> tallies = dataset.perRule.values().stream().filter(t -> rule.id().equals(t.ruleId)).toList();
                StringBuilder test = new StringBuilder("    <testcase classname=\"focus." + xml(rule.reference()) + "\" name=\""
                        + xml(rule.id() + " " + rule.keyword()) + "\">\n");
                List<RuleTally> broken = tallies.stream().filter(t -> t.severity == Severity.ERROR).toList();
                if (!broken.isEmpty()) {
                    failures++;
                    long count = broken.stream().mapToLong(t -> t.count).sum();
                    test.append("      <failure type=\"").append(xml(rule.keyword())).append("\" message=\"")
                            .append(xml(count + " row" + (count == 1 ? "" : "s") + " break " + rule.id() + ": " + rule.text()))
                            .append("\">");
                    broken.forEach(t -> t.examples.forEach(example -> test.append(xml(example)).append('\n')));
                    test.append("</failure>\n");
                } else if (!rule.evaluated() && tallies.isEmpty()) {
                    skipped++;
                    test.append("      <skipped message=\"").append(xml(rule.note())).append("\"/>\n");
                }
                List<RuleTally> noted = tallies.stream().filter(t -> t.severity != Severity.ERROR).toList();
                if (!noted.isEmpty()) {
                    test.append("      <system-out>");
                    noted.forEach(t -> test.append(xml(t.severity + " " + t.column + ": " + t.count + " rows")).append('\n'));
                    test.append("</system-out>\n");
                }
                cases.add(test.append("    </testcase>").toString());
            }
            List<RuleTally> own = dataset.perRule.values().stream().filter(t -> t.ruleId == null).toList();
            StringBuilder ownCase = new StringBuilder("    <testcase classname=\"usage4j\" name=\"quantities are not negative outside"
                    + " corrections, credits and adjustments\">\n");
            if (!own.isEmpty()) {
                failures++;
                long count = own.stream().mapToLong(t -> t.count).sum();
                ownCase.append("      <failure type=\"usage4j\" message=\"").append(count).append(" rows\">");
                own.forEach(t -> t.examples.forEach(example -> ownCase.append(xml(example)).append('\n')));
                ownCase.append("</failure>\n");
            }
            cases.add(ownCase.append("    </testcase>").toString());
            out.println("  <testsuite name=\"" + xml(dataset.name) + "\" tests=\"" + cases.size() + "\" failures=\"" + failures
                    + "\" errors=\"" + errors + "\" skipped=\"" + skipped + "\">");
            cases.forEach(out::println);
            out.println("  </testsuite>");
        }
        out.println("</testsuites>");
    }

    /** {@code text} as XML attribute or element text: markup escaped, characters XML 1.0 forbids dropped. */
    static String xml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c > 0xFFFF) {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}
