package io.usage4j.provider.fastly.internal;

import feign.Param;
import feign.RequestLine;
import feign.Response;

/**
 * Fastly's Billing Usage Metrics API v3 (fastly-py {@code docs/BillingUsageMetricsApi.md}) and Invoices API
 * (fastly-rust {@code src/apis/billing_invoices_api.rs}). Parameters passed as {@code null} are left out of
 * the query string. The bodies are {@link MonthlyUsageResponse}, {@link ServiceUsageResponse},
 * {@link InvoiceListResponse} and {@link InvoiceResponse}, decoded by the kit.
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

    /**
     * {@code list_invoices}: end-of-month invoices, newest first, filtered by billing start and end
     * date ({@code YYYY-MM-DD}; whether the filter is inclusive is not documented), paged by {@code cursor}
     * ({@code limit} at most 200).
     */
    @RequestLine("GET /billing/v3/invoices?billing_start_date={billing_start_date}&billing_end_date={billing_end_date}"
            + "&limit={limit}&cursor={cursor}")
    Response invoices(@Param("billing_start_date") String billingStartDate,
            @Param("billing_end_date") String billingEndDate, @Param("limit") String limit, @Param("cursor") String cursor);

    /** {@code get_month_to_date_invoice}: the invoice estimate of the current month. */
    @RequestLine("GET /billing/v3/invoices/month-to-date")
    Response monthToDateInvoice();
}
