package io.usage4j.provider.cloudinary.internal;

import feign.Param;
import feign.RequestLine;
import feign.Response;

/** Cloudinary's Account Provisioning API, the one endpoint usage4j reads. */
public interface CloudinaryClient {

    /**
     * {@code GET /v1_1/provisioning/accounts/{account_id}/billing_usage}: the cycles that began in
     * {@code year}. {@code include_prodenv_breakdown} is sent only when {@code true} ({@code null}
     * leaves the parameter out, Cloudinary's default being {@code false}). The body is a
     * {@link BillingUsageResponse}, decoded by the kit.
     */
    @RequestLine("GET /v1_1/provisioning/accounts/{account_id}/billing_usage?year={year}"
            + "&include_prodenv_breakdown={include_prodenv_breakdown}")
    Response billingUsage(@Param("account_id") String accountId, @Param("year") int year,
            @Param("include_prodenv_breakdown") Boolean includeProdenvBreakdown);
}
