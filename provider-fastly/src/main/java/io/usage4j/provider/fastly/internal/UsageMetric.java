package io.usage4j.provider.fastly.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * Fastly's {@code Usagemetric}: one month of one usage type of one product. Every field is optional in
 * Fastly's OpenAPI description; relied on: fastly-py {@code docs/Usagemetric.md} (v6.0.0, commit bf29ec7,
 * unchanged to v14.1.0).
 *
 * @param month "The year and month of the usage element", {@code YYYY-MM}
 * @param usageType "The usage type identifier for the usage. This is a single, billable metric for the product."
 * @param name "Full name of the product usage type as it might appear on a customer's invoice."
 * @param region "The geographical area applicable for regionally based products."
 * @param unit "The unit for the usage as shown on an invoice"; {@code unit} when there is no explicit unit
 * @param quantity "The quantity of the usage for the product", in {@code unit}
 * @param rawQuantity "The raw units measured for the product" (its unit is not documented)
 * @param productId "The product identifier associated with the usage type", e.g. {@code cdn_usage}
 * @param lastUpdatedAt "The date when the usage metric was last updated" (format not documented)
 */
public record UsageMetric(
        @JsonProperty("month") String month,
        @JsonProperty("usage_type") String usageType,
        @JsonProperty("name") String name,
        @JsonProperty("region") String region,
        @JsonProperty("unit") String unit,
        @JsonProperty("quantity") BigDecimal quantity,
        @JsonProperty("raw_quantity") BigDecimal rawQuantity,
        @JsonProperty("product_id") String productId,
        @JsonProperty("last_updated_at") String lastUpdatedAt) {
}
