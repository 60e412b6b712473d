package io.usage4j.core.focus;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.usage4j.core.UsageException;
import java.io.StringReader;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Fuzzes the FOCUS CSV reader through the validator, the way {@code validate} reads a file: whatever
 * the bytes, only an {@link IllegalArgumentException} (not CSV, too long) or a {@link UsageException}
 * may escape. In the normal build it runs its seeds and saved findings, then a few seconds of fuzzing
 * (see RELIABILITY.md for a longer run).
 */
class FocusCsvFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void validate(FuzzedDataProvider data) {
        boolean header = data.consumeBoolean();
        String text = (header ? "BilledCost,ChargePeriodStart,ChargePeriodEnd,ServiceName,Tags,x_a\r\n" : "")
                + data.consumeRemainingAsString();
        try (Stream<FocusViolation> violations = FocusValidator.validateCsv(new StringReader(text))) {
            Iterator<FocusViolation> iterator = violations.iterator();
            while (iterator.hasNext()) {
                FocusViolation violation = iterator.next();
                if (violation.row() < 1 || violation.message() == null) {
                    throw new IllegalStateException("a violation without a line or a message: " + violation);
                }
            }
        } catch (IllegalArgumentException | UsageException expected) {
            // a typed refusal is the contract
        }
    }
}
