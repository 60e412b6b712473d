package io.usage4j.provider.cloudinary.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * One usage cycle: its first and last day (dates kept as text here, parsed by the mapper), the total
 * usage in the metric's unit, the total broken down by category, and, when asked for, the breakdown
 * per product environment.
 */
record UsageCycle(
        @JsonProperty("from_day") String fromDay,
        @JsonProperty("to_day") String toDay,
        @JsonProperty("usage") BigDecimal usage,
        @JsonProperty("breakdown") Breakdown breakdown,
        @JsonProperty("product_environment_breakdown") List<ProductEnvironmentBreakdown> productEnvironmentBreakdown) {}
