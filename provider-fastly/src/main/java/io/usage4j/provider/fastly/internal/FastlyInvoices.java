package io.usage4j.provider.fastly.internal;

import io.usage4j.core.RequestException;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.kit.HttpKit;
import io.usage4j.spi.kit.Page;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the invoices dataset: for each window of up to twelve months, the end-of-month invoices
 * ({@code GET /billing/v3/invoices}, cursor-paged, lazily) whose invoiced month lies in the window, each
 * with its line items (read from the list, or from {@code GET /billing/v3/invoices/{invoice_id}} when the
 * list leaves them out); then, for the query's last window only, the month-to-date invoice when no
 * end-of-month invoice covered the window's last month.
 *
 * <p>Each invoice's line items are checked against its total; a mismatch is logged as a WARN and the
 * rows keep the amounts Fastly wrote.
 */
final class FastlyInvoices {
    /** {@code limit} of the invoice list: Fastly's documented maximum (default 100, max 200). */
    static final String LIST_PAGE_SIZE = "200";

    private static final Logger LOG = LoggerFactory.getLogger(FastlyInvoices.class);

    private final HttpKit kit;
    private final FastlyClient client;
    private final String customerId;
    private final String currency;
    private final Function<String, RequestException> reported;

    FastlyInvoices(HttpKit kit, FastlyClient client, String customerId, String currency,
            Function<String, RequestException> reported) {
        this.kit = Objects.requireNonNull(kit, "kit is null");
        this.client = Objects.requireNonNull(client, "client is null");
        this.customerId = customerId;
        this.currency = currency;
        this.reported = reported;
    }

    /**
     * The records of one window, lazily: the pages of the invoice list, then (when {@code last}) the
     * month-to-date invoice if the window's last month had no end-of-month invoice.
     */
    Iterator<UsageRecord> window(Window window, boolean last) {
        YearMonth first = window.firstMonth();
        YearMonth end = window.lastMonth();
        Set<YearMonth> invoiced = ConcurrentHashMap.newKeySet();
        String what = "invoices billed " + first + ".." + end;
        Iterator<UsageRecord> finals = kit.pages(what, cursor -> {
            kit.ensureOpen();
            InvoiceListResponse body = client.invoices(first.atDay(1).toString(), end.atEndOfMonth().toString(),
                    LIST_PAGE_SIZE, cursor);
            if (body.failure() != null) {
                throw reported.apply(what + " failed: Fastly answered HTTP 200 with an error body" + said(body.failure()));
            }
            if (body.invoices() == null) {
                throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, what
                        + ": the response holds no data[] of invoices", null);
            }
            List<UsageRecord> records = new ArrayList<>();
            for (Invoice listed : body.invoices()) {
                if (listed == null) {
                    continue;
                }
                YearMonth month = FastlyInvoiceMapper.invoicedMonth(listed);
                // the server's date filter may be inclusive at both ends: an invoice is read by one window only
                if (month.isBefore(first) || month.isAfter(end)) {
                    continue;
                }
                invoiced.add(month);
                Invoice invoice = listed.lineItems() != null ? listed : byId(listed);
                records.addAll(costed(invoice, true));
            }
            return new Page<>(records, body.nextCursor());
        }).iterator();
        if (!last) {
            return finals;
        }
        List<Supplier<Iterator<UsageRecord>>> steps = List.of(() -> finals,
                () -> invoiced.contains(end) ? Collections.emptyIterator() : monthToDate(first, end, invoiced));
        return LazyStreams.chain(steps.iterator(), Supplier::get);
    }

    /** The end-of-month invoice {@code listed} names, read on its own for its line items. */
    private Invoice byId(Invoice listed) {
        if (listed.invoiceId() == null || listed.invoiceId().isBlank()) {
            throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, "Fastly listed invoice "
                    + FastlyInvoiceMapper.describe(listed) + " without line items and without an invoice_id to read"
                    + " them by", null);
        }
        String what = "invoice " + listed.invoiceId();
        InvoiceResponse body = kit.call(what, () -> client.invoice(listed.invoiceId()));
        if (body.failure() != null) {
            throw reported.apply(what + " failed: Fastly answered HTTP 200 with an error body" + said(body.failure()));
        }
        if (body.invoice() == null || body.invoice().lineItems() == null) {
            throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, what
                    + ": the response holds no transaction_line_items", null);
        }
        return body.invoice();
    }

    /**
     * The month-to-date invoice's rows, when its month is inside the window and no end-of-month invoice
     * for that month was listed. Fastly answers 404 or 422 when an account has no month-to-date
     * estimate (422: "not available for this account" is inferred); that is logged and yields no rows.
     */
    private Iterator<UsageRecord> monthToDate(YearMonth first, YearMonth end, Set<YearMonth> invoiced) {
        kit.ensureOpen();
        String what = "the month-to-date invoice";
        InvoiceResponse body;
        try {
            body = kit.call(what, client::monthToDateInvoice);
        } catch (RequestException e) {
            int status = e.httpStatus().orElse(-1);
            if (status == 404 || status == 422) {
                LOG.warn("Fastly has no month-to-date invoice for this account (HTTP {}): the rows of {} are missing"
                        + " until its end-of-month invoice is issued", status, end);
                return Collections.emptyIterator();
            }
            throw e;
        }
        if (body.failure() != null) {
            throw reported.apply(what + " failed: Fastly answered HTTP 200 with an error body" + said(body.failure()));
        }
        if (body.invoice() == null) {
            throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, what
                    + ": the response holds none of an invoice's fields", null);
        }
        Invoice invoice = body.invoice();
        YearMonth month = FastlyInvoiceMapper.invoicedMonth(invoice);
        if (month.isBefore(first) || month.isAfter(end) || invoiced.contains(month)) {
            return Collections.emptyIterator();
        }
        YearMonth previous = month.minusMonths(1);
        if (!previous.isBefore(first) && !invoiced.contains(previous)) {
            LOG.warn("Fastly has no end-of-month invoice for {} yet while the month-to-date invoice is already {}: the"
                    + " rows of {} are missing until its invoice is issued", previous, month, previous);
        }
        return costed(invoice, false).iterator();
    }

    private List<UsageRecord> costed(Invoice invoice, boolean isFinal) {
        FastlyInvoiceMapper.totalMismatch(invoice).ifPresent(mismatch -> LOG.warn("{}", kit.redact(mismatch)));
        return FastlyInvoiceMapper.lines(invoice, isFinal, customerId, currency);
    }

    private static String said(ErrorBody failure) {
        String message = failure.message();
        return (message == null ? "" : ": " + message) + (failure.code() == null ? "" : " [code " + failure.code() + "]");
    }
}
