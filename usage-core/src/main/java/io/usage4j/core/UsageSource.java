package io.usage4j.core;

import java.util.Objects;
import java.util.stream.Stream;

/**
 * The port: a configured connection to one provider account that answers usage queries.
 *
 * <p>Obtain one from {@code io.usage4j.spi.UsageSources.open(url)}. A source is safe to use from
 * several threads; close it to release its HTTP resources.
 */
public interface UsageSource extends AutoCloseable {

    /** The id of the provider behind this source, e.g. {@code cloudflare}. */
    String providerId();

    /** What this source can serve. */
    SourceCapabilities capabilities();

    /**
     * The usage records whose charge period overlaps the query's range, with the query's filters
     * applied. The stream is lazy: requests are made as it is consumed, and the caller closes it
     * (try-with-resources). A request that fails after the configured retries throws a
     * {@link UsageException} from the stream operation that needed it; the stream never ends early
     * as if it were complete.
     *
     * @throws NullPointerException if the query is {@code null} (message "query is null")
     * @throws UnsupportedQueryException if this source cannot answer the query at all
     */
    Stream<UsageRecord> fetch(UsageQuery query);

    /**
     * The provider's catalogue of the metrics this source can report over the query's range, for
     * choosing the values of {@link UsageQuery#metrics()}. Only the query's range is read. The stream
     * is lazy like {@link #fetch(UsageQuery)}'s, and the caller closes it.
     *
     * @throws NullPointerException if the query is {@code null}
     * @throws UnsupportedQueryException if the provider publishes no catalogue (the default)
     */
    default Stream<MetricDescription> metrics(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        throw new UnsupportedQueryException(providerId(), providerId() + " publishes no metric catalogue;"
                + " the metric ids a query filters on are the SkuId and SkuMeter values of its records", null);
    }

    /** Releases this source's resources; fetching afterwards fails. Never throws a checked exception. */
    @Override
    void close();
}
