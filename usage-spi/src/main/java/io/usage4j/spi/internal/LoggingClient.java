package io.usage4j.spi.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the HTTP client to log one debug line per request: provider, method, path, status and
 * latency (retries are logged by the kit at info). Never logs a header, so credentials never reach the log.
 */
public final class LoggingClient implements Client {
    private static final Logger LOG = LoggerFactory.getLogger("io.usage4j.http");

    private final Client delegate;
    private final String providerId;
    private final Redactor redactor;

    public LoggingClient(Client delegate, String providerId, Redactor redactor) {
        this.delegate = delegate;
        this.providerId = providerId;
        this.redactor = redactor;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        long start = System.nanoTime();
        String path = redactor.redact(KitErrorDecoder.path(request.url()));
        try {
            Response response = delegate.execute(request, options);
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} {} -> {} ({} ms)", providerId, request.httpMethod(), path,
                        response.status(), (System.nanoTime() - start) / 1_000_000);
            }
            return response;
        } catch (IOException e) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} {} -> {} ({} ms)", providerId, request.httpMethod(), path,
                        e.getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
            }
            throw e;
        }
    }
}
