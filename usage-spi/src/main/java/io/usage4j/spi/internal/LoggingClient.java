package io.usage4j.spi.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the HTTP client to log one debug line per request: provider, method, path, status, attempt
 * and latency. Never logs a header, so credentials never reach the log.
 */
public final class LoggingClient implements Client {
    private static final Logger LOG = LoggerFactory.getLogger("io.usage4j.http");
    private static final ThreadLocal<Integer> ATTEMPT = ThreadLocal.withInitial(() -> 1);

    private final Client delegate;
    private final String providerId;
    private final Redactor redactor;

    public LoggingClient(Client delegate, String providerId, Redactor redactor) {
        this.delegate = delegate;
        this.providerId = providerId;
        this.redactor = redactor;
    }

    /** Records the attempt number of the request the current thread is about to make. */
    public static void attempt(int attempt) {
        ATTEMPT.set(attempt);
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        long start = System.nanoTime();
        String path = redactor.redact(KitErrorDecoder.path(request.url()));
        int attempt = ATTEMPT.get();
        try {
            Response response = delegate.execute(request, options);
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} {} -> {} (attempt {}, {} ms)", providerId, request.httpMethod(), path,
                        response.status(), attempt, (System.nanoTime() - start) / 1_000_000);
            }
            return response;
        } catch (IOException e) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} {} -> {} (attempt {}, {} ms)", providerId, request.httpMethod(), path,
                        e.getClass().getSimpleName(), attempt, (System.nanoTime() - start) / 1_000_000);
            }
            throw e;
        }
    }
}
