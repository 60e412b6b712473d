package io.usage4j.provider.cloudflare.internal;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;

/**
 * The Cloudflare v4 billing-usage endpoints, relative to {@code https://api.cloudflare.com/client/v4}.
 * Dates are {@code YYYY-MM-DD}; a {@code null} query parameter is left out of the request. Each answers a
 * {@link CloudflareEnvelope} whose {@code result} array the kit streams.
 */
public interface CloudflareClient {

    /** Account usage v2 (FOCUS v1.3-aligned; alpha, restricted): at most 31 days per request. */
    @RequestLine("GET /accounts/{account_id}/billable/usage?from={from}&to={to}&metric={metric}")
    Response billableUsage(@Param("account_id") String accountId,
            @Param("from") String from, @Param("to") String to, @Param("metric") String metric);

    /** PayGo usage at its documented beta path. */
    @RequestLine("GET /accounts/{account_id}/billing/usage/paygo?from={from}&to={to}")
    Response paygoUsage(@Param("account_id") String accountId,
            @Param("from") String from, @Param("to") String to);

    /** PayGo usage at the path newer SDKs moved it to ("Version 1, Alpha"). */
    @RequestLine("GET /accounts/{account_id}/paygo-usage?from={from}&to={to}")
    Response paygoUsageV1Alpha(@Param("account_id") String accountId,
            @Param("from") String from, @Param("to") String to);

    /** Account billable usage v1, the superset of the PayGo fields (the current SDKs' PayGo successor). */
    @RequestLine("GET /accounts/{account_id}/billable-usage?from={from}&to={to}")
    Response billableUsageV1(@Param("account_id") String accountId,
            @Param("from") String from, @Param("to") String to);

    /**
     * "Query Account Usage": the filterable POST on the same path; {@code body} is a
     * {@link UsageQueryBody} as JSON. With {@code "Metric": "cost"} the records carry rated costs.
     */
    @RequestLine("POST /accounts/{account_id}/billable/usage")
    @Headers("Content-Type: application/json")
    Response queryUsage(@Param("account_id") String accountId, String body);

    /** "Get Organization Usage": usage-only records of every account of the organization, at most 31 days. */
    @RequestLine("GET /organizations/{organization_id}/billable/usage?from={from}&to={to}")
    Response organizationUsage(@Param("organization_id") String organizationId,
            @Param("from") String from, @Param("to") String to);

    /**
     * "List Account Billable Metrics": the metrics of the contracts and subscriptions overlapping the range.
     * The item schema is not published, so items are read as JSON trees.
     */
    @RequestLine("GET /accounts/{account_id}/billable/usage/billable-metrics?from={from}&to={to}")
    CloudflareEnvelope<JsonNode> billableMetrics(@Param("account_id") String accountId,
            @Param("from") String from, @Param("to") String to);
}
