package io.usage4j.provider.cloudflare.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.usage4j.core.MetricDescription;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.spi.kit.HttpKit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The metric catalogue of one account: {@code GET /accounts/{account_id}/billable/usage/billable-metrics},
 * "the billable metrics available to the account through contracts and subscriptions that overlap the
 * requested period", per window of at most 31 days ({@code to} read as inclusive, like the usage GET it
 * shares its semantics with). A metric listed by several windows comes once, first seen first.
 */
final class BillableMetrics {
    private BillableMetrics() {}

    static Stream<MetricDescription> fetch(HttpKit kit, CloudflareClient client, String accountId, QueryPlanner planner,
            UsageQuery query) {
        UsageQuery range = UsageQuery.between(query.from(), query.to());
        List<OwnedWindow> windows = OwnedWindow.of(planner.windows(CloudflareMapper.PROVIDER_ID, range,
                Dataset.USAGE.capabilities()));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return kit.windows(windows, window -> {
            kit.ensureOpen();
            String from = window.window().start().toString();
            String to = window.window().lastDay().toString();
            String what = "billable metrics " + from + ".." + to;
            CloudflareEnvelope<JsonNode> envelope = kit.call(what, () -> client.billableMetrics(accountId, from, to));
            return OwnedWindow.result(envelope, what, kit).stream().map(MetricCatalogue::fromItem);
        }).filter(metric -> seen.add(metric.id()));
    }
}
