package io.usage4j.provider.cloudflare.internal;

import io.usage4j.core.Granularity;
import io.usage4j.core.QueryFilter;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageView;
import io.usage4j.core.WindowUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The two Cloudflare datasets a source reads, chosen with the URL option {@code dataset}. */
public enum Dataset {
    /**
     * {@code GET /accounts/{id}/billable/usage}: account usage v2, FOCUS v1.3-aligned, one record per
     * billable metric per day. The default.
     */
    BILLABLE("billable", SourceCapabilities.builder()
            .granularity(Granularity.DAY)
            .windowUnit(WindowUnit.DAYS)
            .windowSize(31)
            .pushedDownFilters(Set.of(QueryFilter.METRIC))
            .extensionColumns(CloudflareMapper.BILLABLE_EXTENSIONS)
            .note("Cloudflare account usage v2 (alpha, restricted: accounts without access get 403 or 404);"
                    + " cost and pricing fields are not yet populated by Cloudflare and stay empty")
            .build()),
    /** {@code GET /accounts/{id}/billing/usage/paygo} (or the path in {@code paygo_path}): PayGo usage. */
    PAYGO("paygo", SourceCapabilities.builder()
            .granularity(Granularity.DAY)
            .windowUnit(WindowUnit.DAYS)
            .windowSize(31)
            .extensionColumns(CloudflareMapper.PAYGO_EXTENSIONS)
            .note("Cloudflare PayGo usage (beta, restricted to select self-serve accounts)")
            .build());

    private final String option;
    private final SourceCapabilities capabilities;

    Dataset(String option, SourceCapabilities capabilities) {
        this.option = option;
        this.capabilities = capabilities;
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
        return Arrays.stream(values()).filter(d -> d.option.equals(value)).findFirst();
    }

    /** The accepted values, for messages. */
    public static String choices() {
        return Arrays.stream(values()).map(Dataset::option).collect(Collectors.joining(", "));
    }
}
