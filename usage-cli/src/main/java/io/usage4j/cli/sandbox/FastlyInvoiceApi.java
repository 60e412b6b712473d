package io.usage4j.cli.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fastly's Invoices API (billing v3), priced from the same generated usage {@link FastlyApi} serves.
 *
 * <ul>
 *   <li>{@code GET /billing/v3/invoices?billing_start_date&billing_end_date&limit&cursor}: the end-of-month
 *       invoices of every complete month since {@link FastlyApi#FIRST_MONTH}, newest first, as
 *       {@code {"data": [Invoice...], "meta": {next_cursor, limit, sort, total}}}; {@code limit} defaults
 *       to 100, at most 200; the last page has no {@code next_cursor}.
 *   <li>{@code GET /billing/v3/invoices/{invoice_id}}: one of them, unwrapped; 404 for another id.
 *   <li>{@code GET /billing/v3/invoices/month-to-date}: the current month so far, with Fastly's documented
 *       differences: the total is a JSON string, and there is no {@code currency_code}, no
 *       {@code statement_number} and no {@code credit_coupon_code}.
 * </ul>
 *
 * <p>Each usage type is one line: its month's quantity in pricing units times a rate, rounded to cents;
 * every January carries a promotional credit line. The lines add up exactly to the invoice total.
 */
final class FastlyInvoiceApi {
    static final String LIST = "/billing/v3/invoices";
    static final String MONTH_TO_DATE = "/billing/v3/invoices/month-to-date";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 200;
    static final int FIRST_INVOICE_ID = 4_100_000;
    static final BigDecimal JANUARY_CREDIT = new BigDecimal("-50.00");

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** How a usage type is priced: its pricing unit in the usage unit, the rate per pricing unit, the product. */
    record Price(String usageType, int unitsPointLeft, BigDecimal rate, String productName, String productGroup) {}

    static final Map<String, Price> PRICES = Map.of(
            "North America Bandwidth", new Price("bandwidth", 0, new BigDecimal("0.08"), "CDN", "Full-Site Delivery"),
            "Europe Bandwidth", new Price("bandwidth", 0, new BigDecimal("0.08"), "CDN", "Full-Site Delivery"),
            "Asia Pacific Bandwidth", new Price("bandwidth", 0, new BigDecimal("0.12"), "CDN", "Full-Site Delivery"),
            "North America Requests", new Price("requests", 4, new BigDecimal("0.0075"), "CDN", "Full-Site Delivery"),
            "Europe Requests", new Price("requests", 4, new BigDecimal("0.0090"), "CDN", "Full-Site Delivery"),
            "Compute Requests", new Price("requests", 6, new BigDecimal("0.50"), "Compute", "Compute"),
            "Compute Duration", new Price("compute duration", 6, new BigDecimal("0.05"), "Compute", "Compute"),
            "Image Optimizer Requests", new Price("requests", 3, new BigDecimal("0.0025"), "Image Optimizer", "Image Optimizer"));

    private final FastlyApi usage;
    private final Clock clock;

    FastlyInvoiceApi(FastlyApi usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    Response handle(Request request) {
        String path = request.path();
        if (path.equals(LIST)) {
            return list(request);
        }
        if (path.equals(MONTH_TO_DATE)) {
            ObjectNode invoice = invoice(thisMonth(), false);
            return Response.json(200, Json.write(invoice));
        }
        String id = path.substring(LIST.length() + 1);
        for (YearMonth month = FastlyApi.FIRST_MONTH; month.isBefore(thisMonth()); month = month.plusMonths(1)) {
            if (Integer.toString(invoiceId(month)).equals(id)) {
                return Response.json(200, Json.write(invoice(month, true)));
            }
        }
        return FastlyApi.error(404, "Not Found", "Invoice not found");
    }

    private YearMonth thisMonth() {
        return YearMonth.from(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    private static int invoiceId(YearMonth month) {
        return FIRST_INVOICE_ID + (int) ChronoUnit.MONTHS.between(FastlyApi.FIRST_MONTH, month);
    }

    private Response list(Request request) {
        Optional<LocalDate> start;
        Optional<LocalDate> end;
        try {
            start = request.param("billing_start_date").map(FastlyInvoiceApi::date);
            end = request.param("billing_end_date").map(FastlyInvoiceApi::date);
        } catch (IllegalArgumentException e) {
            return FastlyApi.error(400, "Bad Request", "billing_start_date and billing_end_date must be dates of the form YYYY-MM-DD");
        }
        int limit = DEFAULT_LIMIT;
        if (request.param("limit").isPresent()) {
            try {
                limit = Integer.parseInt(request.param("limit").get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                return FastlyApi.error(400, "Bad Request", "limit must be a number from 1 to " + MAX_LIMIT);
            }
        }
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = thisMonth().minusMonths(1); !month.isBefore(FastlyApi.FIRST_MONTH); month = month.minusMonths(1)) {
            LocalDate first = month.atDay(1);
            if (start.filter(first::isBefore).isEmpty() && end.filter(first::isAfter).isEmpty()) {
                months.add(month);
            }
        }
        String fingerprint = Integer.toHexString(String.join("|", "invoices", start.map(LocalDate::toString).orElse(""),
                end.map(LocalDate::toString).orElse("")).hashCode());
        int offset = 0;
        if (request.param("cursor").isPresent()) {
            offset = FastlyApi.decodeCursor(request.param("cursor").get(), fingerprint);
            if (offset < 0 || offset > months.size()) {
                return FastlyApi.error(400, "Bad Request", "cursor is not valid for this query");
            }
        }
        ArrayNode data = Json.array();
        int next = Math.min(months.size(), offset + limit);
        for (int i = offset; i < next; i++) {
            data.add(invoice(months.get(i), true));
        }
        ObjectNode body = Json.object();
        body.set("data", data);
        ObjectNode meta = body.putObject("meta");
        if (next < months.size()) {
            meta.put("next_cursor", FastlyApi.encodeCursor(next, fingerprint));
        }
        meta.put("limit", limit);
        meta.put("sort", "billing_start_date");
        meta.put("total", months.size());
        return Response.json(200, Json.write(body));
    }

    private static LocalDate date(String text) {
        if (!DATE.matcher(text).matches()) {
            throw new IllegalArgumentException(text);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The invoice of {@code month}: end-of-month ({@code isFinal}) or the month-to-date estimate. */
    ObjectNode invoice(YearMonth month, boolean isFinal) {
        ObjectNode invoice = Json.object();
        invoice.put("customer_id", FastlyApi.CUSTOMER_ID);
        invoice.put("invoice_id", isFinal ? Integer.toString(invoiceId(month)) : "MTD-" + month);
        if (isFinal) {
            invoice.put("invoice_posted_on", month.plusMonths(1).atDay(2) + "T05:00:00Z");
        }
        invoice.put("billing_start_date", month.atDay(1) + "T00:00:00Z");
        invoice.put("billing_end_date", month.atEndOfMonth() + "T23:59:59Z");
        if (isFinal) {
            invoice.put("statement_number", String.format(Locale.ROOT, "ST-%s-%05d", month, invoiceId(month) % 100_000));
            invoice.put("currency_code", "USD");
        }
        ArrayNode lines = Json.array();
        BigDecimal total = BigDecimal.ZERO;
        for (FastlyApi.UsageType type : FastlyApi.USAGE_TYPES) {
            Price price = PRICES.get(type.usageType());
            BigDecimal units = usage.monthly(month, type).movePointLeft(price.unitsPointLeft());
            BigDecimal amount = units.multiply(price.rate()).setScale(2, RoundingMode.HALF_UP);
            total = total.add(amount);
            ObjectNode line = lines.addObject();
            line.put("description", type.name());
            line.put("amount", amount);
            if (isFinal) {
                line.putNull("credit_coupon_code");
            }
            line.put("rate", price.rate());
            line.put("units", units);
            line.put("product_name", price.productName());
            line.put("product_group", price.productGroup());
            line.put("product_line", "Network Services");
            if (type.region() == null) {
                line.putNull("region");
            } else {
                line.put("region", type.region());
            }
            line.put("usage_type", price.usageType());
        }
        if (isFinal && month.getMonthValue() == 1) {
            total = total.add(JANUARY_CREDIT);
            ObjectNode credit = lines.addObject();
            credit.put("description", "New year promotional credit");
            credit.put("amount", JANUARY_CREDIT);
            credit.put("credit_coupon_code", "NEWYEAR50");
            credit.putNull("rate");
            credit.putNull("units");
            credit.put("product_name", "CDN");
            credit.put("product_group", "Full-Site Delivery");
            credit.put("product_line", "Network Services");
            credit.putNull("region");
            credit.putNull("usage_type");
        }
        if (isFinal) {
            invoice.put("monthly_transaction_amount", total);
        } else {
            invoice.put("monthly_transaction_amount", total.toPlainString());
        }
        invoice.set("transaction_line_items", lines);
        return invoice;
    }
}
