package io.usage4j.provider.fastly.internal;

import feign.Param;
import feign.RequestLine;
import feign.Response;

/**
 * Fastly's Billing Usage Metrics API v3 (fastly-py {@code docs/BillingUsageMetricsApi.md}). Parameters
 * passed as {@code null} are left out of the query string. The bodies are {@link MonthlyUsageResponse} and
 * {@link ServiceUsageResponse}, decoded by the kit.
 */
public interface FastlyClient {

    /**
     * {@code get_usage_metrics}: monthly usage per product and usage type. Both months are required
     * ({@code YYYY-MM}, inclusive) and span at most three months.
     */
    @RequestLine("GET /billing/v3/usage-metrics?start_month={start_month}&end_month={end_month}")
    Response usageMetrics(@Param("start_month") String startMonth, @Param("end_month") String endMonth);

    /**
     * {@code get_service_level_usage}: usage per service for one product and usage type (both optional
     * since Fastly's 2024-12 change), optionally one {@code service}, paged by {@code cursor}.
     */
    @RequestLine("GET /billing/v3/service-usage-metrics?product_id={product_id}&usage_type_name={usage_type_name}"
            + "&service={service}&start_month={start_month}&end_month={end_month}&limit={limit}&cursor={cursor}")
    Response serviceUsageMetrics(@Param("product_id") String productId,
            @Param("usage_type_name") String usageTypeName, @Param("service") String service,
            @Param("start_month") String startMonth, @Param("end_month") String endMonth,
            @Param("limit") String limit, @Param("cursor") String cursor);
}
