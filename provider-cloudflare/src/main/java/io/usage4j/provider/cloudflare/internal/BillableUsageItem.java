package io.usage4j.provider.cloudflare.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Map;

/**
 * One record of billable usage v2 (FOCUS v1.3-aligned), as the account POST and GET and the
 * organization GET answer it: FOCUS column names in PascalCase and Cloudflare's {@code x_} extensions,
 * exactly as documented. Dates stay text here; {@link CloudflareMapper} parses them. Cost and pricing
 * fields are present only in answers to the POST with {@code "Metric": "cost"}; absent and
 * {@code null} both decode to {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BillableUsageItem(
        @JsonProperty("BillingAccountId") String billingAccountId,
        @JsonProperty("BillingAccountName") String billingAccountName,
        @JsonProperty("ChargeCategory") String chargeCategory,
        @JsonProperty("ChargeDescription") String chargeDescription,
        @JsonProperty("ChargeFrequency") String chargeFrequency,
        @JsonProperty("ChargePeriodEnd") String chargePeriodEnd,
        @JsonProperty("ChargePeriodStart") String chargePeriodStart,
        @JsonProperty("ConsumedQuantity") BigDecimal consumedQuantity,
        @JsonProperty("ConsumedUnit") String consumedUnit,
        @JsonProperty("HostProviderName") String hostProviderName,
        @JsonProperty("InvoiceIssuerName") String invoiceIssuerName,
        @JsonProperty("ServiceProviderName") String serviceProviderName,
        @JsonProperty("x_BillableMetricId") String billableMetricId,
        @JsonProperty("x_BillableMetricName") String billableMetricName,
        @JsonProperty("BilledCost") BigDecimal billedCost,
        @JsonProperty("BillingCurrency") String billingCurrency,
        @JsonProperty("BillingPeriodEnd") String billingPeriodEnd,
        @JsonProperty("BillingPeriodStart") String billingPeriodStart,
        @JsonProperty("ChargeClass") String chargeClass,
        @JsonProperty("ContractedCost") BigDecimal contractedCost,
        @JsonProperty("ContractedUnitPrice") BigDecimal contractedUnitPrice,
        @JsonProperty("EffectiveCost") BigDecimal effectiveCost,
        @JsonProperty("ListCost") BigDecimal listCost,
        @JsonProperty("ListUnitPrice") BigDecimal listUnitPrice,
        @JsonProperty("PricingQuantity") BigDecimal pricingQuantity,
        @JsonProperty("PricingUnit") String pricingUnit,
        @JsonProperty("RegionId") String regionId,
        @JsonProperty("RegionName") String regionName,
        @JsonProperty("SubAccountId") String subAccountId,
        @JsonProperty("SubAccountName") String subAccountName,
        @JsonProperty("Tags") Map<String, Object> tags,
        @JsonProperty("x_ProductCategoryName") String productCategoryName,
        @JsonProperty("x_ProductFamilyId") String productFamilyId,
        @JsonProperty("x_ProductFamilyName") String productFamilyName,
        @JsonProperty("x_ZoneId") String zoneId,
        @JsonProperty("x_ZoneName") String zoneName) {
}
