package io.usage4j.provider.fastly.internal;

import io.usage4j.core.Granularity;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.WindowUnit;
import java.util.Locale;
import java.util.Optional;

/** The two Fastly billing usage datasets, each with how the planner cuts a query for it. */
public enum FastlyDataset {
    /**
     * {@code GET /billing/v3/usage-metrics}: one record per month, product and usage type. Fastly
     * documents that one request covers at most three months, so windows are up to three calendar months.
     */
    MONTHLY("monthly", 3, "monthly usage quantities per product and usage type (no prices); needs a token of a billing"
            + " user or superuser; records are whole calendar months, never prorated"),
    /**
     * {@code GET /billing/v3/service-usage-metrics}: usage per service. One calendar month per request
     * (and per cursor sequence), because the response states one {@code start_time..end_time} for all
     * its rows: with a one-month request every row belongs to exactly that month.
     */
    SERVICES("services", 1, "usage quantities per Fastly service (no prices), one calendar month per request; without"
            + " product_id/usage_type_name every product and usage type the monthly endpoint reports is read; needs a"
            + " token of a billing user or superuser; records are whole calendar months, never prorated");

    private final String id;
    private final SourceCapabilities capabilities;

    FastlyDataset(String id, int monthsPerRequest, String note) {
        this.id = id;
        this.capabilities = SourceCapabilities.builder()
                .granularity(Granularity.MONTH)
                .windowUnit(WindowUnit.CALENDAR_MONTHS)
                .windowSize(monthsPerRequest)
                // the month's invoice is issued in the first days of the next month; until then it is month-to-date
                .finalityLag(java.time.Period.ofDays(10))
                .extensionColumns(FastlyMapper.EXTENSION_COLUMNS)
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
