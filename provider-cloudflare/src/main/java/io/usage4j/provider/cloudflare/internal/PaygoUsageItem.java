package io.usage4j.provider.cloudflare.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * One record of the PayGo usage endpoints, read as the union of their three documented shapes:
 * <ul>
 *   <li>{@code /billing/usage/paygo} (beta): BillingCurrency, BillingPeriodStart, ChargePeriodStart/End,
 *       ConsumedQuantity, ConsumedUnit, ContractedCost, CumulatedContractedCost,
 *       CumulatedPricingQuantity, PricingQuantity, ServiceName;
 *   <li>{@code /paygo-usage} adds ServiceFamilyName, SubscriptionId, ZoneId, ZoneName;
 *   <li>{@code /billable-usage} (v1) adds BilledCost, BillingAccountId, BillingAccountName,
 *       ChargeCategory, ChargeClass, ChargeDescription, EffectiveCost, HostProviderName,
 *       InvoiceIssuerName, ListCost, PricingUnit, ServiceProviderName.
 * </ul>
 * {@code BillingPeriodEnd} is not sent yet (v1 calls it a known gap); it is read if it appears.
 * The integer quantities are read as decimals so a fractional value never breaks decoding.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaygoUsageItem(
        @JsonProperty("BillingCurrency") String billingCurrency,
        @JsonProperty("BillingPeriodStart") String billingPeriodStart,
        @JsonProperty("BillingPeriodEnd") String billingPeriodEnd,
        @JsonProperty("ChargePeriodEnd") String chargePeriodEnd,
        @JsonProperty("ChargePeriodStart") String chargePeriodStart,
        @JsonProperty("ConsumedQuantity") BigDecimal consumedQuantity,
        @JsonProperty("ConsumedUnit") String consumedUnit,
        @JsonProperty("ContractedCost") BigDecimal contractedCost,
        @JsonProperty("CumulatedContractedCost") BigDecimal cumulatedContractedCost,
        @JsonProperty("CumulatedPricingQuantity") BigDecimal cumulatedPricingQuantity,
        @JsonProperty("PricingQuantity") BigDecimal pricingQuantity,
        @JsonProperty("ServiceName") String serviceName,
        @JsonProperty("ServiceFamilyName") String serviceFamilyName,
        @JsonProperty("SubscriptionId") String subscriptionId,
        @JsonProperty("ZoneId") String zoneId,
        @JsonProperty("ZoneName") String zoneName,
        @JsonProperty("BilledCost") BigDecimal billedCost,
        @JsonProperty("BillingAccountId") String billingAccountId,
        @JsonProperty("BillingAccountName") String billingAccountName,
        @JsonProperty("ChargeCategory") String chargeCategory,
        @JsonProperty("ChargeClass") String chargeClass,
        @JsonProperty("ChargeDescription") String chargeDescription,
        @JsonProperty("EffectiveCost") BigDecimal effectiveCost,
        @JsonProperty("HostProviderName") String hostProviderName,
        @JsonProperty("InvoiceIssuerName") String invoiceIssuerName,
        @JsonProperty("ListCost") BigDecimal listCost,
        @JsonProperty("PricingUnit") String pricingUnit,
        @JsonProperty("ServiceProviderName") String serviceProviderName) {
}
