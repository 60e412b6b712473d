package io.usage4j.core;

/**
 * What a provider supports, in the terms of the FinOps Foundation's FOCUS requirements model (its
 * {@code ApplicabilityCriteria}). A FOCUS rule tagged with criteria applies only to providers that
 * declare all of them: a provider without commitment discounts is not held to the CommitmentDiscount
 * columns' rules. A source declares its criteria in {@link SourceCapabilities#applicabilityCriteria()}.
 *
 * <p>The constant names are the model's own.
 */
public enum ApplicabilityCriterion {
    /** The provider supports assigning a display name for the billing account. */
    ACCOUNT_NAMING_SUPPORTED,
    /** The provider supports deploying resources or services within an availability zone. */
    AVAILABILITY_ZONE_SUPPORTED,
    /** The provider supports capacity reservations. */
    CAPACITY_RESERVATION_SUPPORTED,
    /** The provider supports commitment discounts. */
    COMMITMENT_DISCOUNT_SUPPORTED,
    /** The provider supports more than one pricing category across all SKUs. */
    MULTIPLE_PRICING_CATEGORIES_SUPPORTED,
    /** The provider supports more than one possible SubAccountType value. */
    MULTIPLE_SUB_ACCOUNT_TYPES_SUPPORTED,
    /** The provider supports more than one possible BillingAccountType value. */
    MULTIPLE_BILLING_ACCOUNT_TYPES_SUPPORTED,
    /** The provider supports negotiated pricing concepts. */
    NEGOTIATED_PRICING_SUPPORTED,
    /** The provider publishes public price lists. */
    PUBLIC_PRICE_LIST_SUPPORTED,
    /** The provider supports the measurement of usage. */
    USAGE_MEASUREMENT_SUPPORTED,
    /** The provider supports unit pricing concepts. */
    UNIT_PRICING_SUPPORTED,
    /** The provider supports a sub account construct. */
    SUB_ACCOUNT_SUPPORTED,
    /** The provider supports billing based on provisioned resources. */
    BILLING_BASED_ON_PROVISIONED_RESOURCES_SUPPORTED,
    /** The provider supports assigning types to resources. */
    RESOURCE_TYPE_ASSIGNMENT_SUPPORTED,
    /** The provider supports pricing and billing in different currencies. */
    PRICING_BILLING_CURRENCY_DIFFERENCES_SUPPORTED,
    /** The provider supports prices in virtual currency. */
    VIRTUAL_CURRENCY_SUPPORTED,
    /** The provider supports deploying resources or services within a region. */
    REGION_SUPPORTED,
    /** The provider supports setting user or provider-defined tags. */
    TAGGING_SUPPORTED
}
