package io.usage4j.core;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One entry of a provider's metric catalogue ({@link UsageSource#metrics(UsageQuery)}): the id a
 * query's {@link UsageQuery#metrics()} filter takes, its display name when the provider gives one, and
 * the provider's other fields about it, as text, in the provider's order.
 */
@Value.Immutable
public abstract class MetricDescription {
    MetricDescription() {
        // only the generated ImmutableMetricDescription extends this
    }

    /** A new builder; {@code id} is required. */
    public static ImmutableMetricDescription.Builder builder() {
        return ImmutableMetricDescription.builder();
    }

    /** The metric id, as records carry it in SkuId (e.g. Cloudflare's {@code workers_standard_requests}). */
    public abstract String id();

    /** The display name, as records carry it in SkuMeter, if the provider gives one. */
    public abstract Optional<String> name();

    /** The provider's other fields about the metric (product family, dimension keys...), by field name. */
    public abstract Map<String, String> attributes();

    @Value.Check
    protected void check() {
        if (id().isBlank()) {
            throw new IllegalArgumentException("a metric id must not be blank");
        }
    }
}
