package io.usage4j.spark;

import io.usage4j.core.UsageException;
import java.util.Objects;

/**
 * A split of a {@code usage4j} read failed: names the usage URL (credential-looking options masked)
 * and the window, and carries the typed {@link UsageException} that failed it as its cause, so the
 * failed Spark task, and the job, say which account failed and why.
 */
public final class UsageSplitException extends UsageException {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final String window;

    /**
     * @param url the usage URL of the split, as {@link io.usage4j.spi.UsageUrl#toString()} prints it (masked)
     * @param window the split's window, {@code [start, end)}
     * @param cause the typed failure
     */
    public UsageSplitException(String url, String window, UsageException cause) {
        super(Objects.requireNonNull(cause, "cause is null").providerId().orElse(null),
                cause.httpStatus().orElse(0), cause.requestId().orElse(null),
                "reading " + Objects.requireNonNull(url, "url is null") + " for " + Objects.requireNonNull(window, "window is null")
                        + " failed with " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        this.url = url;
        this.window = window;
    }

    /** The usage URL of the failed split, credential-looking options masked. */
    public String url() {
        return url;
    }

    /** The window of the failed split, {@code [start, end)}. */
    public String window() {
        return window;
    }

    /** Whether the cause is retryable; Spark's task retry re-reads the whole split either way. */
    @Override
    public boolean isRetryable() {
        return getCause() instanceof UsageException typed && typed.isRetryable();
    }
}
