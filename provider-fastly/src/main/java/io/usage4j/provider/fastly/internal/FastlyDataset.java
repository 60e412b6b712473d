package io.usage4j.provider.fastly.internal;

import io.usage4j.core.Granularity;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageView;
import io.usage4j.core.WindowUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Fastly billing datasets, each with how the planner cuts a query for it. */
public enum FastlyDataset {
    /**
     * {@code GET /billing/v3/usage-metrics}: one record per month, product and usage type. Fastly
     * documents that one request covers at most three months, so windows are up to three calendar months.
     */
    MONTHLY("monthly", 3, FastlyMapper.EXTENSION_COLUMNS, "monthly usage quantities per product and usage type (no prices); needs a token of a billing"
            + " user or superuser; records are whole calendar months, never prorated"),
    /**
     * {@code GET /billing/v3/service-usage-metrics}: usage per service. One calendar month per request
     * (and per cursor sequence), because the response states one {@code start_time..end_time} for all
     * its rows: with a one-month request every row belongs to exactly that month.
     */
    SERVICES("services", 1, FastlyMapper.EXTENSION_COLUMNS, "usage quantities per Fastly service (no prices), one calendar month per request; without"
            + " product_id/usage_type_name every product and usage type the monthly endpoint reports is read; needs a"
            + " token of a billing user or superuser; records are whole calendar months, never prorated"),
    /**
     * {@code GET /billing/v3/invoices} (cursor-paged) and {@code GET /billing/v3/invoices/month-to-date}:
     * one costed record per invoice line item. One list request sequence covers up to twelve calendar
     * months; the month-to-date invoice fills the query's last month when no final invoice covers it.
     */
    INVOICES("invoices", 12, FastlyInvoiceMapper.EXTENSION_COLUMNS, "costed invoice line items (BilledCost,"
            + " BillingCurrency, InvoiceId) of end-of-month invoices, and of the month-to-date invoice for the current"
            + " month (x_InvoiceFinal=false: replace those rows once the final invoice exists); needs a token with"
            + " billing permissions; describes the same account and months as the usage datasets, with money");

    private final String id;
    private final SourceCapabilities capabilities;

    FastlyDataset(String id, int monthsPerRequest, List<String> extensionColumns, String note) {
        this.id = id;
        this.capabilities = SourceCapabilities.builder()
                .granularity(Granularity.MONTH)
                .windowUnit(WindowUnit.CALENDAR_MONTHS)
                .windowSize(monthsPerRequest)
                .extensionColumns(extensionColumns)
                .note(note)
                .build();
    }

    /** The option value naming this dataset. */
    public String id() {
        return id;
    }

    /** How the planner cuts a query for this dataset; no filter is pushed down to Fastly's API. */
    public SourceCapabilities capabilities() {
        return capabilities;
    }

    /**
     * How the planner cuts a query for this dataset, with the usage view of {@code customerId}'s usage
     * ({@code null}: the token's customer): the monthly and the service-level datasets describe the same
     * usage ({@code usage}, variant {@link #id()}), so their records must not be summed together.
     */
    public SourceCapabilities capabilities(String customerId) {
        return SourceCapabilities.builder().from(capabilities)
                .view(UsageView.of(FastlyMapper.PROVIDER_ID, customerId, "usage", id))
                .build();
    }

    /** The dataset an option value names, if any. */
    public static Optional<FastlyDataset> named(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (FastlyDataset dataset : values()) {
            if (dataset.id.equals(wanted)) {
                return Optional.of(dataset);
            }
        }
        return Optional.empty();
    }
}
