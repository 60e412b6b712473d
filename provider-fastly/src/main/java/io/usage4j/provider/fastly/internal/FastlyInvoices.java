package io.usage4j.provider.fastly.internal;

import io.usage4j.core.RequestException;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.kit.FetchContext;
import io.usage4j.spi.kit.WindowReader;
import io.usage4j.spi.kit.WindowRequest;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dataset=invoices} through the kit's pipeline: for each window of up to twelve months, the
 * end-of-month invoices ({@code GET /billing/v3/invoices}, cursor-paged, each page read when reached)
 * whose invoiced month lies in the window, one element per line item; and, for a window holding the
 * current month (by the source's clock), the month-to-date invoice's lines after them, marked not final
 * and dropped should an end-of-month invoice for that month have been listed.
 *
 * <p>Each invoice's line items are checked against its total; a mismatch is logged as a WARN and the
 * rows keep the amounts Fastly wrote. The month-to-date invoice is read before the window's records
 * (it may not exist: Fastly answers 404 or 422 for an account without an estimate, logged as a WARN).
 */
final class FastlyInvoices implements WindowReader<FastlyInvoices.Line> {
    /** {@code limit} of the invoice list: Fastly's documented maximum (default 100, max 200). */
    static final String LIST_PAGE_SIZE = "200";

    private static final Logger LOG = LoggerFactory.getLogger(FastlyInvoices.class);

    private final FastlyClient client;
    private final String customerId;
    private final String currency;

    /** One line item of one invoice: the element the pipeline maps. */
    record Line(Invoice invoice, InvoiceLineItem item, boolean isFinal) {}

    FastlyInvoices(FastlyClient client, String customerId, String currency) {
        this.client = Objects.requireNonNull(client, "client is null");
        this.customerId = customerId;
        this.currency = currency;
    }

    @Override
    public SourceCapabilities capabilities() {
        return FastlyDataset.INVOICES.capabilities();
    }

    @Override
    public UsageRecord map(Line line) {
        return FastlyInvoiceMapper.line(line.invoice(), line.item(), line.isFinal(), customerId, currency);
    }

    @Override
    public List<WindowRequest<Line>> requests(Window window, FetchContext context) {
        YearMonth first = window.firstMonth();
        YearMonth end = window.lastMonth();
        Set<YearMonth> invoiced = ConcurrentHashMap.newKeySet();
        List<WindowRequest<Line>> requests = new ArrayList<>();
        YearMonth current = YearMonth.from(LocalDate.now(context.options().runtime().clock().withZone(ZoneOffset.UTC)));
        List<Line> monthToDate = current.isBefore(first) || current.isAfter(end) ? List.of() : monthToDate(context);
        requests.add(list(first, end, invoiced));
        if (!monthToDate.isEmpty()) {
            YearMonth month = FastlyInvoiceMapper.invoicedMonth(monthToDate.get(0).invoice());
            if (!month.isBefore(first) && !month.isAfter(end)) {
                requests.add(WindowRequest.decoded("the month-to-date invoice", monthToDate)
                        .keepIf(new NotInvoiced(month, first, invoiced)));
            }
        }
        return requests;
    }

    /** The end-of-month invoices billed {@code first..end}, page by page, one element per line item. */
    private WindowRequest<Line> list(YearMonth first, YearMonth end, Set<YearMonth> invoiced) {
        String what = "invoices billed " + first + ".." + end;
        return WindowRequest.send(what, cursor -> client.invoices(first.atDay(1).toString(),
                        end.atEndOfMonth().toString(), LIST_PAGE_SIZE, cursor))
                .document(InvoiceListResponse.class, page -> {
                    if (page.invoices() == null) {
                        throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, what
                                + ": the response holds no data[] of invoices", null);
                    }
                    List<Line> lines = new ArrayList<>();
                    for (Invoice invoice : page.invoices()) {
                        if (invoice == null) {
                            continue;
                        }
                        YearMonth month = FastlyInvoiceMapper.invoicedMonth(invoice);
                        // the server's date filter may be inclusive at both ends: an invoice is read by one window only
                        if (month.isBefore(first) || month.isAfter(end)) {
                            continue;
                        }
                        if (invoice.lineItems() == null) {
                            throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, what
                                    + ": invoice " + FastlyInvoiceMapper.describe(invoice) + " is listed without"
                                    + " transaction_line_items, which Fastly's Invoice model carries", null);
                        }
                        invoiced.add(month);
                        lines.addAll(lines(invoice, true));
                    }
                    return lines;
                });
    }

    /**
     * The month-to-date invoice's lines, read before the window's records; none when Fastly has no
     * estimate for the account (HTTP 404 or 422, the latter's meaning inferred), which is logged.
     */
    private List<Line> monthToDate(FetchContext context) {
        String what = "the month-to-date invoice";
        WindowRequest<Invoice> request = WindowRequest.send(what, cursor -> client.monthToDateInvoice())
                .document(InvoiceResponse.class, body -> {
                    if (body.invoice() == null) {
                        throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, what
                                + ": the response holds none of an invoice's fields", null);
                    }
                    return List.of(body.invoice());
                });
        try (Stream<Invoice> invoices = context.elements(request)) {
            List<Line> lines = new ArrayList<>();
            invoices.forEach(invoice -> lines.addAll(lines(invoice, false)));
            return lines;
        } catch (RequestException e) {
            int status = e.httpStatus().orElse(-1);
            if (status == 404 || status == 422) {
                LOG.warn("Fastly has no month-to-date invoice for this account (HTTP {}): the current month's rows are"
                        + " missing until its end-of-month invoice is issued", status);
                return List.of();
            }
            throw e;
        }
    }

    private static List<Line> lines(Invoice invoice, boolean isFinal) {
        FastlyInvoiceMapper.totalMismatch(invoice).ifPresent(LOG::warn);
        List<Line> lines = new ArrayList<>();
        for (InvoiceLineItem item : invoice.lineItems() == null ? List.<InvoiceLineItem>of() : invoice.lineItems()) {
            if (item != null) {
                lines.add(new Line(invoice, item, isFinal));
            }
        }
        return lines;
    }

    /**
     * Keeps the month-to-date rows unless an end-of-month invoice for their month was listed (then the
     * final rows stand alone); warns once when the month before has no end-of-month invoice yet.
     * Evaluated when the rows come out, after the window's list pages were read.
     */
    private static final class NotInvoiced implements Predicate<UsageRecord> {
        private final YearMonth month;
        private final YearMonth first;
        private final Set<YearMonth> invoiced;
        private final AtomicBoolean checked = new AtomicBoolean();

        NotInvoiced(YearMonth month, YearMonth first, Set<YearMonth> invoiced) {
            this.month = month;
            this.first = first;
            this.invoiced = invoiced;
        }

        @Override
        public boolean test(UsageRecord record) {
            YearMonth previous = month.minusMonths(1);
            if (checked.compareAndSet(false, true) && !previous.isBefore(first) && !invoiced.contains(previous)
                    && !invoiced.contains(month)) {
                LOG.warn("Fastly has no end-of-month invoice for {} yet while the month-to-date invoice is already {}:"
                        + " the rows of {} are missing until its invoice is issued", previous, month, previous);
            }
            return !invoiced.contains(month);
        }
    }
}
