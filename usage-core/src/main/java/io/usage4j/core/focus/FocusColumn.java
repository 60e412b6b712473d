package io.usage4j.core.focus;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeClass;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.FocusValue;
import io.usage4j.core.PricingCategory;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.UsageRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The catalogue of FOCUS Cost and Usage columns a {@link UsageRecord} carries: name, type,
 * requirement level, whether FOCUS forbids null unconditionally, the FOCUS version that introduced
 * it, the allowed values where FOCUS fixes them, and how a record renders into it.
 *
 * <p>Types, levels, nullability and allowed values are those of the FinOps Foundation's FOCUS 1.2
 * requirements model (a test checks them against the model itself); {@code ServiceProviderName} and
 * {@code HostProviderName} are the FOCUS 1.3 additions. Constants are in alphabetical column order,
 * the order of a FOCUS CSV written by {@link FocusCsvWriter}.
 */
public enum FocusColumn {
    BILLED_COST("BilledCost", FocusType.DECIMAL, Requirement.MANDATORY, true, "1.2", none(), r -> dec(r.billedCost())),
    BILLING_ACCOUNT_ID("BillingAccountId", FocusType.STRING, Requirement.MANDATORY, true, "1.2", none(), r -> r.billingAccountId()),
    BILLING_ACCOUNT_NAME("BillingAccountName", FocusType.STRING, Requirement.MANDATORY, false, "1.2", none(), r -> str(r.billingAccountName())),
    BILLING_CURRENCY("BillingCurrency", FocusType.STRING, Requirement.MANDATORY, true, "1.2", none(), r -> str(r.billingCurrency())),
    BILLING_PERIOD_END("BillingPeriodEnd", FocusType.DATETIME, Requirement.MANDATORY, true, "1.2", none(), r -> time(r.billingPeriodEnd())),
    BILLING_PERIOD_START("BillingPeriodStart", FocusType.DATETIME, Requirement.MANDATORY, true, "1.2", none(), r -> time(r.billingPeriodStart())),
    CHARGE_CATEGORY("ChargeCategory", FocusType.STRING, Requirement.MANDATORY, true, "1.2", ChargeCategory.values(), r -> r.chargeCategory().focusValue()),
    CHARGE_CLASS("ChargeClass", FocusType.STRING, Requirement.MANDATORY, false, "1.2", ChargeClass.values(), r -> focus(r.chargeClass())),
    CHARGE_DESCRIPTION("ChargeDescription", FocusType.STRING, Requirement.MANDATORY, false, "1.2", none(), r -> str(r.chargeDescription())),
    CHARGE_FREQUENCY("ChargeFrequency", FocusType.STRING, Requirement.OPTIONAL, true, "1.2", ChargeFrequency.values(), r -> focus(r.chargeFrequency())),
    CHARGE_PERIOD_END("ChargePeriodEnd", FocusType.DATETIME, Requirement.MANDATORY, true, "1.2", none(), r -> time(r.chargePeriodEnd())),
    CHARGE_PERIOD_START("ChargePeriodStart", FocusType.DATETIME, Requirement.MANDATORY, true, "1.2", none(), r -> time(r.chargePeriodStart())),
    CONSUMED_QUANTITY("ConsumedQuantity", FocusType.DECIMAL, Requirement.CONDITIONAL, false, "1.2", none(), r -> dec(r.consumedQuantity())),
    CONSUMED_UNIT("ConsumedUnit", FocusType.STRING, Requirement.CONDITIONAL, false, "1.2", none(), r -> str(r.consumedUnit())),
    CONTRACTED_COST("ContractedCost", FocusType.DECIMAL, Requirement.MANDATORY, true, "1.2", none(), r -> dec(r.contractedCost())),
    CONTRACTED_UNIT_PRICE("ContractedUnitPrice", FocusType.DECIMAL, Requirement.CONDITIONAL, false, "1.2", none(), r -> dec(r.contractedUnitPrice())),
    EFFECTIVE_COST("EffectiveCost", FocusType.DECIMAL, Requirement.MANDATORY, true, "1.2", none(), r -> dec(r.effectiveCost())),
    HOST_PROVIDER_NAME("HostProviderName", FocusType.STRING, Requirement.MANDATORY, true, "1.3", none(), r -> str(r.hostProviderName())),
    INVOICE_ID("InvoiceId", FocusType.STRING, Requirement.OPTIONAL, false, "1.2", none(), r -> str(r.invoiceId())),
    INVOICE_ISSUER_NAME("InvoiceIssuerName", FocusType.STRING, Requirement.MANDATORY, true, "1.2", none(), r -> str(r.invoiceIssuerName())),
    LIST_COST("ListCost", FocusType.DECIMAL, Requirement.MANDATORY, true, "1.2", none(), r -> dec(r.listCost())),
    LIST_UNIT_PRICE("ListUnitPrice", FocusType.DECIMAL, Requirement.CONDITIONAL, false, "1.2", none(), r -> dec(r.listUnitPrice())),
    PRICING_CATEGORY("PricingCategory", FocusType.STRING, Requirement.CONDITIONAL, false, "1.2", PricingCategory.values(), r -> focus(r.pricingCategory())),
    PRICING_QUANTITY("PricingQuantity", FocusType.DECIMAL, Requirement.MANDATORY, false, "1.2", none(), r -> dec(r.pricingQuantity())),
    PRICING_UNIT("PricingUnit", FocusType.STRING, Requirement.MANDATORY, false, "1.2", none(), r -> str(r.pricingUnit())),
    PROVIDER_NAME("ProviderName", FocusType.STRING, Requirement.MANDATORY, true, "1.2", none(), r -> str(r.providerName())),
    PUBLISHER_NAME("PublisherName", FocusType.STRING, Requirement.MANDATORY, true, "1.2", none(), r -> str(r.publisherName())),
    REGION_ID("RegionId", FocusType.STRING, Requirement.CONDITIONAL, false, "1.2", none(), r -> str(r.regionId())),
    REGION_NAME("RegionName", FocusType.STRING, Requirement.CONDITIONAL, false, "1.2", none(), r -> str(r.regionName())),
    RESOURCE_ID("ResourceId", FocusType.STRING, Requirement.CONDITIONAL, false, "1.2", none(), r -> str(r.resourceId())),
    RESOURCE_NAME("ResourceName", FocusType.STRING, Requirement.CONDITIONAL, false, "1.2", none(), r -> str(r.resourceName())),
    RESOURCE_TYPE("ResourceType", FocusType.STRING, Requirement.CONDITIONAL, false, "1.2", none(), r -> str(r.resourceType())),
    SERVICE_CATEGORY("ServiceCategory", FocusType.STRING, Requirement.MANDATORY, true, "1.2", ServiceCategory.values(), r -> focus(r.serviceCategory())),
    SERVICE_NAME("ServiceName", FocusType.STRING, Requirement.MANDATORY, true, "1.2", none(), r -> str(r.serviceName())),
    SERVICE_PROVIDER_NAME("ServiceProviderName", FocusType.STRING, Requirement.MANDATORY, true, "1.3", none(), r -> str(r.serviceProviderName())),
    SERVICE_SUBCATEGORY("ServiceSubcategory", FocusType.STRING, Requirement.OPTIONAL, true, "1.2", Subcategories.VALUES, r -> str(r.serviceSubcategory())),
    SKU_ID("SkuId", FocusType.STRING, Requirement.CONDITIONAL, false, "1.2", none(), r -> str(r.skuId())),
    SKU_METER("SkuMeter", FocusType.STRING, Requirement.CONDITIONAL, false, "1.2", none(), r -> str(r.skuMeter())),
    SUB_ACCOUNT_ID("SubAccountId", FocusType.STRING, Requirement.CONDITIONAL, false, "1.2", none(), r -> str(r.subAccountId())),
    SUB_ACCOUNT_NAME("SubAccountName", FocusType.STRING, Requirement.CONDITIONAL, false, "1.2", none(), r -> str(r.subAccountName())),
    TAGS("Tags", FocusType.KEY_VALUE, Requirement.CONDITIONAL, false, "1.2", none(), r -> tags(r.tags(), r.keyOnlyTags()));

