package io.usage4j.provider.fastly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusValidator;
import io.usage4j.core.focus.FocusViolation;
import io.usage4j.provider.fastly.internal.FastlyInvoiceMapper;
import io.usage4j.provider.fastly.internal.Invoice;
import io.usage4j.provider.fastly.internal.InvoiceListResponse;
import io.usage4j.provider.fastly.internal.InvoiceResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Fastly invoice lines become costed FOCUS rows")
class FastlyInvoiceMapperTest {
    private static final String CUSTOMER = "x4xCwxxJxGCx123Rx5xTx";

    private static Invoice listed(String fixture, int index) {
        InvoiceListResponse page = Fixtures.read(Fixtures.text(fixture), InvoiceListResponse.class);
        assertThat(page.failure()).isNull();
        return page.invoices().get(index);
    }

    private static Invoice single(String fixture) {
        InvoiceResponse response = Fixtures.read(Fixtures.text(fixture), InvoiceResponse.class);
        assertThat(response.failure()).isNull();
        return response.invoice();
    }

    private static BigDecimal sumOfBilledCost(List<UsageRecord> records) {
        return records.stream().map(r -> r.billedCost().orElseThrow()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Nested
    @DisplayName("an end-of-month invoice (Fastly's documented example)")
    class EndOfMonth {
        private final Invoice invoice = listed("invoices-page1.json", 0);
        private final List<UsageRecord> records = FastlyInvoiceMapper.lines(invoice, true, null, null);

        @Test
        @DisplayName("maps every field of a regional line item to its FOCUS column, exactly as written")
        void mapsEveryFieldOfARegionalLine() {
            UsageRecord bandwidth = records.get(0);

            assertThat(bandwidth.billedCost().map(BigDecimal::toPlainString)).contains("812.5");
            assertThat(bandwidth.contractedUnitPrice().map(BigDecimal::toPlainString)).contains("0.08");
            assertThat(bandwidth.pricingQuantity().map(BigDecimal::toPlainString)).contains("10156.25");
            assertThat(bandwidth.pricingUnit()).contains("bandwidth");
            // rate x units, exact: FOCUS defines ContractedCost as that product
            assertThat(bandwidth.contractedCost().map(BigDecimal::toPlainString)).contains("812.5000");
            assertThat(bandwidth.listUnitPrice()).isEmpty();
            assertThat(bandwidth.listCost()).isEmpty();
            assertThat(bandwidth.effectiveCost()).isEmpty();
            assertThat(bandwidth.billingCurrency()).contains("USD");
            assertThat(bandwidth.invoiceId()).contains("4183280");
            assertThat(bandwidth.billingAccountId()).isEqualTo(CUSTOMER);
            assertThat(bandwidth.billingPeriodStart()).contains(Instant.parse("2026-02-01T00:00:00Z"));
            // 2026-02-28T23:59:59Z is the period's last second: the exclusive end is the next midnight
            assertThat(bandwidth.billingPeriodEnd()).contains(Instant.parse("2026-03-01T00:00:00Z"));
            assertThat(bandwidth.chargePeriodStart()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
            assertThat(bandwidth.chargePeriodEnd()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
            assertThat(bandwidth.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
            assertThat(bandwidth.chargeFrequency()).contains(ChargeFrequency.USAGE_BASED);
            assertThat(bandwidth.chargeDescription()).contains("North America Bandwidth");
            assertThat(bandwidth.serviceName()).contains("CDN");
            assertThat(bandwidth.skuMeter()).contains("bandwidth");
            assertThat(bandwidth.regionName()).contains("North America");
            assertThat(bandwidth.invoiceIssuerName()).contains("Fastly");
            assertThat(bandwidth.serviceProviderName()).contains("Fastly");
            assertThat(bandwidth.consumedQuantity()).isEmpty();
            assertThat(bandwidth.extensions()).containsExactly(
                    Map.entry("x_InvoiceFinal", "true"),
                    Map.entry("x_StatementNumber", "ST-2026-02-00123"),
                    Map.entry("x_InvoicePostedOn", "2026-03-02T05:00:00Z"),
                    Map.entry("x_ProductGroup", "Full-Site Delivery"),
                    Map.entry("x_ProductLine", "Network Services"));
        }

        @Test
        @DisplayName("leaves RegionName empty for a product without a region")
        void aLineWithoutRegion() {
            UsageRecord compute = records.get(1);

            assertThat(compute.regionName()).isEmpty();
            assertThat(compute.serviceName()).contains("Compute");
            assertThat(compute.billedCost().map(BigDecimal::toPlainString)).contains("710.97");
            assertThat(compute.contractedCost().map(BigDecimal::toPlainString)).contains("710.970");
        }

        @Test
        @DisplayName("has rows whose BilledCost adds up exactly to the invoice total, 1523.47")
        void billedCostAddsUpToTheTotal() {
            assertThat(records).hasSize(2);
            assertThat(sumOfBilledCost(records).toPlainString()).isEqualTo("1523.47");
            assertThat(FastlyInvoiceMapper.totalMismatch(invoice)).isEmpty();
        }

        @Test
        @DisplayName("passes the FOCUS checks that a row can fail (ERROR severity)")
        void noFocusErrors() {
            assertThat(records).allSatisfy(record -> assertThat(FocusValidator.validate(record))
                    .filteredOn(FocusViolation::isError).as("FOCUS errors").isEmpty());
        }

        @Test
        @DisplayName("reads the single-invoice endpoint's unwrapped object the same way")
        void theSingleInvoiceEndpoint() {
            assertThat(FastlyInvoiceMapper.lines(single("invoice-4183280.json"), true, null, null)).isEqualTo(records);
        }
    }

    @Nested
    @DisplayName("credits")
    class Credits {
        private final Invoice invoice = listed("invoices-page2.json", 0);
        private final List<UsageRecord> records = FastlyInvoiceMapper.lines(invoice, true, null, null);

        @Test
        @DisplayName("a coupon line is a negative Credit row whose costs all equal its BilledCost")
        void aCouponLineIsACredit() {
            UsageRecord credit = records.get(2);

            assertThat(credit.chargeCategory()).isEqualTo(ChargeCategory.CREDIT);
            assertThat(credit.chargeFrequency()).isEmpty();
            assertThat(credit.billedCost().map(BigDecimal::toPlainString)).contains("-100.00");
            assertThat(credit.contractedCost()).isEqualTo(credit.billedCost());
            assertThat(credit.effectiveCost()).isEqualTo(credit.billedCost());
            assertThat(credit.listCost()).isEqualTo(credit.billedCost());
            assertThat(credit.pricingQuantity()).isEmpty();
            assertThat(credit.pricingUnit()).isEmpty();
            assertThat(credit.contractedUnitPrice()).isEmpty();
            assertThat(credit.extension("x_CreditCouponCode")).contains("WELCOME100");
            assertThat(credit.invoiceId()).contains("4170112");
            assertThat(FocusValidator.validate(credit)).filteredOn(FocusViolation::isError).isEmpty();
        }

        @Test
        @DisplayName("the lines, credit included, add up exactly to the total 1340.40")
        void linesWithTheCreditAddUp() {
            assertThat(sumOfBilledCost(records).toPlainString()).isEqualTo("1340.40");
            assertThat(FastlyInvoiceMapper.totalMismatch(invoice)).isEmpty();
            assertThat(records).extracting(UsageRecord::chargeCategory)
                    .containsExactly(ChargeCategory.USAGE, ChargeCategory.USAGE, ChargeCategory.CREDIT);
        }
    }

    @Nested
    @DisplayName("the month-to-date invoice")
    class MonthToDate {
        private final Invoice invoice = single("mtd-invoice.json");

        @Test
        @DisplayName("reads its total, which Fastly writes as a string, as the exact decimal")
        void theStringTotalIsExact() {
            assertThat(invoice.monthlyTransactionAmount().toPlainString()).isEqualTo("402.18");
            assertThat(FastlyInvoiceMapper.totalMismatch(invoice)).isEmpty();
        }

        @Test
        @DisplayName("marks its rows not final and leaves BillingCurrency empty: the invoice names none")
        void notFinalAndNoCurrency() {
            List<UsageRecord> records = FastlyInvoiceMapper.lines(invoice, false, null, null);

            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.extension("x_InvoiceFinal")).contains("false");
                assertThat(record.billingCurrency()).isEmpty();
                assertThat(record.extension("x_StatementNumber")).isEmpty();
                assertThat(record.invoiceId()).contains("MTD-2026-08");
                assertThat(record.chargePeriodStart()).isEqualTo(Instant.parse("2026-08-01T00:00:00Z"));
                assertThat(record.billedCost().map(BigDecimal::toPlainString)).contains("402.18");
            });
        }

        @Test
        @DisplayName("takes the configured currency when one is given")
        void theConfiguredCurrency() {
            assertThat(FastlyInvoiceMapper.lines(invoice, false, null, "USD"))
                    .singleElement().satisfies(record -> assertThat(record.billingCurrency()).contains("USD"));
        }

        @Test
        @DisplayName("never lets the configured currency override a currency the invoice names")
        void theInvoicesCurrencyWins() {
            assertThat(FastlyInvoiceMapper.lines(listed("invoices-page1.json", 0), true, null, "EUR"))
                    .allSatisfy(record -> assertThat(record.billingCurrency()).contains("USD"));
        }
    }

    @Nested
    @DisplayName("the line-item sum against the invoice total")
    class TotalCheck {

        @Test
        @DisplayName("reports the exact sum, total and difference when they differ, and changes no amount")
        void aMismatchIsReported() {
            Invoice invoice = single("invoice-mismatch.json");

            Optional<String> mismatch = FastlyInvoiceMapper.totalMismatch(invoice);

            assertThat(mismatch).hasValueSatisfying(message -> assertThat(message)
                    .contains("4190001").contains("add up to 999.99").contains("is 1000.00").contains("difference 0.01"));
            List<UsageRecord> records = FastlyInvoiceMapper.lines(invoice, true, null, null);
            assertThat(sumOfBilledCost(records).toPlainString()).isEqualTo("999.99");
            assertThat(records).extracting(r -> r.billingCurrency().orElseThrow()).containsOnly("EUR");
        }

        @Test
        @DisplayName("compares values, not scales: 1340.4 and 1340.40 match")
        void scaleDoesNotMatter() {
            Invoice invoice = listed("invoices-page2.json", 0);
            Invoice rescaled = new Invoice(invoice.customerId(), invoice.invoiceId(), null, invoice.billingStartDate(),
                    invoice.billingEndDate(), null, "USD", new BigDecimal("1340.4"), invoice.lineItems());

            assertThat(FastlyInvoiceMapper.totalMismatch(rescaled)).isEmpty();
        }
    }

    @Nested
    @DisplayName("billing periods")
    class Periods {

        private Invoice withDates(String start, String end) {
            return new Invoice(CUSTOMER, "1", null, start, end, null, "USD", null, List.of());
        }

        @Test
        @DisplayName("a date-only end is the period's last day")
        void aDateOnlyEnd() {
            Invoice invoice = withDates("2026-01-01", "2026-01-31");
            UsageRecord record = FastlyInvoiceMapper.line(invoice,
                    listed("invoices-page1.json", 0).lineItems().get(0), true, null, null);

            assertThat(record.billingPeriodStart()).contains(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(record.billingPeriodEnd()).contains(Instant.parse("2026-02-01T00:00:00Z"));
            assertThat(FastlyInvoiceMapper.invoicedMonth(invoice)).isEqualTo(YearMonth.of(2026, 1));
        }

        @Test
        @DisplayName("an end at midnight is already exclusive and kept")
        void aMidnightEnd() {
            Invoice invoice = withDates("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
            UsageRecord record = FastlyInvoiceMapper.line(invoice,
                    listed("invoices-page1.json", 0).lineItems().get(0), true, null, null);

            assertThat(record.billingPeriodEnd()).contains(Instant.parse("2026-02-01T00:00:00Z"));
        }

        @Test
        @DisplayName("an invoice without billing_start_date is refused: its month is unknown")
        void noStart() {
            Invoice invoice = withDates(null, "2026-01-31T23:59:59Z");

            assertThatThrownBy(() -> FastlyInvoiceMapper.invoicedMonth(invoice))
                    .isInstanceOf(UnreadableResponseException.class)
                    .hasMessageContaining("billing_start_date");
        }

        @Test
        @DisplayName("a billing_end_date that is not a date is refused with the field named")
        void aBadEnd() {
            Invoice invoice = withDates("2026-01-01T00:00:00Z", "end of January");

            assertThatThrownBy(() -> FastlyInvoiceMapper.line(invoice,
                    listed("invoices-page1.json", 0).lineItems().get(0), true, null, null))
                    .isInstanceOf(UnreadableResponseException.class)
                    .hasMessageContaining("billing_end_date")
                    .hasMessageContaining("end of January");
        }
    }

    @Nested
    @DisplayName("response shapes")
    class Shapes {

        @Test
        @DisplayName("an invoice_id written as a JSON number is read as its text")
        void aNumericInvoiceId() {
            Invoice invoice = Fixtures.read("{\"invoice_id\": 4183280, \"billing_start_date\": \"2026-02-01T00:00:00Z\"}",
                    Invoice.class);

            assertThat(invoice.invoiceId()).isEqualTo("4183280");
        }

        @Test
        @DisplayName("a 200 body holding Fastly's error model is a failure, not an empty invoice or page")
        void anErrorBodyIsAFailure() {
            assertThat(Fixtures.read(Fixtures.text("error-401.json"), InvoiceResponse.class).failure())
                    .isNotNull().satisfies(failure -> assertThat(failure.message()).isEqualTo("Unauthorized"));
            assertThat(Fixtures.read(Fixtures.text("error-401.json"), InvoiceListResponse.class).reportedError()).isPresent();
        }

        @Test
        @DisplayName("a page whose next_cursor is null, empty or absent is the last")
        void lastPage() {
            assertThat(Fixtures.read(Fixtures.text("invoices-page1.json"), InvoiceListResponse.class).nextCursor())
                    .contains("eyJvZmZzZXQiOjF9");
            assertThat(Fixtures.read(Fixtures.text("invoices-page2.json"), InvoiceListResponse.class).nextCursor()).isEmpty();
            assertThat(Fixtures.read(Fixtures.text("invoices-without-lines.json"), InvoiceListResponse.class).nextCursor())
                    .isEmpty();
            assertThat(Fixtures.read("{\"data\": []}", InvoiceListResponse.class).nextCursor()).isEmpty();
        }
    }
}
