package io.usage4j.spi.kit;

import io.usage4j.core.UsageQuery;
import io.usage4j.spi.SourceConfig;
import java.util.stream.Stream;

/** What a {@link WindowReader} sees of the fetch it serves. */
public interface FetchContext {

    /** The query being fetched. */
    UsageQuery query();

    /**
     * The source's configuration with the query's options on top (each already checked against the
     * declared query options), so one getter reads either.
     */
    SourceConfig options();

    /**
     * The decoded elements of {@code request}, every page, lazily: for a request a window needs before
     * it knows its own requests (a discovery call). Runs under the kit's retry, rate and concurrency
     * policies and its 2xx-error rule; the caller closes the stream.
     */
    <T> Stream<T> elements(WindowRequest<T> request);
}
