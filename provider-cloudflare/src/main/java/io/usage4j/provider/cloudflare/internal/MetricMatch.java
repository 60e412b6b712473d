package io.usage4j.provider.cloudflare.internal;

import io.usage4j.core.UsageRecord;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a query's metrics reach Cloudflare. The query's metrics mean SkuId or SkuMeter
 * ({@link io.usage4j.core.QueryFilter#METRIC}). When every one looks like a billable metric id
 * ({@code workers_standard_requests}) they are sent ({@code FilterBy.MetricIds}) and records of other
 * metrics are dropped too, in case an API revision ignores the filter. A value not shaped like an id
 * (the display name "Workers Standard Requests") cannot be sent: then nothing is sent and the records
 * are matched on SkuId and SkuMeter here.
 *
 * @param sent the metric ids sent to Cloudflare, empty for none
 * @param local the metrics matched here when none could be sent, empty for all
 */
record MetricMatch(List<String> sent, Set<String> local) {
    /** What a Cloudflare billable metric id looks like; at most 128 characters. */
    private static final Pattern METRIC_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");

    static MetricMatch of(Set<String> metrics) {
        boolean send = !metrics.isEmpty() && metrics.stream().allMatch(m -> METRIC_ID.matcher(m).matches());
        return send ? new MetricMatch(List.copyOf(metrics), Set.of()) : new MetricMatch(List.of(), Set.copyOf(metrics));
    }

    boolean matches(UsageRecord record) {
        if (!sent.isEmpty()) {
            return record.skuId().map(sent::contains).orElse(true);
        }
        return local.isEmpty() || record.skuId().filter(local::contains).isPresent()
                || record.skuMeter().filter(local::contains).isPresent();
    }
}
