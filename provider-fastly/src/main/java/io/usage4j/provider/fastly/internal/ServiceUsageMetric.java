package io.usage4j.provider.fastly.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * Fastly's {@code Serviceusagemetric}: the usage of one service, an element of
 * {@code ServiceusagemetricsData.details}. Relied on: fastly-py {@code docs/Serviceusagemetric.md}
 * (v5.6.0, commit 5d1461a, unchanged to v14.1.0).
 *
 * @param customerId the Fastly customer id (read-only)
 * @param serviceId "Service ID associated with the usage."
 * @param serviceName "Name of the service associated with the usage."
 * @param usageUnits "The quantity of the usage for the billing period", in the unit of the enclosing block
 */
public record ServiceUsageMetric(
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("service_id") String serviceId,
        @JsonProperty("service_name") String serviceName,
        @JsonProperty("usage_units") BigDecimal usageUnits) {
}
