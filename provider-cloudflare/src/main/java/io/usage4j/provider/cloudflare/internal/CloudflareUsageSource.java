package io.usage4j.provider.cloudflare.internal;

import feign.Response;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.kit.FetchContext;
import io.usage4j.spi.kit.HttpKit;
import io.usage4j.spi.kit.WindowReader;
import io.usage4j.spi.kit.WindowRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A source over one Cloudflare account and one dataset, read through the kit's pipeline.
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
 * one its ChargePeriodStart falls in ({@link WindowReader#ownsRecordsByChargePeriodStart()}). So an API
 * that also answers the day after {@code to} never makes a day count twice.
 *
 * <p><b>Metric filter.</b> Pushed down for billable usage as {@code metric=<billable metric id>}; the
 * API takes one id, so a query with several metrics makes one request per metric per window (in the
 * query's metric order within each window). Records whose SkuId differs from the requested metric are
 * dropped too, in case an API version ignores the parameter. The query's metrics mean SkuId or SkuMeter
 * ({@link io.usage4j.core.QueryFilter#METRIC}); a value not shaped like a metric id (such as the display
 * name "Workers Standard Requests") cannot be sent as {@code metric=}, so when the query has one, its
 * windows are fetched unfiltered and the kit's client-side filter matches SkuId and SkuMeter.
 */
public final class CloudflareUsageSource implements UsageSource {
    /** What a Cloudflare billable metric id looks like ({@code workers_standard_requests}); at most 128 characters. */
    private static final Pattern METRIC_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");

    private final String accountId;
    private final Dataset dataset;
    private final PaygoPath paygoPath;
    private final HttpKit kit;
    private final CloudflareClient client;

    /** A source reading {@code dataset} of {@code accountId} through {@code kit}. */
    public CloudflareUsageSource(String accountId, Dataset dataset, PaygoPath paygoPath, HttpKit kit) {
        this.accountId = Objects.requireNonNull(accountId, "accountId is null");
        this.dataset = Objects.requireNonNull(dataset, "dataset is null");
        this.paygoPath = Objects.requireNonNull(paygoPath, "paygoPath is null");
        this.kit = Objects.requireNonNull(kit, "kit is null");
        this.client = kit.client(CloudflareClient.class);
    }

    @Override
    public String providerId() {
        return CloudflareMapper.PROVIDER_ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return dataset.capabilities(accountId);
    }

    @Override
    public Stream<UsageRecord> fetch(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        return kit.fetch(query, dataset == Dataset.BILLABLE ? new Billable() : new Paygo());
    }

    /** Account usage v2: one request per window, or per metric per window when the metrics can be pushed down. */
    private final class Billable extends Reader<BillableUsageItem> {
        Billable() {
            super(BillableUsageItem.class);
        }

        @Override
        public List<WindowRequest<BillableUsageItem>> requests(Window window, FetchContext context) {
            String from = window.start().toString();
            String to = window.lastDay().toString();
            Set<String> metrics = context.query().metrics();
            boolean pushDown = !metrics.isEmpty() && metrics.stream().allMatch(m -> METRIC_ID.matcher(m).matches());
            if (!pushDown) {
                return List.of(request("billable usage " + from + ".." + to,
                        cursor -> client.billableUsage(accountId, from, to, null)));
            }
            List<WindowRequest<BillableUsageItem>> requests = new ArrayList<>();
            for (String metric : metrics) {
                requests.add(request("billable usage " + from + ".." + to + " metric " + metric,
                        cursor -> client.billableUsage(accountId, from, to, metric))
                        .keepIf(record -> record.skuId().map(metric::equals).orElse(true)));
            }
            return requests;
        }

        @Override
        public UsageRecord map(BillableUsageItem item) {
            return CloudflareMapper.fromBillable(item, accountId);
        }
    }

    /** PayGo usage at the configured path: one request per window. */
    private final class Paygo extends Reader<PaygoUsageItem> {
        Paygo() {
            super(PaygoUsageItem.class);
        }

        @Override
        public List<WindowRequest<PaygoUsageItem>> requests(Window window, FetchContext context) {
            String from = window.start().toString();
            String to = window.end().toString();
            return List.of(request("PayGo usage (" + paygoPath.path() + ") from " + from + " to " + to,
                    cursor -> switch (paygoPath) {
                        case BILLING_USAGE_PAYGO -> client.paygoUsage(accountId, from, to);
                        case PAYGO_USAGE -> client.paygoUsageV1Alpha(accountId, from, to);
                        case BILLABLE_USAGE -> client.billableUsageV1(accountId, from, to);
                    }));
        }

        @Override
        public UsageRecord map(PaygoUsageItem item) {
            return CloudflareMapper.fromPaygo(item, accountId);
        }
    }

    /** What both datasets share: the envelope, its streamed {@code result}, and the edge rule. */
    private abstract class Reader<T> implements WindowReader<T> {
        private final Class<T> type;

        Reader(Class<T> type) {
            this.type = type;
        }

        WindowRequest<T> request(String what, Function<String, Response> send) {
            return WindowRequest.send(what, send).arrayIn("result", type, CloudflareEnvelope.class);
        }

        @Override
        public SourceCapabilities capabilities() {
            return dataset.capabilities();
        }

        @Override
        public boolean ownsRecordsByChargePeriodStart() {
            return true;
        }
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
}
