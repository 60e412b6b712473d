package io.usage4j.provider.cloudflare.internal;

import io.usage4j.core.ApplicabilityCriterion;
import io.usage4j.core.Granularity;
import io.usage4j.core.ImmutableSourceCapabilities;
import io.usage4j.core.QueryFilter;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageView;
import io.usage4j.core.WindowUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The Cloudflare datasets a source reads; the account datasets are chosen with the URL option {@code dataset}. */
public enum Dataset {
    /**
     * {@code POST /accounts/{id}/billable/usage} with {@code "Metric": "cost"}: rated costs, one record per
     * billable metric per day (per group when grouped). The default.
     */
    COST("cost", daily()
            .pushedDownFilters(Set.of(QueryFilter.METRIC))
            .extensionColumns(CloudflareMapper.BILLABLE_EXTENSIONS)
            .addApplicabilityCriteria(accountUsageV2())
            .note("Cloudflare account usage v2 with rated costs (alpha, restricted: accounts without access get 403"
                    + " or 404); group_by, tag_filter and product_family_ids shape the query")
            .build()),
    /**
     * {@code GET /accounts/{id}/billable/usage}: account usage v2, documented as usage-only (no cost or
     * pricing fields), one record per billable metric per day.
     */
    USAGE("usage", daily()
            .pushedDownFilters(Set.of(QueryFilter.METRIC))
            .extensionColumns(CloudflareMapper.BILLABLE_EXTENSIONS)
            .addApplicabilityCriteria(accountUsageV2())
            .note("Cloudflare account usage v2, usage only: no cost or pricing fields (alpha, restricted:"
                    + " accounts without access get 403 or 404)")
            .build()),
    /**
     * {@code GET /organizations/{id}/billable/usage}: usage-only records of every account of an
     * organization. Chosen by the URL form {@code organizations/<id>}, not by {@code dataset}.
     */
    ORGANIZATION("organization", daily()
            .extensionColumns(CloudflareMapper.BILLABLE_EXTENSIONS)
            .addApplicabilityCriteria(accountUsageV2())
            .note("Cloudflare organization usage v2, usage only, every account of the organization (alpha,"
                    + " restricted); an unknown or empty organization answers no records, not an error")
            .build()),
    /** {@code GET /accounts/{id}/billing/usage/paygo} (or the path in {@code paygo_path}): PayGo usage. */
    PAYGO("paygo", daily()
            .extensionColumns(CloudflareMapper.PAYGO_EXTENSIONS)
            // PayGo reports metered usage per subscription of the named account
            .addApplicabilityCriteria(ApplicabilityCriterion.USAGE_MEASUREMENT_SUPPORTED,
                    ApplicabilityCriterion.ACCOUNT_NAMING_SUPPORTED, ApplicabilityCriterion.SUB_ACCOUNT_SUPPORTED)
            .note("Cloudflare PayGo usage (beta, restricted to select self-serve accounts)")
            .build());

    private final String option;
    private final SourceCapabilities capabilities;

    Dataset(String option, SourceCapabilities capabilities) {
        this.option = option;
        this.capabilities = capabilities;
    }

    /**
     * What every Cloudflare dataset shares: daily records, windows of at most 31 days, and figures that
     * are revised for a few days (the month is invoiced at the start of the next).
     */
    private static ImmutableSourceCapabilities.Builder daily() {
        return SourceCapabilities.builder()
                .granularity(Granularity.DAY)
                .windowUnit(WindowUnit.DAYS)
                .windowSize(31)
                .finalityLag(java.time.Period.ofDays(5));
    }

    /** What account usage v2 reports, in the FOCUS model's terms: metered usage, account names, sub-accounts, tags and regions. */
    private static ApplicabilityCriterion[] accountUsageV2() {
        return new ApplicabilityCriterion[] {ApplicabilityCriterion.USAGE_MEASUREMENT_SUPPORTED,
                ApplicabilityCriterion.ACCOUNT_NAMING_SUPPORTED, ApplicabilityCriterion.SUB_ACCOUNT_SUPPORTED,
                ApplicabilityCriterion.TAGGING_SUPPORTED, ApplicabilityCriterion.REGION_SUPPORTED};
    }

    /** The value of the {@code dataset} option that selects this dataset. */
    public String option() {
        return option;
    }

    /** What a source of this dataset can serve. */
    public SourceCapabilities capabilities() {
        return capabilities;
    }

    /**
     * What a source of this dataset of {@code accountId} can serve, with its usage view: billable and PayGo
     * usage of one account describe the same usage ({@code usage}, variant {@link #option()}), so their
     * records must not be summed together.
     */
    public SourceCapabilities capabilities(String accountId) {
        return SourceCapabilities.builder().from(capabilities)
                .view(UsageView.of(CloudflareMapper.PROVIDER_ID, accountId, "usage", option))
                .build();
    }

    /** The dataset {@code text} names, case-insensitively. */
    public static Optional<Dataset> parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d != ORGANIZATION && d.option.equals(value)).findFirst();
    }

    /** The values the {@code dataset} option accepts, for messages. */
    public static String choices() {
        return Arrays.stream(values()).filter(d -> d != ORGANIZATION).map(Dataset::option)
                .collect(Collectors.joining(", "));
    }
}