    /** The value type of a column. */
    public enum FocusType {
        /** Text. */
        STRING,
        /** A decimal number, written in plain notation. */
        DECIMAL,
        /** A UTC date-time, {@code YYYY-MM-DDTHH:mm:ssZ}. */
        DATETIME,
        /** A JSON object of string keys and values. */
        KEY_VALUE
    }

    /** How strongly FOCUS asks for a column to be present in a dataset. */
    public enum Requirement {
        /** Always present. */
        MANDATORY,
        /** Present when the provider supports the concept. */
        CONDITIONAL,
        /** Recommended or optional. */
        OPTIONAL
    }

    /**
     * The ServiceSubcategory values FOCUS allows (rule ServiceSubcategory-C-003-M), in the model's order.
     * A holder class, because enum constants cannot read a static field of their own enum.
     */
    private static final class Subcategories {
        static final List<String> VALUES = List.of(
            "AI Platforms", "Bots", "Generative AI", "Machine Learning", "Natural Language Processing",
            "Other (AI and Machine Learning)", "Analytics Platforms", "Business Intelligence", "Data Processing",
            "Search", "Streaming Analytics", "Other (Analytics)", "Productivity and Collaboration",
            "Other (Business Applications)", "Containers", "End User Computing", "Quantum Compute",
            "Serverless Compute", "Virtual Machines", "Other (Compute)", "Caching", "Data Warehouses",
            "Ledger Databases", "NoSQL Databases", "Relational Databases", "Time Series Databases",
            "Other (Databases)", "Developer Platforms", "Continuous Integration and Deployment",
            "Development Environments", "Source Code Management", "Quality Assurance", "Other (Developer Tools)",
            "Identity and Access Management", "Other (Identity)", "API Management", "Messaging",
            "Workflow Orchestration", "Other (Integration)", "IoT Analytics", "IoT Platforms",
            "Other (Internet of Things)", "Architecture", "Compliance", "Cost Management", "Data Governance",
            "Disaster Recovery", "Endpoint Management", "Observability", "Support",
            "Other (Management and Governance)", "Content Creation", "Gaming", "Media Streaming", "Mixed Reality",
            "Other (Media)", "Data Migration", "Resource Migration", "Other (Migration)", "Other (Mobile)",
            "Multicloud Integration", "Other (Multicloud)", "Application Networking", "Content Delivery",
            "Network Connectivity", "Network Infrastructure", "Network Routing", "Network Security",
            "Other (Networking)", "Secret Management", "Security Posture Management", "Threat Detection and Response",
            "Other (Security)", "Backup Storage", "Block Storage", "File Storage", "Object Storage",
            "Storage Platforms", "Other (Storage)", "Application Platforms", "Other (Web)", "Other (Other)");

