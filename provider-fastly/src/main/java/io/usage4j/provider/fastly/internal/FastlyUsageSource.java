package io.usage4j.provider.fastly.internal;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.kit.Auth;
import io.usage4j.spi.kit.FetchContext;
import io.usage4j.spi.kit.HttpKit;
import io.usage4j.spi.kit.WindowReader;
import io.usage4j.spi.kit.WindowRequest;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Fastly source: monthly usage per product and usage type, usage per service, or costed invoice lines.
 *
 * <p>Monthly: the query's range becomes the calendar months it touches, cut into requests of up to
 * three months ({@code start_month}/{@code end_month}, inclusive). Service-level: one request sequence
 * per month, of Fastly's largest page; when the options name no product and usage type, the monthly
 * endpoint is asked first, for that month, which ones had usage (and so which product each usage type
 * belongs to), and the month is read in one cursor sequence over every usage type, or one per (product,
 * usage type) when a filter narrows them. Invoices: see {@link FastlyInvoices}. Records are whole
 * calendar months (never prorated); those that overlap the query are kept, and the query's filters are
 * applied on the client.
 */
public final class FastlyUsageSource implements UsageSource {
    /** Fastly's production API. */
    public static final String DEFAULT_BASE_URL = "https://api.fastly.com";
    /**
     * The largest page {@code service-usage-metrics} serves since Fastly's 2025-03 change ("limit" default
     * 1,000, maximum 10,000; it was 5 and 100 before), and the default page size.
     */
    public static final int MAX_PAGE_SIZE = 10_000;

    private final HttpKit kit;
    private final FastlyClient client;
    private final String customerId;
    private final FastlyOptions options;
    private final String pageSize;
    private final String currency;

