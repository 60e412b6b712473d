package io.usage4j.provider.fastly.internal;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.ImmutableUsageRecord;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageRecord;
import io.usage4j.spi.kit.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fastly invoice line items to costed FOCUS records. Pure and exact: every amount, rate and unit count
 * is the {@link BigDecimal} of the JSON text (the month-to-date total, which Fastly writes as a string,
 * included); nothing is rounded, and a line-item sum that differs from the invoice total is reported by
 * {@link #totalMismatch}, never "fixed".
 *
 * <table>
 *   <caption>What maps where</caption>
 *   <tr><th>Fastly field</th><th>FOCUS column</th></tr>
 *   <tr><td>line {@code amount}</td><td>BilledCost</td></tr>
 *   <tr><td>line {@code rate}</td><td>ContractedUnitPrice (the rate the account was billed at, see below)</td></tr>
 *   <tr><td>{@code rate} &times; {@code units}</td><td>ContractedCost (FOCUS defines it as that product)</td></tr>
 *   <tr><td>line {@code units}</td><td>PricingQuantity</td></tr>
 *   <tr><td>line {@code usage_type}</td><td>PricingUnit and SkuMeter ("the unit of measure", e.g. {@code bandwidth})</td></tr>
 *   <tr><td>line {@code description}</td><td>ChargeDescription</td></tr>
 *   <tr><td>line {@code product_name}</td><td>ServiceName</td></tr>
 *   <tr><td>line {@code region}</td><td>RegionName</td></tr>
 *   <tr><td>line {@code product_group}, {@code product_line}, {@code credit_coupon_code}</td>
 *       <td>{@code x_ProductGroup}, {@code x_ProductLine}, {@code x_CreditCouponCode}</td></tr>
 *   <tr><td>invoice {@code currency_code} (or the configured currency)</td><td>BillingCurrency</td></tr>
 *   <tr><td>invoice {@code billing_start_date}, {@code billing_end_date}</td><td>BillingPeriodStart/End</td></tr>
 *   <tr><td>the month of {@code billing_start_date}</td><td>ChargePeriodStart/End: that calendar month, UTC</td></tr>
 *   <tr><td>invoice {@code invoice_id}</td><td>InvoiceId</td></tr>
 *   <tr><td>invoice {@code customer_id} (or the URL's customer id)</td><td>BillingAccountId</td></tr>
 *   <tr><td>invoice {@code statement_number}, {@code invoice_posted_on}</td><td>{@code x_StatementNumber}, {@code x_InvoicePostedOn}</td></tr>
 *   <tr><td>end-of-month or month-to-date</td><td>{@code x_InvoiceFinal}: {@code true} or {@code false}</td></tr>
 * </table>
 *
 * <p><b>Why ContractedUnitPrice.</b> FOCUS defines ListUnitPrice as the provider's <em>published</em>
 * price "exclusive of any discounts", present "when the provider publishes unit prices exclusive of
 * discounts", and ContractedUnitPrice as the agreed-upon price per PricingUnit "inclusive of negotiated
 * discounts", present "when the provider supports negotiated pricing concepts". An invoice line's
 * {@code rate} is the price per unit this account was actually billed at, which is the account's
 * agreed rate, not a public list price (Fastly's invoices API publishes no price list). So the rate is
 * ContractedUnitPrice, ListUnitPrice and ListCost stay empty, and ContractedCost is the FOCUS product
 * ContractedUnitPrice &times; PricingQuantity, computed exactly (it may differ from BilledCost, which is
 * the amount Fastly billed).
 */
public final class FastlyInvoiceMapper {
    /** {@code true} on rows of an end-of-month invoice, {@code false} on rows of the month-to-date invoice. */
    public static final String X_INVOICE_FINAL = "x_InvoiceFinal";
    /** The invoice's {@code statement_number}. */
    public static final String X_STATEMENT_NUMBER = "x_StatementNumber";
    /** The invoice's {@code invoice_posted_on}, verbatim. */
    public static final String X_INVOICE_POSTED_ON = "x_InvoicePostedOn";
    /** The line's {@code product_group}, e.g. {@code Full-Site Delivery}. */
    public static final String X_PRODUCT_GROUP = "x_ProductGroup";
    /** The line's {@code product_line}, e.g. {@code Network Services}. */
    public static final String X_PRODUCT_LINE = "x_ProductLine";
    /** The line's {@code credit_coupon_code}. */
    public static final String X_CREDIT_COUPON_CODE = "x_CreditCouponCode";
    /** Every extension column an invoice record may carry, in column order. */
    public static final List<String> EXTENSION_COLUMNS = List.of(X_INVOICE_FINAL, X_STATEMENT_NUMBER,
            X_INVOICE_POSTED_ON, X_PRODUCT_GROUP, X_PRODUCT_LINE, X_CREDIT_COUPON_CODE);

    /**
     * [inferred] The time of day at which an invoice's {@code billing_end_date} is the <em>inclusive</em>
     * last second of its day (Fastly's examples end a month at {@code 23:59:59Z}). Such an end becomes
     * the next midnight, the exclusive end FOCUS wants; any other end is taken as exclusive already.
     */
    static final LocalTime INCLUSIVE_LAST_SECOND = LocalTime.of(23, 59, 59);

    private static final String FASTLY = "Fastly";
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private FastlyInvoiceMapper() {}

    /**
     * The records of every line of {@code invoice}, in the invoice's order.
     *
     * @param isFinal whether this is an end-of-month invoice ({@code false}: the month-to-date invoice)
     * @param customerId the customer id from the usage URL, used when the invoice names none, or {@code null}
     * @param currency the currency to use when the invoice names none (the month-to-date invoice never
     *     does), or {@code null} to leave BillingCurrency empty then
     * @throws UnreadableResponseException if the invoice has no readable billing period
     */
    public static List<UsageRecord> lines(Invoice invoice, boolean isFinal, String customerId, String currency) {
        List<UsageRecord> records = new ArrayList<>();
        if (invoice.lineItems() != null) {
            for (InvoiceLineItem item : invoice.lineItems()) {
                if (item != null) {
                    records.add(line(invoice, item, isFinal, customerId, currency));
                }
            }
        }
        return records;
    }

    /**
     * One line of an invoice as a costed record.
     *
     * @see #lines(Invoice, boolean, String, String)
     */
    public static UsageRecord line(Invoice invoice, InvoiceLineItem item, boolean isFinal, String customerId,
            String currency) {
        YearMonth month = invoicedMonth(invoice);
        Instant billingStart = instant(invoice.billingStartDate(), "billing_start_date", invoice);
        Instant billingEnd = exclusiveEnd(invoice.billingEndDate(), invoice);
        boolean credit = isCredit(item);
        ImmutableUsageRecord.Builder record = UsageRecord.builder()
                .billingAccountId(firstNonBlank(invoice.customerId(), customerId, ""))
                .chargePeriodStart(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .chargePeriodEnd(month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .billingPeriodStart(billingStart)
                .billingPeriodEnd(billingEnd)
                .chargeCategory(credit ? ChargeCategory.CREDIT : ChargeCategory.USAGE)
                .chargeDescription(blankToNull(item.description()))
                .billedCost(Optional.ofNullable(item.amount()))
                .billingCurrency(Optional.ofNullable(firstNonBlank(invoice.currencyCode(), currency, null)))
                .invoiceId(Optional.ofNullable(blankToNull(invoice.invoiceId())))
                .serviceName(blankToNull(item.productName()))
                .skuMeter(blankToNull(item.usageType()))
                .regionName(blankToNull(item.region()))
                .providerName(FASTLY)
                .serviceProviderName(FASTLY)
                .hostProviderName(FASTLY)
                .publisherName(FASTLY)
                .invoiceIssuerName(FASTLY)
                .putExtensions(X_INVOICE_FINAL, Boolean.toString(isFinal));
        if (item.units() != null) {
            record.pricingQuantity(item.units()).pricingUnit(Optional.ofNullable(blankToNull(item.usageType())));
        }
        if (item.rate() != null) {
            record.contractedUnitPrice(item.rate());
        }
        if (credit) {
            // FOCUS: a charge unrelated to other charges, such as a Credit, has ContractedCost, EffectiveCost
            // and ListCost equal to its BilledCost.
            record.contractedCost(Optional.ofNullable(item.amount()))
                    .effectiveCost(Optional.ofNullable(item.amount()))
                    .listCost(Optional.ofNullable(item.amount()));
        } else {
            record.chargeFrequency(ChargeFrequency.USAGE_BASED);
            if (item.rate() != null && item.units() != null) {
                record.contractedCost(item.rate().multiply(item.units()));
            }
        }
        putIfPresent(record, X_STATEMENT_NUMBER, invoice.statementNumber());
        putIfPresent(record, X_INVOICE_POSTED_ON, invoice.invoicePostedOn());
        putIfPresent(record, X_PRODUCT_GROUP, item.productGroup());
        putIfPresent(record, X_PRODUCT_LINE, item.productLine());
        putIfPresent(record, X_CREDIT_COUPON_CODE, item.creditCouponCode());
        return record.build();
    }

    /**
     * [inferred] Whether a line is a credit: it names a {@code credit_coupon_code}, or its amount is
     * negative. Fastly documents the coupon field ("discount coupon") but not how a credit line is
     * signed; the amount is kept exactly as written either way, so the lines still add up to the total.
     */
    static boolean isCredit(InvoiceLineItem item) {
        return item.creditCouponCode() != null && !item.creditCouponCode().isBlank()
                || item.amount() != null && item.amount().signum() < 0;
    }

    /**
     * The calendar month an invoice bills: the UTC month of its {@code billing_start_date}.
     *
     * @throws UnreadableResponseException if the start is absent or not an ISO 8601 date(-time)
     */
    public static YearMonth invoicedMonth(Invoice invoice) {
        Instant start = instant(invoice.billingStartDate(), "billing_start_date", invoice);
        return YearMonth.from(start.atZone(ZoneOffset.UTC));
    }

    /**
     * The difference between an invoice's line items and its total, when they do not add up: the sum
     * of every line's {@code amount} against {@code monthly_transaction_amount}, compared exactly
     * ({@code 812.50} equals {@code 812.5}). Empty when they match, or when the total or a line's
     * amount is absent (nothing to compare).
     */
    public static Optional<String> totalMismatch(Invoice invoice) {
        if (invoice.monthlyTransactionAmount() == null || invoice.lineItems() == null) {
            return Optional.empty();
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (InvoiceLineItem item : invoice.lineItems()) {
            if (item == null || item.amount() == null) {
                return Optional.empty();
            }
            sum = sum.add(item.amount());
        }
        BigDecimal total = invoice.monthlyTransactionAmount();
        if (sum.compareTo(total) == 0) {
            return Optional.empty();
        }
        return Optional.of("Fastly invoice " + describe(invoice) + ": its " + invoice.lineItems().size()
                + " line items add up to " + sum.toPlainString() + " but its monthly_transaction_amount is "
                + total.toPlainString() + " (difference " + total.subtract(sum).toPlainString()
                + "); the rows keep each line's amount as Fastly wrote it, so their BilledCost sum differs from"
                + " the invoice total by that much");
    }

    /** The invoice's id and month for messages. */
    static String describe(Invoice invoice) {
        return (invoice.invoiceId() == null ? "(no invoice_id)" : invoice.invoiceId())
                + (invoice.billingStartDate() == null ? "" : " billing from " + invoice.billingStartDate());
    }

    /**
     * The exclusive end of a billing period from Fastly's {@code billing_end_date}: an end at
     * {@link #INCLUSIVE_LAST_SECOND} (or a bare date, the period's last day) becomes the next midnight.
     */
    static Instant exclusiveEnd(String text, Invoice invoice) {
        if (text != null && DATE_ONLY.matcher(text.trim()).matches()) {
            return LocalDate.parse(text.trim()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        Instant end = instant(text, "billing_end_date", invoice);
        ZonedDateTime utc = end.atZone(ZoneOffset.UTC);
        if (utc.toLocalTime().withNano(0).equals(INCLUSIVE_LAST_SECOND)) {
            return utc.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return end;
    }

    private static Instant instant(String text, String field, Invoice invoice) {
        if (text == null || text.isBlank()) {
            throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, "Fastly invoice " + describe(invoice)
                    + " has no " + field + ", so its billing period is unknown", null);
        }
        String value = text.trim();
        try {
            if (DATE_ONLY.matcher(value).matches()) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Timestamps.parse(value);
        } catch (DateTimeParseException e) {
            throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, "Fastly invoice " + describe(invoice)
                    + " has " + field + " '" + value + "', which is not an ISO 8601 date-time", e);
        }
    }

    private static void putIfPresent(ImmutableUsageRecord.Builder record, String column, String value) {
        if (value != null && !value.isBlank()) {
            record.putExtensions(column, value);
        }
    }

    private static String firstNonBlank(String first, String second, String otherwise) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        if (second != null && !second.isBlank()) {
            return second;
        }
        return otherwise;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
