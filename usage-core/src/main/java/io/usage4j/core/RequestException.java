package io.usage4j.core;

/** The provider rejected the request (an HTTP 4xx other than 401, 403 and 429). Retrying the same request does not help. */
public class RequestException extends UsageException {
    private static final long serialVersionUID = 1L;

    /** See {@link UsageException#UsageException(String, String, Throwable)}. */
    public RequestException(String providerId, String message, Throwable cause) {
        super(providerId, message, cause);
    }

    /** See {@link UsageException#UsageException(String, int, String, String, Throwable)}. */
    public RequestException(String providerId, int httpStatus, String requestId, String message, Throwable cause) {
        super(providerId, httpStatus, requestId, message, cause);
    }
}
