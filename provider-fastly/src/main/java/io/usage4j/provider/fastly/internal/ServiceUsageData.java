package io.usage4j.provider.fastly.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Fastly's {@code ServiceusagemetricsData}: one usage type's usage, broken down by service, with the
 * page's cursor metadata. Relied on: fastly-py {@code docs/ServiceusagemetricsData.md} (v5.6.0, commit
 * 5d1461a; {@code usage_type} and {@code unit} were added by Fastly's 2024-12 change "added usage_type and
 * unit to usage element detail").
 *
 * @param customerId the Fastly customer id (read-only)
 * @param startTime "Date and time (in ISO 8601 format) for initiation point of a billing cycle"
 * @param endTime "Date and time (in ISO 8601 format) for termination point of a billing cycle"
 * @param usageType "The usage type identifier for the usage"
 * @param unit "The unit for the usage as shown on an invoice"; {@code unit} when there is no explicit unit
 * @param details the usage per service ({@code Serviceusagemetric})
 * @param meta the cursor metadata ({@code Metadata}); newer responses nest it here
 */
public record ServiceUsageData(
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("start_time") String startTime,
        @JsonProperty("end_time") String endTime,
        @JsonProperty("usage_type") String usageType,
        @JsonProperty("unit") String unit,
        @JsonProperty("details") List<ServiceUsageMetric> details,
        @JsonProperty("meta") CursorMetadata meta) {

    /** The details, empty when absent. */
    public List<ServiceUsageMetric> detailsOrEmpty() {
        return details == null ? List.of() : details;
    }
}
