package io.usage4j.provider.cloudflare.internal;

import io.usage4j.core.MetricDescription;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.kit.HttpKit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A source over one Cloudflare account and one dataset.
 *
 * <p><b>Windows.</b> The planner cuts the query into windows of at most 31 days, fetched concurrently
 * within the kit's bound and stitched back in order. For billable usage v2, {@code to} is read as
 * inclusive: the API defaults to "start of the current month through today" and limits a request to
 * 31 days, i.e. one whole month from its 1st to its 31st, so a window {@code [start, end)} is sent as
 * {@code from=start&to=end-1}. For PayGo, whose documented example asks {@code from=2025-02-01&to=2025-03-01}
 * for the February billing period, {@code to} is read as exclusive and the window is sent as
 * {@code from=start&to=end}.
 *
 * <p><b>Edges.</b> Whatever Cloudflare does at an edge, each record is kept by exactly one window: the
 * one its ChargePeriodStart falls in (the first window also keeps records starting before the query,
 * the last those starting after it; the client-side filter then drops those not overlapping the
 * query). So an API that also answers the day after {@code to} never makes a day count twice.
 *
 * <p><b>Metric filter.</b> Pushed down for billable usage as {@code metric=<billable metric id>}; the
 * API takes one id, so a query with several metrics makes one request per metric per window (in the
 * query's metric order within each window). Records whose x_BillableMetricId differs from the
 * requested metric are dropped too, in case an API version ignores the parameter. The query's metrics
 * mean SkuId or SkuMeter ({@link io.usage4j.core.QueryFilter#METRIC}); a value not shaped like a metric
 * id (such as the display name "Workers Standard Requests") cannot be sent as {@code metric=}, so when
 * the query has one, its windows are fetched unfiltered and matched on SkuId and SkuMeter here.
 */
public final class CloudflareUsageSource implements UsageSource {
    /** What a Cloudflare billable metric id looks like ({@code workers_standard_requests}); at most 128 characters. */
    private static final Pattern METRIC_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");

    private final String accountId;
    private final Dataset dataset;
    private final PaygoPath paygoPath;
    private final HttpKit kit;
    private final CloudflareClient client;
    private final QueryPlanner planner;

    /** A source reading {@code dataset} of {@code accountId} through {@code kit}. */
    public CloudflareUsageSource(String accountId, Dataset dataset, PaygoPath paygoPath, HttpKit kit,
            QueryPlanner planner) {
        this.accountId = Objects.requireNonNull(accountId, "accountId is null");
        this.dataset = Objects.requireNonNull(dataset, "dataset is null");
        this.paygoPath = Objects.requireNonNull(paygoPath, "paygoPath is null");
        this.kit = Objects.requireNonNull(kit, "kit is null");
        this.planner = Objects.requireNonNull(planner, "planner is null");
        this.client = kit.client(CloudflareClient.class);
    }

    @Override
    public String providerId() {
        return CloudflareMapper.PROVIDER_ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return dataset.capabilities();
    }

    @Override
    public Stream<UsageRecord> fetch(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        kit.ensureOpen();
        List<Window> windows = planner.windows(providerId(), query, capabilities());
        List<Slice> slices = new ArrayList<>();
        Set<String> metrics = dataset == Dataset.USAGE ? query.metrics() : Set.of();
        boolean pushDown = !metrics.isEmpty() && metrics.stream().allMatch(m -> METRIC_ID.matcher(m).matches());
        for (int i = 0; i < windows.size(); i++) {
            boolean first = i == 0;
            boolean last = i == windows.size() - 1;
            if (pushDown) {
                for (String metric : metrics) {
                    slices.add(new Slice(windows.get(i), first, last, metric, Set.of()));
                }
            } else {
                slices.add(new Slice(windows.get(i), first, last, null, metrics));
            }
        }
        Stream<UsageRecord> records = kit.windows(slices, this::fetchSlice);
        return QueryPlanner.applyClientSide(records, query, capabilities());
    }

    private Stream<UsageRecord> fetchSlice(Slice slice) {
        kit.ensureOpen();
        List<UsageRecord> records = new ArrayList<>();
        if (dataset == Dataset.USAGE) {
            String from = slice.window().start().toString();
            String to = slice.window().lastDay().toString();
            String what = "billable usage " + from + ".." + to + (slice.metric() == null ? "" : " metric " + slice.metric());
            CloudflareEnvelope<BillableUsageItem> envelope = kit.call(what,
                    () -> client.billableUsage(accountId, from, to, slice.metric()));
            for (BillableUsageItem item : result(envelope, what)) {
                records.add(CloudflareMapper.fromBillable(item, accountId));
            }
        } else {
            String from = slice.window().start().toString();
            String to = slice.window().end().toString();
            String what = "PayGo usage (" + paygoPath.path() + ") from " + from + " to " + to;
            CloudflareEnvelope<PaygoUsageItem> envelope = kit.call(what, () -> switch (paygoPath) {
                case BILLING_USAGE_PAYGO -> client.paygoUsage(accountId, from, to);
                case PAYGO_USAGE -> client.paygoUsageV1Alpha(accountId, from, to);
                case BILLABLE_USAGE -> client.billableUsageV1(accountId, from, to);
            });
            for (PaygoUsageItem item : result(envelope, what)) {
                records.add(CloudflareMapper.fromPaygo(item, accountId));
            }
        }
        return records.stream().filter(record -> slice.owns(record) && slice.matchesMetric(record));
    }

    /** The result of a 2xx envelope; a {@code "success": false} envelope is an error, never an empty answer. */
    private <T> List<T> result(CloudflareEnvelope<T> envelope, String what) {
        if (envelope == null) {
            throw new UnreadableResponseException(providerId(), what + " answered no JSON envelope", null);
        }
        if (!envelope.succeeded()) {
            throw new UnreadableResponseException(providerId(), kit.redact(what + " answered a successful HTTP status"
                    + " but its envelope says \"success\": " + envelope.success() + ": "
                    + CloudflareErrors.describe(envelope.errorList())
                    + "; check that the account may read this dataset (it is restricted) and the query"), null);
        }
        if (envelope.result() == null) {
            throw new UnreadableResponseException(providerId(), what
                    + " answered \"success\": true without a result array", null);
        }
        return envelope.result();
    }


    /** The account's metric catalogue; PayGo has none. */
    @Override
    public Stream<MetricDescription> metrics(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        if (dataset != Dataset.USAGE) {
            return UsageSource.super.metrics(query);
        }
        kit.ensureOpen();
        return BillableMetrics.fetch(kit, client, accountId, planner, query);
    }

    @Override
    public void close() {
        kit.close();
    }

    @Override
    public String toString() {
        return "CloudflareUsageSource[account " + accountId + ", dataset " + dataset.option()
                + (dataset == Dataset.PAYGO ? " at " + paygoPath.path() : "") + ", " + kit.baseUrl() + "]";
    }

    /**
     * One request: a window, where it sits among the query's windows, the metric it asks for (or
     * {@code null}), and the metrics to match on the client when they could not be pushed down.
     */
    private record Slice(Window window, boolean first, boolean last, String metric, Set<String> localMetrics) {

        /** Whether this slice is the one that keeps {@code record} (by its ChargePeriodStart). */
        boolean owns(UsageRecord record) {
            Instant start = record.chargePeriodStart();
            return (first || !start.isBefore(window.startInstant())) && (last || start.isBefore(window.endInstant()));
        }

        boolean matchesMetric(UsageRecord record) {
            if (metric != null) {
                return record.skuId().map(metric::equals).orElse(true);
            }
            return localMetrics.isEmpty() || record.skuId().filter(localMetrics::contains).isPresent()
                    || record.skuMeter().filter(localMetrics::contains).isPresent();
        }
    }
}
