package io.usage4j.dataset;

import io.usage4j.core.focus.FocusViolation;
import java.util.Objects;

/**
 * One thing {@link UsageDataset#validate()} found: a FOCUS rule a row breaks (with the rule's id), or
 * a dataset integrity problem (a file whose content no longer matches its hash, a partition the
 * metadata lists but the disk lacks...), always an {@link FocusViolation.Severity#ERROR ERROR}.
 *
 * @param file the file, relative to the dataset root
 * @param violation what is wrong; its row is the 1-based row in the file, 0 for the file as a whole
 */
public record DatasetFinding(String file, FocusViolation violation) {
    /** The rule id of integrity problems. */
    public static final String INTEGRITY = "usage4j-dataset";

    /** Checks the fields. */
    public DatasetFinding {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(violation, "violation is null");
    }

    static DatasetFinding integrity(String file, String message) {
        return new DatasetFinding(file, new FocusViolation(0, "(file)", FocusViolation.Severity.ERROR, INTEGRITY, message));
    }

    @Override
    public String toString() {
        return file + ":" + violation;
    }
}
