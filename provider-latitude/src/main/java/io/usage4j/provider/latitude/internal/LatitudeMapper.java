package io.usage4j.provider.latitude.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ImmutableUsageRecord;
import io.usage4j.core.PricingCategory;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageRecord;
import io.usage4j.provider.latitude.internal.BillingUsageDocument.Attributes;
import io.usage4j.provider.latitude.internal.BillingUsageDocument.Discount;
import io.usage4j.provider.latitude.internal.BillingUsageDocument.ErrorObject;
import io.usage4j.provider.latitude.internal.BillingUsageDocument.Metadata;
import io.usage4j.provider.latitude.internal.BillingUsageDocument.Product;
import io.usage4j.provider.latitude.internal.BillingUsageDocument.Server;
import io.usage4j.spi.kit.Timestamps;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Maps Latitude's billing usage document to FOCUS records: one record per product line. Pure and
 * exact: every amount is Latitude's cents moved two places left ({@code 12345} cents is
 * {@code 123.45}), never a division of doubles.
 *
 * <p>The readings this mapper takes where Latitude's documentation is silent (the README section of
 * the module says the same):
 * <ul>
 *   <li>BilledCost and EffectiveCost are the line's {@code price}, which is after its discounts;
 *       ListCost and ContractedCost are {@code amount_without_discount}, ListUnitPrice and
 *       ContractedUnitPrice {@code unit_price}. Latitude publishes no negotiated rate apart from the
 *       discounts it lists on the line, which are kept in {@code x_discounts}.
 *   <li>The currency is not in the response; it is the configured one (USD by default, the "$" of
 *       Latitude's documentation).
 *   <li>The charge period is the line's {@code start}..{@code end} ({@code end} null: still running, so
 *       the billing period's end), clipped to the billing period the amounts are for.
 *   <li>SkuId is the product {@code name} (the plan or product sold, the same for every customer),
 *       SkuMeter and ResourceType the product's {@code resource}, ResourceId the product line's
 *       {@code id} (the id {@code filter[products][]} takes).
 *   <li>With {@code metadata.billing_unit_divisor} d (priced per d units), PricingQuantity is
 *       {@code quantity / d} and PricingUnit "d Units"; ConsumedQuantity stays {@code quantity}.
 * </ul>
 */
public final class LatitudeMapper {
    /** The provider id, for exceptions. */
    public static final String PROVIDER_ID = "latitude";

    /** Who sells, runs and invoices every Latitude charge. */
    static final String LATITUDE = "Latitude.sh";

    /** Every extension column a record may carry, in column order. */
    public static final List<String> EXTENSION_COLUMNS = List.of(
            "x_project_slug",
            "x_available_credit_balance",
            "x_threshold",
            "x_period_price",
            "x_period_amount",
            "x_usage_type",
            "x_proration",
            "x_discountable",
            "x_discounts",
            "x_unit_amount",
            "x_amount",
            "x_billing_unit_divisor",
            "x_product_start",
            "x_product_end",
            "x_server_id",
            "x_hostname",
            "x_plan",
            "x_bucket_id",
            "x_bucket_name");

    private static final String RESOURCE_TYPE = "billing_usage";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final Map<String, String> UNITS = Map.of(
            "hour", "Hours",
            "minute", "Minutes",
            "quantity", "Units",
            "GB", "GB");
    private static final Map<String, ServiceCategory> CATEGORIES = Map.ofEntries(
            Map.entry("server", ServiceCategory.COMPUTE),
            Map.entry("virtual_machine", ServiceCategory.COMPUTE),
            Map.entry("storage", ServiceCategory.STORAGE),
            Map.entry("filesystem", ServiceCategory.STORAGE),
            Map.entry("block", ServiceCategory.STORAGE),
            Map.entry("bandwidth", ServiceCategory.NETWORKING),
            Map.entry("traffic", ServiceCategory.NETWORKING),
            Map.entry("ip_address", ServiceCategory.NETWORKING),
            Map.entry("elastic_ip", ServiceCategory.NETWORKING),
            Map.entry("private_network", ServiceCategory.NETWORKING),
            Map.entry("database", ServiceCategory.DATABASES));

    private final String currency;
    private final String billingAccountId;
    private final String requestedProject;

    /**
     * @param currency the ISO 4217 code amounts are in (Latitude's response does not say)
     * @param billingAccountId the BillingAccountId to report, or {@code null} for the project's id
     * @param requestedProject the project the request asked for, used when the response names none
     */
    public LatitudeMapper(String currency, String billingAccountId, String requestedProject) {
        this.currency = Objects.requireNonNull(currency, "currency is null");
        this.billingAccountId = billingAccountId;
        this.requestedProject = Objects.requireNonNull(requestedProject, "requestedProject is null");
    }

    /** The billing period a usage document covers, {@code [start, end)}. */
    public record BillingPeriod(Instant start, Instant end) {
        /** Whether {@code [from, to)} shares any instant with this period. */
        public boolean overlaps(Instant from, Instant to) {
            return start.isBefore(to) && end.isAfter(from);
        }

        /** Whether {@code [from, to)} lies wholly inside this period. */
        public boolean covers(Instant from, Instant to) {
            return !from.isBefore(start) && !to.isAfter(end);
        }

        @Override
        public String toString() {
            return "[" + start + ", " + end + ")";
        }
    }

    /** The sum of the product lines' prices differs from the period's total {@code price} (both in currency units). */
    public record PriceMismatch(BigDecimal total, BigDecimal linesSum, int lines) {}

    /**
     * The usage attributes of a successful document.
     *
     * @param redact masks credentials in text taken from the response (the kit's {@code redact})
     * @throws UnreadableResponseException if the document carries {@code errors[]}, no
     *     {@code data.attributes}, or a resource of another type
     */
    public static Attributes attributes(BillingUsageDocument document, UnaryOperator<String> redact) {
        if (document == null) {
            throw unreadable("the response is empty where a billing_usage document was expected");
        }
        if (document.errors() != null && !document.errors().isEmpty()) {
            String said = document.errors().stream().filter(Objects::nonNull).map(LatitudeMapper::describe)
                    .filter(Objects::nonNull).distinct().collect(Collectors.joining("; "));
            throw unreadable("the response reports errors instead of usage: "
                    + (said.isEmpty() ? "(no detail)" : redact.apply(said)));
        }
        if (document.data() == null || document.data().attributes() == null) {
            throw unreadable("the response has no data.attributes: it is not the billing_usage document Latitude documents");
        }
        String type = document.data().type();
        if (type != null && !type.equals(RESOURCE_TYPE)) {
            throw unreadable("the response's data is a '" + redact.apply(type) + "' resource, not " + RESOURCE_TYPE);
        }
        return document.data().attributes();
    }

    private static String describe(ErrorObject error) {
        String text = LatitudeErrors.describe(error.title(), error.detail());
        String code = blankToNull(error.code());
        return code == null ? text : (text == null ? "" : text + " ") + "[code " + code + "]";
    }

    /**
     * The billing period of {@code attributes}.
     *
     * @throws UnreadableResponseException if it is missing, not a date-time, or does not end after it starts
     */
    public static BillingPeriod period(Attributes attributes) {
        if (attributes.period() == null) {
            throw unreadable("the response has no billing period (data.attributes.period)");
        }
        Instant start = instant(attributes.period().start(), "period.start");
        Instant end = instant(attributes.period().end(), "period.end");
        if (start == null || end == null) {
            throw unreadable("the response's billing period is incomplete: start " + attributes.period().start()
                    + ", end " + attributes.period().end());
        }
        if (!start.isBefore(end)) {
            throw unreadable("the response's billing period ends (" + end + ") before it starts (" + start + ")");
        }
        return new BillingPeriod(start, end);
    }

    /**
     * Compares the period's total {@code price} with the sum of the product lines' {@code price}s.
     * Empty when they agree, or when the total or a line's price is absent (nothing to compare).
     */
    public static Optional<PriceMismatch> priceMismatch(Attributes attributes) {
        if (attributes.price() == null) {
            return Optional.empty();
        }
        BigDecimal sum = BigDecimal.ZERO;
        List<Product> products = attributes.products() == null ? List.of() : attributes.products();
        for (Product product : products) {
            if (product == null || product.price() == null) {
                return Optional.empty();
            }
            sum = sum.add(product.price());
        }
        if (sum.compareTo(attributes.price()) == 0) {
            return Optional.empty();
        }
        return Optional.of(new PriceMismatch(cents(attributes.price()), cents(sum), products.size()));
    }

    /**
     * One record per product line of {@code attributes}, in Latitude's order.
     *
     * @param period the billing period of {@code attributes}, as {@link #period(Attributes)} reads it
     * @throws UnreadableResponseException if a line's dates cannot be read, or a line's charge period is
     *     empty once clipped to the billing period
     */
    public List<UsageRecord> records(Attributes attributes, BillingPeriod period) {
        List<Product> products = attributes.products() == null ? List.of() : attributes.products();
        List<UsageRecord> records = new ArrayList<>(products.size());
        for (Product product : products) {
            if (product != null) {
                records.add(record(attributes, period, product));
            }
        }
        return List.copyOf(records);
    }

    /** The record of one product line of {@code attributes}' billing period. */
    public UsageRecord record(Attributes attributes, BillingPeriod period, Product product) {
        String projectId = attributes.project() != null && blankToNull(attributes.project().id()) != null
                ? attributes.project().id() : requestedProject;
        String projectName = attributes.project() == null ? null : blankToNull(attributes.project().name());

        Instant productStart = instant(product.start(), "products[].start of " + product.id());
        Instant productEnd = instant(product.end(), "products[].end of " + product.id());
        Instant start = productStart == null || productStart.isBefore(period.start()) ? period.start() : productStart;
        Instant end = productEnd == null || productEnd.isAfter(period.end()) ? period.end() : productEnd;
        if (!start.isBefore(end)) {
            throw unreadable("product line " + product.id() + " runs from " + product.start() + " to " + product.end()
                    + ", which leaves no time inside its billing period " + period);
        }

        Metadata metadata = product.metadata();
        List<Server> servers = servers(metadata);
        BigDecimal divisor = metadata == null ? null : metadata.billingUnitDivisor();
        String unit = unit(product.unit());
        String resource = blankToNull(product.resource());

        ImmutableUsageRecord.Builder record = UsageRecord.builder()
                .billingAccountId(billingAccountId != null ? billingAccountId : projectId)
                .billingAccountName(billingAccountId != null ? null : projectName)
                .subAccountId(projectId)
                .subAccountName(projectName)
                .billingPeriodStart(period.start())
                .billingPeriodEnd(period.end())
                .chargePeriodStart(start)
                .chargePeriodEnd(end)
                .chargeCategory(ChargeCategory.USAGE)
                .chargeFrequency(frequency(product.usageType()))
                .chargeDescription(blankToNull(product.description()) != null ? product.description() : product.name())
                .pricingCategory(PricingCategory.STANDARD)
                .billedCost(cents(product.price()))
                .effectiveCost(cents(product.price()))
                .listCost(cents(product.amountWithoutDiscount()))
                .contractedCost(cents(product.amountWithoutDiscount()))
                .listUnitPrice(cents(product.unitPrice()))
                .contractedUnitPrice(cents(product.unitPrice()))
                .billingCurrency(currency)
                .serviceName(resource)
                .serviceCategory(resource == null ? null : CATEGORIES.getOrDefault(resource, ServiceCategory.OTHER))
                .serviceProviderName(LATITUDE)
                .hostProviderName(LATITUDE)
                .invoiceIssuerName(LATITUDE)
                .providerName(LATITUDE)
                .publisherName(LATITUDE)
                .regionId(metadata == null || metadata.bucket() == null ? null : blankToNull(metadata.bucket().location()))
                .resourceId(blankToNull(product.id()))
                .resourceName(resourceName(product, servers, metadata))
                .resourceType(resource)
                .skuId(blankToNull(product.name()))
                .skuMeter(blankToNull(product.name()) == null ? null : resource);
        if (product.quantity() != null) {
            record.consumedQuantity(product.quantity()).consumedUnit(unit);
            if (isDivisor(divisor)) {
                record.pricingQuantity(divide(product.quantity(), divisor))
                        .pricingUnit(unit == null ? null : divisor.stripTrailingZeros().toPlainString() + " " + unit);
            } else {
                record.pricingQuantity(product.quantity()).pricingUnit(unit);
            }
        }
        for (Server server : servers) {
            if (server.tags() != null) {
                server.tags().stream().filter(t -> blankToNull(t) != null).forEach(tag -> record.putTags(tag, "true"));
            }
        }
        record.extensions(extensions(attributes, product, servers, metadata));
        return record.build();
    }

    private static Map<String, String> extensions(Attributes attributes, Product product, List<Server> servers,
            Metadata metadata) {
        Map<String, String> x = new LinkedHashMap<>();
        put(x, "x_project_slug", attributes.project() == null ? null : blankToNull(attributes.project().slug()));
        put(x, "x_available_credit_balance", money(attributes.availableCreditBalance()));
        put(x, "x_threshold", money(attributes.threshold()));
        put(x, "x_period_price", money(attributes.price()));
        put(x, "x_period_amount", money(attributes.amount()));
        put(x, "x_usage_type", blankToNull(product.usageType()));
        put(x, "x_proration", product.proration() == null ? null : product.proration().toString());
        put(x, "x_discountable", product.discountable() == null ? null : product.discountable().toString());
        put(x, "x_discounts", product.discounts() == null ? null : discounts(product.discounts()));
        put(x, "x_unit_amount", money(product.unitAmount()));
        put(x, "x_amount", money(product.amount()));
        put(x, "x_billing_unit_divisor", metadata == null || metadata.billingUnitDivisor() == null ? null
                : metadata.billingUnitDivisor().toPlainString());
        put(x, "x_product_start", blankToNull(product.start()));
        put(x, "x_product_end", blankToNull(product.end()));
        put(x, "x_server_id", joined(servers, Server::id));
        put(x, "x_hostname", joined(servers, Server::hostname));
        put(x, "x_plan", joined(servers, Server::plan));
        if (metadata != null && metadata.bucket() != null) {
            put(x, "x_bucket_id", blankToNull(metadata.bucket().id()));
            put(x, "x_bucket_name", blankToNull(metadata.bucket().name()));
        }
        return x;
    }

    /** The servers of a line: the newer {@code servers[]}, plus the older flat metadata as one server. */
    private static List<Server> servers(Metadata metadata) {
        if (metadata == null) {
            return List.of();
        }
        List<Server> servers = new ArrayList<>();
        if (metadata.id() != null || metadata.hostname() != null || metadata.plan() != null
                || (metadata.tags() != null && !metadata.tags().isEmpty())) {
            servers.add(new Server(metadata.id(), metadata.hostname(), metadata.plan(), metadata.tags()));
        }
        if (metadata.servers() != null) {
            metadata.servers().stream().filter(Objects::nonNull).forEach(servers::add);
        }
        return servers;
    }

    /** The server's hostname when the line is for exactly one, else the bucket's name, else the product's name. */
    private static String resourceName(Product product, List<Server> servers, Metadata metadata) {
        Set<String> hostnames = servers.stream().map(Server::hostname).map(LatitudeMapper::blankToNull)
                .filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
        if (hostnames.size() == 1) {
            return hostnames.iterator().next();
        }
        if (metadata != null && metadata.bucket() != null && blankToNull(metadata.bucket().name()) != null) {
            return metadata.bucket().name();
        }
        return blankToNull(product.name());
    }

    private static String joined(List<Server> servers, Function<Server, String> field) {
        String joined = servers.stream().map(field).map(LatitudeMapper::blankToNull).filter(Objects::nonNull)
                .distinct().collect(Collectors.joining(","));
        return joined.isEmpty() ? null : joined;
    }

    private static String discounts(List<Discount> discounts) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Discount discount : discounts) {
            if (discount == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("description", discount.description());
            row.put("type", discount.type());
            row.put("value", discount.value());
            rows.add(row);
        }
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing discounts as JSON failed", e);
        }
    }

    private static ChargeFrequency frequency(String usageType) {
        if ("licensed".equals(usageType)) {
            return ChargeFrequency.RECURRING;
        }
        if ("metered".equals(usageType)) {
            return ChargeFrequency.USAGE_BASED;
        }
        return null;
    }

    private static String unit(String unit) {
        String given = blankToNull(unit);
        return given == null ? null : UNITS.getOrDefault(given, given);
    }

    private static boolean isDivisor(BigDecimal divisor) {
        return divisor != null && divisor.compareTo(BigDecimal.ONE) > 0;
    }

    /** {@code quantity / divisor}, exact when the quotient terminates (divisors are powers of ten in practice). */
    private static BigDecimal divide(BigDecimal quantity, BigDecimal divisor) {
        try {
            return quantity.divide(divisor);
        } catch (ArithmeticException nonTerminating) {
            return quantity.divide(divisor, MathContext.DECIMAL128);
        }
    }

    /** Cents to currency units, exactly; {@code null} stays {@code null}. */
    static BigDecimal cents(BigDecimal cents) {
        return cents == null ? null : cents.movePointLeft(2);
    }

    private static String money(BigDecimal cents) {
        return cents == null ? null : cents(cents).toPlainString();
    }

    private static void put(Map<String, String> extensions, String name, String value) {
        if (value != null) {
            extensions.put(name, value);
        }
    }

    private static Instant instant(String text, String field) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            return Timestamps.parse(value);
        } catch (DateTimeParseException e) {
            throw unreadable(field + " '" + value + "' is not an ISO 8601 date-time with an offset");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static UnreadableResponseException unreadable(String message) {
        return new UnreadableResponseException(PROVIDER_ID, message, null);
    }
}
