package io.usage4j.provider.cloudflare.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.usage4j.core.MetricDescription;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.kit.HttpKit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The metric catalogue of one account: {@code GET /accounts/{account_id}/billable/usage/billable-metrics},
 * "the billable metrics available to the account through contracts and subscriptions that overlap the
 * requested period", per window of at most 31 days ({@code to} read as inclusive, like the usage GET it
 * shares its semantics with). A metric listed by several windows comes once, first seen first. Its
 * items are not usage records, so it runs on the kit's {@link HttpKit#call} and {@link HttpKit#windows}
 * rather than the record pipeline.
 */
final class BillableMetrics {
    private BillableMetrics() {}

    static Stream<MetricDescription> fetch(HttpKit kit, CloudflareClient client, String accountId, QueryPlanner planner,
            UsageQuery query) {
        UsageQuery range = UsageQuery.between(query.from(), query.to());
        List<Window> windows = planner.windows(CloudflareMapper.PROVIDER_ID, range, Dataset.USAGE.capabilities());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return kit.windows(windows, window -> {
            kit.ensureOpen();
            String from = window.start().toString();
            String to = window.lastDay().toString();
            String what = "billable metrics " + from + ".." + to;
            CloudflareEnvelope<JsonNode> envelope = kit.call(what, () -> client.billableMetrics(accountId, from, to));
            return result(envelope, what, kit).stream().map(MetricCatalogue::fromItem);
        }).filter(metric -> seen.add(metric.id()));
    }

    /** The result of a 2xx envelope; a {@code "success": false} envelope is an error, never an empty answer. */
    private static List<JsonNode> result(CloudflareEnvelope<JsonNode> envelope, String what, HttpKit kit) {
        if (envelope == null || envelope.success() == null) {
            throw new UnreadableResponseException(CloudflareMapper.PROVIDER_ID, what + " answered no Cloudflare envelope", null);
        }
        if (!envelope.succeeded()) {
            throw new UnreadableResponseException(CloudflareMapper.PROVIDER_ID, kit.redact(what
                    + " answered a successful HTTP status but its envelope says \"success\": false: "
                    + CloudflareErrors.describe(envelope.errorList())), null);
        }
        if (envelope.result() == null) {
            throw new UnreadableResponseException(CloudflareMapper.PROVIDER_ID, what
                    + " answered \"success\": true without a result array", null);
        }
        return envelope.result();
    }
}
