package io.usage4j.core.focus;

import java.util.Objects;
import java.util.Optional;

/**
 * One way a row breaks the FOCUS rules.
 *
 * @param row the row it was found in: the 1-based position in a stream, or the line a CSV row starts on;
 *     0 for a single record validated on its own
 * @param column the FOCUS column concerned
 * @param severity {@link Severity#ERROR} for a value that is wrong, {@link Severity#INCOMPLETE} for a
 *     value FOCUS requires that the provider did not report
 * @param ruleId the FOCUS requirements-model rule id (e.g. {@code BilledCost-C-003-M}), when the rule
 *     comes from the model; {@code null} for usage4j's own checks
 * @param message what is wrong, in a sentence
 */
public record FocusViolation(long row, String column, Severity severity, String ruleId, String message) {

    /** How bad a violation is. */
    public enum Severity {
        /** A value is wrong: malformed, out of the allowed values, or inconsistent with another column. */
        ERROR,
        /**
         * A column FOCUS says must not be null is empty because the provider does not report it
         * (Cloudflare's costs, for instance, are "not yet populated"). usage4j leaves it empty rather
         * than guess; the row is honest but not a complete FOCUS row.
         */
        INCOMPLETE
    }

    /** Checks the fields. */
    public FocusViolation {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(message, "message is null");
    }

    /** The FOCUS rule id, when the rule comes from the FOCUS requirements model. */
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
                + (ruleId == null ? "" : " [" + ruleId + "]");
    }
}
