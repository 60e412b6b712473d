package io.usage4j.provider.cloudflare.internal;

import io.usage4j.core.MetricDescription;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.core.UsageException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.spi.kit.HttpKit;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Rated costs of one Cloudflare account: {@code POST /accounts/{account_id}/billable/usage} with
 * {@code "Metric": "cost"}, one request per window of at most 31 days. {@code TimePeriod.From} is
 * inclusive and {@code To} exclusive, as documented, so the window {@code [start, end)} is sent as
 * {@code From=start, To=end}; each record is still kept by the one window its ChargePeriodStart falls in
 * ({@link OwnedWindow}). Metric ids go into {@code FilterBy.MetricIds}; grouping, tag filters and
 * product families come from the {@link QueryShape} options.
 *
 * <p>A refusal that means the account cannot have costs this way is an {@link UnsupportedQueryException}
 * naming {@code dataset=usage} ({@link CostErrors}); usage-only rows are never returned in place of costs.
 */
public final class CloudflareCostSource implements UsageSource {
    /** The documented {@code Metric} value that populates the cost and pricing fields. */
    public static final String COST_METRIC = "cost";

    private final String accountId;
    private final QueryShape shape;
    private final HttpKit kit;
    private final CloudflareClient client;
    private final QueryPlanner planner;

    /** A source reading the rated costs of {@code accountId}, shaped by {@code shape}, through {@code kit}. */
    public CloudflareCostSource(String accountId, QueryShape shape, HttpKit kit, QueryPlanner planner) {
        this.accountId = Objects.requireNonNull(accountId, "accountId is null");
        this.shape = Objects.requireNonNull(shape, "shape is null");
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
        return Dataset.COST.capabilities();
    }

    @Override
    public Stream<UsageRecord> fetch(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        kit.ensureOpen();
        QueryShape effective = shapeFor(query);
        MetricMatch metrics = MetricMatch.of(query.metrics());
        List<OwnedWindow> windows = OwnedWindow.of(planner.windows(providerId(), query, capabilities()));
        Stream<UsageRecord> records = kit.windows(windows, window -> fetchWindow(window, effective, metrics));
        return QueryPlanner.applyClientSide(records, query, capabilities());
    }

    /** The source's shape with the query's options applied. */
    private QueryShape shapeFor(UsageQuery query) {
        for (String option : query.options().keySet()) {
            if (!QueryShape.OPTIONS.contains(option)) {
                throw new UnsupportedQueryException(providerId(), "query option '" + option + "' is not one cloudflare"
                        + " reads; it reads " + QueryShape.OPTIONS, null);
            }
        }
        try {
            return shape.with(query.options());
        } catch (IllegalArgumentException invalid) {
            throw new UnsupportedQueryException(providerId(), "query " + invalid.getMessage(), null);
        }
    }

    /** One request, made when the stream reaches the window. */
    private Stream<UsageRecord> fetchWindow(OwnedWindow window, QueryShape effective, MetricMatch metrics) {
        kit.ensureOpen();
        String from = window.window().start().toString();
        String to = window.window().end().toString();
        String body = effective.body(window.window().start(), window.window().end(), COST_METRIC, metrics.sent()).toJson();
        String what = "rated costs from " + from + " to " + to + " (exclusive)";
        CloudflareEnvelope<BillableUsageItem> envelope;
        try {
            envelope = kit.call(what, () -> client.queryUsage(accountId, body));
        } catch (UsageException failure) {
            throw CostErrors.translate(failure, accountId, effective);
        }
        return OwnedWindow.result(envelope, what, kit).stream()
                .map(item -> CloudflareMapper.fromBillable(item, accountId))
                .filter(record -> window.owns(record) && metrics.matches(record));
    }

    @Override
    public Stream<MetricDescription> metrics(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        kit.ensureOpen();
        return BillableMetrics.fetch(kit, client, accountId, planner, query);
    }

    @Override
    public void close() {
        kit.close();
    }

    @Override
    public String toString() {
        return "CloudflareCostSource[account " + accountId + ", dataset " + Dataset.COST.option()
                + (shape.equals(QueryShape.NONE) ? "" : ", " + shape.describeGrouping()) + ", " + kit.baseUrl() + "]";
    }
}
