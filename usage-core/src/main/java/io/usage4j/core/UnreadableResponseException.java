package io.usage4j.core;

/** The provider answered with something that cannot be read as its documented response (malformed JSON, an error envelope, a field of the wrong type). */
public class UnreadableResponseException extends UsageException {
    private static final long serialVersionUID = 1L;

    /** See {@link UsageException#UsageException(String, String, Throwable)}. */
    public UnreadableResponseException(String providerId, String message, Throwable cause) {
        super(providerId, message, cause);
    }

    /** See {@link UsageException#UsageException(String, int, String, String, Throwable)}. */
    public UnreadableResponseException(String providerId, int httpStatus, String requestId, String message, Throwable cause) {
        super(providerId, httpStatus, requestId, message, cause);
    }
}
