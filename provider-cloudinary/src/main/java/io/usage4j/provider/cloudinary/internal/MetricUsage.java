package io.usage4j.provider.cloudinary.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * The usage of one plan metric ({@code credit} in every documented example): the plan's allowance in
 * that metric, the full billing cycles (monthly or annual), and for an annual cycle its months.
 */
record MetricUsage(
        @JsonProperty("metric") String metric,
        @JsonProperty("limit") BigDecimal limit,
        @JsonProperty("cycles") List<UsageCycle> cycles,
        @JsonProperty("monthly_cycles") List<UsageCycle> monthlyCycles) {}
