package io.usage4j.provider.latitude.internal;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;
import java.util.List;

/**
 * Latitude.sh's billing usage endpoint. The API has no date parameters and no paging: one request
 * answers the project's current billing period. A {@code null} filter value (or an empty list) leaves
 * that query parameter out; {@code filter[products][]} is repeated once per product id, as the SDKs
 * send it (form style, exploded). The body is a {@link BillingUsageDocument}, decoded by the kit.
 */
@Headers("Accept: application/vnd.api+json")
public interface LatitudeClient {

    /** {@code GET /billing/usage}: the usage of {@code project} in its current billing period. */
    @RequestLine("GET /billing/usage?filter[project]={project}&filter[products][]={products}&filter[plan]={plan}")
    Response usage(@Param("project") String project, @Param("products") List<String> products,
            @Param("plan") String plan);
}
