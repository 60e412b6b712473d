package io.usage4j.core;

/** A failure that may pass: an HTTP 5xx, a connection reset, an empty reply, a timeout. Raised once the configured retries are used up. */
public class TransientException extends UsageException {
    private static final long serialVersionUID = 1L;

    /** See {@link UsageException#UsageException(String, String, Throwable)}. */
    public TransientException(String providerId, String message, Throwable cause) {
        super(providerId, message, cause);
    }

    /** See {@link UsageException#UsageException(String, int, String, String, Throwable)}. */
    public TransientException(String providerId, int httpStatus, String requestId, String message, Throwable cause) {
        super(providerId, httpStatus, requestId, message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
