package io.usage4j.provider.cloudinary.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Cloudinary's {@code CloudAssetTypeBreakdown}: the categories of a {@link Breakdown} for one product
 * environment, named by {@code cloud_name}.
 */
final class ProductEnvironmentBreakdown extends Breakdown {
    @JsonProperty("cloud_name")
    private String cloudName;

    /** The product environment's cloud name, or {@code null} if the response left it out. */
    String cloudName() {
        return cloudName;
    }
}
