package io.usage4j.provider.cloudflare.internal;

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
}
