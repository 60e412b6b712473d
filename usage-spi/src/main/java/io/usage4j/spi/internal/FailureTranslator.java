package io.usage4j.spi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import feign.FeignException;
import feign.RetryableException;
import io.usage4j.core.TransientException;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageException;
import java.io.IOException;

/**
 * Turns whatever one request threw into a {@link UsageException}: the error decoder's own exception as
 * it is, a connection fault as {@link TransientException}, a body that is not the documented JSON as
 * {@link UnreadableResponseException}; every message redacted.
 */
public final class FailureTranslator {
    private final String providerId;
    private final Redactor redactor;

    public FailureTranslator(String providerId, Redactor redactor) {
        this.providerId = providerId;
        this.redactor = redactor;
    }

    /** {@code failure} of the request described by {@code what}, as a typed, redacted exception. */
    public UsageException translate(String what, Throwable failure) {
        if (failure instanceof UsageException usage) {
            return usage;
        }
        return KitErrorDecoder.usageException(failure).orElseGet(() -> {
            String message = redactor.redact(rootMessage(failure));
            if (failure instanceof RetryableException || hasCause(failure, IOException.class)
                    && !hasCause(failure, JsonProcessingException.class)) {
                return new TransientException(providerId, what + " failed: connection problem (" + message
                        + "); retrying later may help", failure);
            }
            if (hasCause(failure, JsonProcessingException.class)) {
                return new UnreadableResponseException(providerId, statusOf(failure), null,
                        what + ": the response is not the JSON the provider documents (" + message + ")", failure);
            }
            if (failure instanceof FeignException feign && feign.status() >= 500) {
                return new TransientException(providerId, feign.status(), null, what + " failed: " + message, failure);
            }
            return new UnreadableResponseException(providerId, statusOf(failure), null,
                    what + " failed unexpectedly: " + message, failure);
        });
    }

    private static int statusOf(Throwable failure) {
        return failure instanceof FeignException feign && feign.status() > 0 ? feign.status() : 0;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage();
        if (text != null) {
            int newline = text.indexOf('\n');
            if (newline > 0) {
                text = text.substring(0, newline);
            }
        }
        return root.getClass().getSimpleName() + (text == null ? "" : ": " + text);
    }
}
