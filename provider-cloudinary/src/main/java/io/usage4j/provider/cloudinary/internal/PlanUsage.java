package io.usage4j.provider.cloudinary.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One element of the billing-usage array: a plan that was active in the requested year. Every field
 * is optional in Cloudinary's schema, so each may be {@code null}.
 */
record PlanUsage(
        @JsonProperty("plan_name") String planName,
        @JsonProperty("metric_usage") List<MetricUsage> metricUsage) {}
