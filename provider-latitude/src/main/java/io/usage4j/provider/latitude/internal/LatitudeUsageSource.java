package io.usage4j.provider.latitude.internal;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.Window;
import io.usage4j.provider.latitude.internal.BillingUsageDocument.Attributes;
import io.usage4j.provider.latitude.internal.BillingUsageDocument.Product;
import io.usage4j.provider.latitude.internal.LatitudeMapper.BillingPeriod;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.kit.FetchContext;
import io.usage4j.spi.kit.HttpKit;
import io.usage4j.spi.kit.WindowReader;
import io.usage4j.spi.kit.WindowRequest;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source reading one Latitude.sh project's billing usage.
 *
 * <p>The endpoint has no date parameters: it answers the project's current billing period, in one
 * request. A fetch therefore makes that one request (lazily, when the stream is first read), and
 * <ul>
 *   <li>when the query overlaps the returned period, returns the product lines whose charge period
 *       overlaps the query (logging at info that the rest of the query has no data from this API);
 *   <li>when the query lies wholly outside it, returns nothing and logs at info why: never an error,
 *       never an invented history.
 * </ul>
 * The product filter and the plan filter are sent to the API ({@code filter[products][]},
 * {@code filter[plan]}); the query's metric, service and sub-account filters are applied here.
 */
public final class LatitudeUsageSource implements UsageSource {
    /** Query option: comma-separated product ids, overriding the source's {@code products}. */
    public static final String OPTION_PRODUCTS = "products";
    /** Query option: a plan name, overriding the source's {@code plan}. */
    public static final String OPTION_PLAN = "plan";

    private static final Logger LOG = LoggerFactory.getLogger(LatitudeUsageSource.class);
    /** The per-query options, declared once for the kit, which refuses any other. */
    public static final List<ProviderProperty> QUERY_OPTIONS = List.of(
            ProviderProperty.optional(OPTION_PRODUCTS, "comma-separated product ids, for this query"),
            ProviderProperty.optional(OPTION_PLAN, "a plan name, for this query"));

    private final String project;
    private final List<String> products;
    private final String plan;
    private final SourceCapabilities capabilities;
    private final HttpKit kit;
    private final LatitudeClient client;
    private final LatitudeMapper mapper;

    /**
     * @param project the project id ({@code filter[project]})
     * @param products product ids to ask for, empty for all
     * @param plan a plan name to ask for, or {@code null} for all
     */
    public LatitudeUsageSource(String project, List<String> products, String plan, SourceCapabilities capabilities,
            HttpKit kit, LatitudeMapper mapper) {
        this.project = Objects.requireNonNull(project, "project is null");
        this.products = List.copyOf(products);
        this.plan = plan;
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities is null");
        this.kit = Objects.requireNonNull(kit, "kit is null");
        this.mapper = Objects.requireNonNull(mapper, "mapper is null");
        this.client = kit.client(LatitudeClient.class);
    }

    @Override
    public String providerId() {
        return LatitudeMapper.PROVIDER_ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public Stream<UsageRecord> fetch(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        return kit.fetch(query, options -> new Reader(options.listValue(OPTION_PRODUCTS), options.get(OPTION_PLAN).orElse(null)));
    }

    /** The one request of the current billing period, its product lines the elements. */
    private final class Reader implements WindowReader<Line> {
        private final List<String> askProducts;
        private final String askPlan;

        Reader(List<String> askProducts, String askPlan) {
            this.askProducts = askProducts;
            this.askPlan = askPlan;
        }

        @Override
        public SourceCapabilities capabilities() {
            return capabilities;
        }

        @Override
        public List<WindowRequest<Line>> requests(Window window, FetchContext context) {
            String what = "billing usage of project " + project;
            return List.of(WindowRequest.send(what, cursor -> client.usage(project,
                    askProducts.isEmpty() ? null : askProducts, askPlan))
                    .document(BillingUsageDocument.class, document -> lines(document, window)));
        }

        @Override
        public UsageRecord map(Line line) {
            return mapper.record(line.attributes(), line.period(), line.product());
        }

        private List<Line> lines(BillingUsageDocument document, Window window) {
            Attributes attributes = LatitudeMapper.attributes(document, kit::redact);
            BillingPeriod period = LatitudeMapper.period(attributes);
            LatitudeMapper.priceMismatch(attributes).ifPresent(mismatch -> {
                boolean filtered = !askProducts.isEmpty() || askPlan != null;
                String message = "{}: project {}'s billing period {} totals {} but its {} product line(s) sum to {}{}";
                Object[] arguments = {providerId(), project, period, mismatch.total().toPlainString(), mismatch.lines(),
                    mismatch.linesSum().toPlainString(), filtered
                        ? " (the request filtered products or plan; the total may cover the unfiltered usage)"
                        : "; the records carry the period total in x_period_price"};
                if (filtered) {
                    LOG.info(message, arguments);
                } else {
                    LOG.warn(message, arguments);
                }
            });
            Instant from = window.startInstant();
            Instant to = window.endInstant();
            if (!period.overlaps(from, to)) {
                LOG.info("{}: the query {} lies outside project {}'s current billing period {}, the only period Latitude's"
                        + " billing usage API serves; no records (this is not an error, and no history is invented)",
                        providerId(), window, project, period);
                return List.of();
            }
            if (!period.covers(from, to)) {
                LOG.info("{}: Latitude serves only project {}'s current billing period {}; the part of the query {}"
                        + " outside it has no records from this API", providerId(), project, period, window);
            }
            List<Line> lines = new ArrayList<>();
            for (Product product : attributes.products() == null ? List.<Product>of() : attributes.products()) {
                if (product != null) {
                    lines.add(new Line(attributes, period, product));
                }
            }
            return lines;
        }
    }

    /** One product line with the period it belongs to: a decoded element. */
    private record Line(Attributes attributes, BillingPeriod period, Product product) {
    }

    @Override
    public void close() {
        kit.close();
    }

    @Override
    public String toString() {
        return "LatitudeUsageSource[project " + project + ", products " + products + ", plan " + plan + ", "
                + kit + "]";
    }
}
