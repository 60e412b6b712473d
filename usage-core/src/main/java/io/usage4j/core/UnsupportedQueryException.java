package io.usage4j.core;

/** This provider cannot answer the query (a range before what it keeps, a filter it cannot apply). The message says what it can serve. */
public class UnsupportedQueryException extends UsageException {
    private static final long serialVersionUID = 1L;

    /** See {@link UsageException#UsageException(String, String, Throwable)}. */
    public UnsupportedQueryException(String providerId, String message, Throwable cause) {
        super(providerId, message, cause);
    }

    /** See {@link UsageException#UsageException(String, int, String, String, Throwable)}. */
    public UnsupportedQueryException(String providerId, int httpStatus, String requestId, String message, Throwable cause) {
        super(providerId, httpStatus, requestId, message, cause);
    }
}
