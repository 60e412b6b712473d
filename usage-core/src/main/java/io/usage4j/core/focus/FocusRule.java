package io.usage4j.core.focus;

import io.usage4j.core.ApplicabilityCriterion;
import java.util.Objects;
import java.util.Set;

/**
 * One FOCUS rule as usage4j knows it: from the FinOps Foundation's requirements model, or written by
 * hand from the FOCUS 1.3 text for a column the 1.2 model does not have.
 *
 * @param id the rule id ({@code BilledCost-C-003-M}; {@code focus-1.3:...} for a hand-written rule)
 * @param reference the column, attribute or dataset the rule is about
 * @param function what kind of rule it is in the model ({@code Nullability}, {@code Format}, ...)
 * @param keyword its normative keyword: {@code MUST}, {@code MUST NOT}, {@code SHOULD}, {@code MAY}, ...
 * @param criteria the applicability criteria a provider must declare for the rule to apply to it
 * @param text the requirement as the model states it
 * @param dynamic whether the model marks the rule dynamic: its requirement is prose a program cannot
 *     check from the data
 * @param evaluated whether usage4j checks the rule
 * @param note how usage4j checks it, or why it does not; names any correction usage4j makes to the
 *     model's encoding and the upstream report behind it
 * @param source where the rule comes from: the model's file and version, or the FOCUS 1.3 section
 */
public record FocusRule(String id, String reference, String function, String keyword,
        Set<ApplicabilityCriterion> criteria, String text, boolean dynamic, boolean evaluated, String note,
        String source) {

    /** Checks the fields and copies the criteria. */
    public FocusRule {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(reference, "reference is null");
        Objects.requireNonNull(function, "function is null");
        Objects.requireNonNull(keyword, "keyword is null");
        criteria = Set.copyOf(criteria);
        Objects.requireNonNull(text, "text is null");
        Objects.requireNonNull(note, "note is null");
        Objects.requireNonNull(source, "source is null");
    }

    /** Whether the model marks the rule static: checkable from the data. */
    public boolean isStatic() {
        return !dynamic;
    }
}
