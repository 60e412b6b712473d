package io.usage4j.provider.latitude.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import io.usage4j.spi.kit.Envelope;
import io.usage4j.spi.kit.ProviderError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JSON:API document {@code GET /billing/usage} answers ({@code application/vnd.api+json}): one
 * {@code billing_usage} resource in {@code data}, or {@code errors[]} when the request failed.
 *
 * <p>Field names are exactly Latitude's. Every field may be absent (both official SDKs declare all of
 * them optional), so every component is nullable; the mapper decides what absence means. Money is in
 * cents, as {@link BigDecimal} from the JSON text; date-times stay strings until the mapper parses them.
 * Both metadata shapes are accepted: the older flat {@code {id, hostname, plan, tags}} and the newer
 * {@code {servers[], bucket, billing_unit_divisor}}.
 */
public record BillingUsageDocument(
        @JsonProperty("data") Data data,
        @JsonProperty("errors") List<ErrorObject> errors) implements Envelope {

    /** A document with {@code errors[]} reports them, whatever the HTTP status said. */
    @Override
    public Optional<ProviderError> reportedError() {
        if (errors == null || errors.isEmpty()) {
            return Optional.empty();
        }
        String said = errors.stream().filter(Objects::nonNull).map(e -> LatitudeErrors.describe(e.title(), e.detail()))
                .filter(Objects::nonNull).distinct().collect(Collectors.joining("; "));
        String code = errors.stream().filter(Objects::nonNull).map(ErrorObject::code)
                .filter(c -> c != null && !c.isBlank()).findFirst().orElse(null);
        return Optional.of(new ProviderError(said.isEmpty() ? "(no detail)" : said, code, null, null));
    }

    /** The {@code billing_usage} resource. */
    public record Data(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("attributes") Attributes attributes) {}

    /** The usage of one project in its current billing period. */
    public record Attributes(
            @JsonProperty("project") Project project,
            @JsonProperty("period") Period period,
            @JsonProperty("available_credit_balance") BigDecimal availableCreditBalance,
            @JsonProperty("amount") BigDecimal amount,
            @JsonProperty("price") BigDecimal price,
            @JsonProperty("threshold") BigDecimal threshold,
            @JsonProperty("products") List<Product> products) {}

    /** The project the usage belongs to. */
    public record Project(
            @JsonProperty("id") String id,
            @JsonProperty("slug") String slug,
            @JsonProperty("name") String name) {}

    /** The billing cycle the usage is for. */
    public record Period(
            @JsonProperty("start") String start,
            @JsonProperty("end") String end) {}

    /** One product line. */
    public record Product(
            @JsonProperty("id") String id,
            @JsonProperty("resource") String resource,
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("proration") Boolean proration,
            @JsonProperty("discountable") Boolean discountable,
            @JsonProperty("discounts") List<Discount> discounts,
            @JsonProperty("amount_without_discount") BigDecimal amountWithoutDiscount,
            @JsonProperty("start") String start,
            @JsonProperty("end") String end,
            @JsonProperty("unit") String unit,
            @JsonProperty("unit_amount") BigDecimal unitAmount,
            @JsonProperty("unit_price") BigDecimal unitPrice,
            @JsonProperty("usage_type") String usageType,
            @JsonProperty("quantity") BigDecimal quantity,
            @JsonProperty("amount") BigDecimal amount,
            @JsonProperty("price") BigDecimal price,
            @JsonProperty("metadata") Metadata metadata) {}

    /** A discount applied to a product line: {@code type} is {@code percent} or {@code amount}. */
    public record Discount(
            @JsonProperty("description") String description,
            @JsonProperty("type") String type,
            @JsonProperty("value") BigDecimal value) {}

    /**
     * A product's metadata, in either schema: the older flat one ({@code id}, {@code hostname},
     * {@code plan}, {@code tags}) or the newer one ({@code servers[]}, {@code bucket},
     * {@code billing_unit_divisor}).
     */
    public record Metadata(
            @JsonProperty("id") String id,
            @JsonProperty("hostname") String hostname,
            @JsonProperty("plan") String plan,
            @JsonProperty("tags") List<String> tags,
            @JsonProperty("servers") List<Server> servers,
            @JsonProperty("bucket") Bucket bucket,
            @JsonProperty("billing_unit_divisor") BigDecimal billingUnitDivisor) {}

    /** A server a product line is for (newer metadata schema). */
    public record Server(
            @JsonProperty("id") String id,
            @JsonProperty("hostname") String hostname,
            @JsonProperty("plan") String plan,
            @JsonProperty("tags") List<String> tags) {}

    /** An object-storage bucket a product line is for (newer metadata schema). */
    public record Bucket(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("location") String location) {}

    /** One JSON:API error object. */
    public record ErrorObject(
            @JsonProperty("code") String code,
            @JsonProperty("status") String status,
            @JsonProperty("title") String title,
            @JsonProperty("detail") String detail) {}
}
