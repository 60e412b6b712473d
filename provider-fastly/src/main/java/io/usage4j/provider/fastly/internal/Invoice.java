package io.usage4j.provider.fastly.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * A Fastly invoice: an end-of-month {@code Invoice} / {@code EomInvoiceResponse}, or the
 * {@code MtdInvoiceResponse} of the month to date. Every field is optional in Fastly's models.
 * Relied on: fastly-rust {@code docs/Invoice.md}, {@code docs/EomInvoiceResponse.md},
 * {@code docs/MtdInvoiceResponse.md}; fastly-go {@code fastly/model_mtd_invoice_response.go}.
 *
 * <p>The month-to-date invoice differs in three documented ways, all read here: its
 * {@code monthly_transaction_amount} is a JSON <em>string</em> (read exactly, as the decimal it spells),
 * and it has no {@code currency_code} and no {@code statement_number}.
 *
 * @param customerId the Fastly customer id
 * @param invoiceId "Numeric string identifying the invoice" (a string in the body; Jackson also takes a number)
 * @param invoicePostedOn when the invoice was posted (ISO 8601 date-time), end-of-month only
 * @param billingStartDate the start of the billed period (ISO 8601 date-time)
 * @param billingEndDate the end of the billed period (ISO 8601 date-time, written as the period's last second)
 * @param statementNumber the statement number, end-of-month only
 * @param currencyCode the ISO 4217 currency of every amount, end-of-month only
 * @param monthlyTransactionAmount the invoice total: a number on end-of-month invoices, a string on month-to-date
 * @param lineItems {@code transaction_line_items}; {@code null} when the field is absent
 */
public record Invoice(
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("invoice_id") String invoiceId,
        @JsonProperty("invoice_posted_on") String invoicePostedOn,
        @JsonProperty("billing_start_date") String billingStartDate,
        @JsonProperty("billing_end_date") String billingEndDate,
        @JsonProperty("statement_number") String statementNumber,
        @JsonProperty("currency_code") String currencyCode,
        @JsonProperty("monthly_transaction_amount") BigDecimal monthlyTransactionAmount,
        @JsonProperty("transaction_line_items") List<InvoiceLineItem> lineItems) {

    /** Whether this object carries nothing an invoice has (e.g. it is an error body). */
    boolean isEmpty() {
        return invoiceId == null && billingStartDate == null && billingEndDate == null && lineItems == null
                && monthlyTransactionAmount == null && customerId == null;
    }
}
