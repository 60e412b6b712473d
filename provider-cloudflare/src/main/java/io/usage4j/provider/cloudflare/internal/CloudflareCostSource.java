package io.usage4j.provider.cloudflare.internal;

import io.usage4j.core.ConfigurationException;
import io.usage4j.core.MetricDescription;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.kit.FetchContext;
import io.usage4j.spi.kit.HttpKit;
import io.usage4j.spi.kit.WindowReader;
import io.usage4j.spi.kit.WindowRequest;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Rated costs of one Cloudflare account, read through the kit's pipeline: {@code POST
 * /accounts/{account_id}/billable/usage} with {@code "Metric": "cost"}, one request per window of at
 * most 31 days. {@code TimePeriod.From} is inclusive and {@code To} exclusive, as documented, so the
 * window {@code [start, end)} is sent as {@code From=start, To=end}; each record is still kept by the one
 * window its ChargePeriodStart falls in ({@link WindowReader#ownsRecordsByChargePeriodStart()}). Metric
 * ids go into {@code FilterBy.MetricIds}; grouping, tag filters and product families come from the
 * {@link QueryShape} options (source-wide, or per query).
 *
 * <p>A refusal that means the account cannot have costs this way is an
 * {@link io.usage4j.core.UnsupportedQueryException} naming {@code dataset=usage} ({@link CostErrors});
 * usage-only rows are never returned in place of costs.
 */
public final class CloudflareCostSource implements UsageSource {
    /** The documented {@code Metric} value that populates the cost and pricing fields. */
    public static final String COST_METRIC = "cost";

    private final String accountId;
    private final HttpKit kit;
    private final CloudflareClient client;

    /** A source reading the rated costs of {@code accountId} through {@code kit}. */
    public CloudflareCostSource(String accountId, HttpKit kit) {
        this.accountId = Objects.requireNonNull(accountId, "accountId is null");
        this.kit = Objects.requireNonNull(kit, "kit is null");
        this.client = kit.client(CloudflareClient.class);
    }

    @Override
    public String providerId() {
        return CloudflareMapper.PROVIDER_ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return Dataset.COST.capabilities(accountId);
    }

    @Override
    public Stream<UsageRecord> fetch(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        QueryShape[] shape = {QueryShape.NONE};
        Stream<UsageRecord> records = kit.fetch(query, options -> {
            try {
                shape[0] = QueryShape.parse(options::get);
            } catch (IllegalArgumentException invalid) {
                throw new ConfigurationException(providerId(), invalid.getMessage(), null);
            }
            return new Reader(shape[0]);
        });
        return translated(records, shape[0]);
    }

    /** Failures of the POST, translated where they mean something about costs or grouping ({@link CostErrors}). */
    private Stream<UsageRecord> translated(Stream<UsageRecord> records, QueryShape shape) {
        Spliterator<UsageRecord> inner = records.spliterator();
        Spliterator<UsageRecord> outer = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, inner.characteristics()) {
            @Override
            public boolean tryAdvance(Consumer<? super UsageRecord> action) {
                try {
                    return inner.tryAdvance(action);
                } catch (UsageException failure) {
                    throw CostErrors.translate(failure, accountId, shape);
                }
            }
        };
        return StreamSupport.stream(outer, false).onClose(records::close);
    }

    /** One POST per window. */
    private final class Reader implements WindowReader<BillableUsageItem> {
        private final QueryShape shape;

        Reader(QueryShape shape) {
            this.shape = shape;
        }

        @Override
        public SourceCapabilities capabilities() {
            return Dataset.COST.capabilities();
        }

        @Override
        public List<WindowRequest<BillableUsageItem>> requests(Window window, FetchContext context) {
            MetricMatch metrics = MetricMatch.of(context.query().metrics());
            String body = shape.body(window.start(), window.end(), COST_METRIC, metrics.sent()).toJson();
            String what = "rated costs from " + window.start() + " to " + window.end() + " (exclusive)";
            return List.of(WindowRequest.send(what, cursor -> client.queryUsage(accountId, body))
                    .arrayIn("result", BillableUsageItem.class, CloudflareEnvelope.class)
                    .keepIf(metrics::matches));
        }

        @Override
        public UsageRecord map(BillableUsageItem item) {
            return CloudflareMapper.fromBillable(item, accountId);
        }

        @Override
        public boolean ownsRecordsByChargePeriodStart() {
            return true;
        }
    }

    @Override
    public Stream<MetricDescription> metrics(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        kit.ensureOpen();
        return BillableMetrics.fetch(kit, client, accountId, QueryPlanner.create(), query);
    }

    @Override
    public void close() {
        kit.close();
    }

    @Override
    public String toString() {
        return "CloudflareCostSource[account " + accountId + ", dataset " + Dataset.COST.option() + ", " + kit.baseUrl() + "]";
    }
}