        private Subcategories() {}
    }

    private final String columnName;
    private final FocusType type;
    private final Requirement requirement;
    private final boolean notNull;
    private final String version;
    private final List<String> allowedValues;
    private final Function<UsageRecord, String> renderer;

    FocusColumn(String columnName, FocusType type, Requirement requirement, boolean notNull, String version,
            FocusValue[] allowed, Function<UsageRecord, String> renderer) {
        this(columnName, type, requirement, notNull, version,
                Arrays.stream(allowed).map(FocusValue::focusValue).toList(), renderer);
    }

    FocusColumn(String columnName, FocusType type, Requirement requirement, boolean notNull, String version,
            List<String> allowed, Function<UsageRecord, String> renderer) {
        this.columnName = columnName;
        this.type = type;
        this.requirement = requirement;
        this.notNull = notNull;
        this.version = version;
        this.allowedValues = List.copyOf(allowed);
        this.renderer = renderer;
    }

    /** The column name as FOCUS spells it, e.g. {@code BilledCost}. */
    public String columnName() {
        return columnName;
    }

    /** The value type. */
    public FocusType type() {
        return type;
    }

    /** The requirement level. */
    public Requirement requirement() {
        return requirement;
    }

    /** Whether FOCUS says this column MUST NOT be null, whatever the row. */
    public boolean notNull() {
        return notNull;
    }

    /** The FOCUS version that introduced the column. */
    public String version() {
        return version;
    }

    /** The values FOCUS allows, when it fixes them; empty otherwise. */
    public List<String> allowedValues() {
        return allowedValues;
    }

    /** {@code record}'s value in this column as FOCUS text, empty when the record has none. */
    public Optional<String> render(UsageRecord record) {
        return Optional.ofNullable(renderer.apply(record));
    }

    /** The column named {@code name}, if the catalogue has it. */
    public static Optional<FocusColumn> named(String name) {
        for (FocusColumn column : values()) {
            if (column.columnName.equals(name)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    private static FocusValue[] none() {
        return new FocusValue[0];
    }

    private static String str(Optional<String> value) {
        return value.orElse(null);
    }

    private static String dec(Optional<BigDecimal> value) {
        return value.map(BigDecimal::toPlainString).orElse(null);
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static String time(Optional<Instant> value) {
        return value.map(FocusColumn::time).orElse(null);
    }

    private static String focus(Optional<? extends FocusValue> value) {
        return value.map(FocusValue::focusValue).orElse(null);
    }

    private static String tags(Map<String, String> tags, Set<String> keyOnly) {
        return tags.isEmpty() && keyOnly.isEmpty() ? null : Json.object(tags, keyOnly);
    }
}