    /**
     * Opens a source; builds the HTTP client but sends nothing.
     *
     * @param customerId the Fastly customer id of the usage URL's path, or {@code null}
     */
    public FastlyUsageSource(SourceConfig config, String customerId, FastlyOptions options) {
        Objects.requireNonNull(config, "config is null");
        this.options = Objects.requireNonNull(options, "options is null");
        this.customerId = customerId;
        this.kit = HttpKit.builder(config)
                .defaultBaseUrl(DEFAULT_BASE_URL)
                .auth(Auth.header("Fastly-Key", config.require(FastlyOptions.TOKEN)))
                .errorBodyReader(new FastlyErrors())
                // Which header the billing API puts its request id in is not documented: Fastly's names first.
                .requestIdHeaders("Fastly-Request-Id", "X-Fastly-Request-Id", "X-Request-Id")
                .queryOptions(FastlyOptions.QUERY_OPTIONS.toArray(ProviderProperty[]::new))
                .build();
        this.client = kit.client(FastlyClient.class);
        int size = config.intValue(FastlyOptions.PAGE_SIZE, MAX_PAGE_SIZE, 1);
        if (size > MAX_PAGE_SIZE) {
            throw config.invalid(FastlyOptions.PAGE_SIZE, "an integer from 1 to " + MAX_PAGE_SIZE + " (Fastly's maximum)");
        }
        this.pageSize = Integer.toString(size);
        this.currency = config.get(FastlyOptions.CURRENCY).map(String::trim).orElse(null);
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw config.invalid(FastlyOptions.CURRENCY, "an ISO 4217 currency code such as USD");
        }
    }

    @Override
    public String providerId() {
        return FastlyMapper.PROVIDER_ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return options.dataset().capabilities(customerId);
    }

    @Override
    public Stream<UsageRecord> fetch(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        return kit.fetch(query, config -> {
            FastlyOptions effective = FastlyOptions.fromConfig(config);
            return switch (effective.dataset()) {
                case MONTHLY -> new Monthly();
                case SERVICES -> new Services(effective);
                case INVOICES -> new FastlyInvoices(client, customerId, currency);
            };
        });
    }

    /** The monthly-usage request for {@code first..last}: one document, its metrics the elements. */
    private WindowRequest<UsageMetric> metrics(YearMonth first, YearMonth last) {
        String what = "monthly usage metrics " + first + ".." + last;
        return WindowRequest.send(what, cursor -> client.usageMetrics(first.toString(), last.toString()))
                .document(MonthlyUsageResponse.class, body -> {
                    if (body.metrics() == null) {
                        throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, what
                                + ": the response holds neither data[], nor a list, nor a usage metric", null);
                    }
                    return body.metrics();
                });
    }

    /** {@code dataset=monthly}: one request per window of up to three months. */
    private final class Monthly implements WindowReader<UsageMetric> {
        @Override
        public SourceCapabilities capabilities() {
            return FastlyDataset.MONTHLY.capabilities();
        }

        @Override
        public List<WindowRequest<UsageMetric>> requests(Window window, FetchContext context) {
            return List.of(metrics(window.firstMonth(), window.lastMonth()));
        }

        @Override
        public UsageRecord map(UsageMetric metric) {
            return FastlyMapper.monthly(metric, customerId);
        }
    }

    /** {@code dataset=services}: per month, one cursor-paged request sequence per (product, usage type). */
    private final class Services implements WindowReader<ServiceLine> {
        private final FastlyOptions effective;

        Services(FastlyOptions effective) {
            this.effective = effective;
        }

        @Override
        public SourceCapabilities capabilities() {
            return FastlyDataset.SERVICES.capabilities();
        }

        @Override
        public List<WindowRequest<ServiceLine>> requests(Window window, FetchContext context) {
            YearMonth month = window.firstMonth();
            if (effective.productId() != null && effective.usageTypeName() != null) {
                UsageType only = new UsageType(effective.productId(), effective.usageTypeName());
                return List.of(servicePages(month, only, Map.of()));
            }
            List<UsageType> usageTypes = discover(month, context);
            UsageQuery query = context.query();
            if (effective.productId() == null && effective.usageTypeName() == null && query.metrics().isEmpty()
                    && query.serviceNames().isEmpty()) {
                // Since 2025-02 product_id and usage_type_name are optional (together): one cursor sequence reads
                // every usage type of the month, instead of one per usage type. The discovered pairs only name the
                // product of each usage type (the service-level response does not), unless that is ambiguous.
                Map<String, String> productOf = new HashMap<>();
                boolean ambiguous = false;
                for (UsageType usageType : usageTypes) {
                    String before = productOf.putIfAbsent(usageType.name(), usageType.productId());
                    ambiguous |= before != null && !before.equals(usageType.productId());
                }
                if (!ambiguous) {
                    return List.of(servicePages(month, null, productOf));
                }
            }
            List<WindowRequest<ServiceLine>> requests = new ArrayList<>();
            for (UsageType usageType : usageTypes) {
                requests.add(servicePages(month, usageType, Map.of()));
            }
            return requests;
        }

        @Override
        public UsageRecord map(ServiceLine line) {
            return FastlyMapper.service(line.block(), line.detail(), line.month(), line.productId(),
                    line.usageTypeName(), customerId);
        }

        /**
         * The (product, usage type) pairs the monthly endpoint reports for {@code month}, in its order,
         * narrowed by the options and by the query's metric and service-name filters (which the records
         * would not pass anyway), so only pairs that can yield records are read.
         */
        private List<UsageType> discover(YearMonth month, FetchContext context) {
            UsageQuery query = context.query();
            Set<UsageType> found = new LinkedHashSet<>();
            try (Stream<UsageMetric> metrics = context.elements(metrics(month, month))) {
                metrics.forEach(metric -> {
                    if (metric.productId() == null || metric.productId().isBlank()
                            || metric.usageType() == null || metric.usageType().isBlank()
                            || !month.equals(FastlyMapper.month(metric.month()))) {
                        return;
                    }
                    UsageType usageType = new UsageType(metric.productId(), metric.usageType());
                    if (matches(effective.productId(), usageType.productId())
                            && matches(effective.usageTypeName(), usageType.name())
                            && (query.metrics().isEmpty() || query.metrics().contains(usageType.name()))
                            && (query.serviceNames().isEmpty() || query.serviceNames().contains(usageType.productId()))) {
                        found.add(usageType);
                    }
                });
            }
            return new ArrayList<>(found);
        }

        /**
         * One cursor sequence of service-level usage for {@code month}: of one (product, usage type), or,
         * with {@code usageType} {@code null}, of every usage type, each block's product then taken from
         * {@code productOf} (by the block's usage type).
         */
        private WindowRequest<ServiceLine> servicePages(YearMonth month, UsageType usageType, Map<String, String> productOf) {
            String what = "service usage metrics " + month + " for "
                    + (usageType == null ? "every product and usage type" : usageType.productId() + " / " + usageType.name());
            return WindowRequest.send(what, cursor -> client.serviceUsageMetrics(
                            usageType == null ? null : usageType.productId(), usageType == null ? null : usageType.name(),
                            effective.service(), month.toString(), month.toString(), pageSize, cursor))
                    .document(ServiceUsageResponse.class, body -> {
                        if (body.blocks() == null) {
                            throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, what
                                    + ": the response holds no data", null);
                        }
                        List<ServiceLine> lines = new ArrayList<>();
                        for (ServiceUsageData block : body.blocks()) {
                            if (block == null) {
                                continue;
                            }
                            String productId = usageType != null ? usageType.productId()
                                    : block.usageType() == null ? null : productOf.get(block.usageType());
                            String usageTypeName = usageType == null ? null : usageType.name();
                            for (ServiceUsageMetric detail : block.detailsOrEmpty()) {
                                if (detail != null) {
                                    lines.add(new ServiceLine(block, detail, month, productId, usageTypeName));
                                }
                            }
                        }
                        return lines;
                    });
        }
    }

    private static boolean matches(String wanted, String value) {
        return wanted == null || wanted.equals(value);
    }

    @Override
    public void close() {
        kit.close();
    }

    @Override
    public String toString() {
        return "FastlyUsageSource[dataset=" + options.dataset().id()
                + (customerId == null ? "" : ", customer " + customerId) + ", " + kit + "]";
    }

    /** A product and one of its usage types: what one service-level request sequence reads. */
    private record UsageType(String productId, String name) {
    }

    /**
     * One service's usage of one usage type in one month: a decoded element of the service-level dataset,
     * with the product (and usage type) requested or discovered for it, either possibly {@code null}.
     */
    private record ServiceLine(ServiceUsageData block, ServiceUsageMetric detail, YearMonth month, String productId,
            String usageTypeName) {
    }
}
