package io.usage4j.core.focus;

import java.util.Objects;
import java.util.Optional;

/**
 * One way a row (or a dataset) breaks the FOCUS rules.
 *
 * @param row the row it was found in: the 1-based position in a stream, or the line a CSV row starts on;
 *     0 for a single record validated on its own, and for a stream's dataset-level rules (columns that
 *     must be present); 1, the header line, for a CSV's dataset-level rules
 * @param column the FOCUS column concerned
 * @param severity {@link Severity#ERROR} for a value that is wrong, {@link Severity#INCOMPLETE} for a
 *     value FOCUS requires that the provider did not report, {@link Severity#WARNING} for a SHOULD or
 *     RECOMMENDED rule that is not met
 * @param ruleId the rule's id: a FOCUS requirements-model id (e.g. {@code BilledCost-C-003-M}), a
 *     {@code focus-1.3:} id for a rule usage4j writes from the FOCUS 1.3 text until a 1.3 model ships,
 *     or {@code null} for usage4j's own checks
 * @param keyword the rule's normative keyword ({@code MUST}, {@code MUST NOT}, {@code SHOULD},
 *     {@code SHOULD NOT}, {@code RECOMMENDED}), or {@code null} for usage4j's own checks
 * @param message what is wrong, in a sentence
 */
public record FocusViolation(long row, String column, Severity severity, String ruleId, String keyword, String message) {

    /** How bad a violation is. */
    public enum Severity {
        /** A value is wrong: malformed, out of the allowed values, or inconsistent with another column. */
        ERROR,
        /**
         * A column FOCUS says must not be null is empty because the provider does not report it
         * (Cloudflare's costs, for instance, are "not yet populated"). usage4j leaves it empty rather
         * than guess; the row is honest but not a complete FOCUS row.
         */
        INCOMPLETE,
        /** A SHOULD, SHOULD NOT or RECOMMENDED rule is not met: conformant, but not as FOCUS advises. */
        WARNING
    }

    /** Checks the fields. */
    public FocusViolation {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(message, "message is null");
    }

    /** A violation of one of usage4j's own checks, or of a rule whose keyword is not known. */
    public FocusViolation(long row, String column, Severity severity, String ruleId, String message) {
        this(row, column, severity, ruleId, null, message);
    }

    /** The rule id, when the rule comes from FOCUS. */
    public Optional<String> focusRuleId() {
        return Optional.ofNullable(ruleId);
    }

    /** Whether this is an {@link Severity#ERROR}. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return (row > 0 ? "row " + row + ": " : "") + severity + " " + column + ": " + message
                + (ruleId == null ? "" : " [" + ruleId + (keyword == null ? "" : " " + keyword) + "]");
    }
}
