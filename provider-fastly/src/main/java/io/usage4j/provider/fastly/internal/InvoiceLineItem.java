package io.usage4j.provider.fastly.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * One line of a Fastly invoice: {@code Invoicelineitems} (end-of-month invoices) or {@code Mtdlineitems}
 * (the month-to-date invoice, which has no {@code credit_coupon_code}). Every field is nullable in
 * Fastly's models. Relied on: fastly-rust {@code docs/Invoicelineitems.md}, {@code docs/Mtdlineitems.md};
 * fastly-go {@code fastly/model_invoicelineitems.go}. Numbers are the {@link BigDecimal}s of the JSON text.
 *
 * @param description "line item transaction name"
 * @param amount the billed amount, in the invoice's currency (a line item carries no currency of its own)
 * @param creditCouponCode the discount coupon (end-of-month invoices only)
 * @param rate the price per unit (nullable)
 * @param units the total units of usage
 * @param productName the product name
 * @param productGroup e.g. {@code Compute}, {@code Full-Site Delivery}
 * @param productLine e.g. {@code Network Services}, {@code Security}
 * @param region the region, for regional products
 * @param usageType "The unit of measure (e.g., {@code requests} or {@code bandwidth})"
 */
public record InvoiceLineItem(
        @JsonProperty("description") String description,
        @JsonProperty("amount") BigDecimal amount,
        @JsonProperty("credit_coupon_code") String creditCouponCode,
        @JsonProperty("rate") BigDecimal rate,
        @JsonProperty("units") BigDecimal units,
        @JsonProperty("product_name") String productName,
        @JsonProperty("product_group") String productGroup,
        @JsonProperty("product_line") String productLine,
        @JsonProperty("region") String region,
        @JsonProperty("usage_type") String usageType) {
}
