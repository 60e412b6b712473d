package io.usage4j.core;

/** The source is configured wrongly (a missing credential, a bad URL or property). Fix the configuration; retrying never helps. */
public class ConfigurationException extends UsageException {
    private static final long serialVersionUID = 1L;

    /** See {@link UsageException#UsageException(String, String, Throwable)}. */
    public ConfigurationException(String providerId, String message, Throwable cause) {
        super(providerId, message, cause);
    }

    /** See {@link UsageException#UsageException(String, int, String, String, Throwable)}. */
    public ConfigurationException(String providerId, int httpStatus, String requestId, String message, Throwable cause) {
        super(providerId, httpStatus, requestId, message, cause);
    }
}
