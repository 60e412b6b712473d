package io.usage4j.provider.fastly.internal;

import io.usage4j.core.RequestException;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.kit.Auth;
import io.usage4j.spi.kit.HttpKit;
import io.usage4j.spi.kit.Page;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
    private final QueryPlanner planner;
    private final String pageSize;
    private final FastlyInvoices invoices;

    /**
     * Opens a source; builds the HTTP client but sends nothing.
     *
     * @param customerId the Fastly customer id of the usage URL's path, or {@code null}
     */
    public FastlyUsageSource(SourceConfig config, String customerId, FastlyOptions options) {
        Objects.requireNonNull(config, "config is null");
        this.options = Objects.requireNonNull(options, "options is null");
        this.planner = QueryPlanner.create();
        this.customerId = customerId;
        this.kit = HttpKit.builder(config)
                .defaultBaseUrl(DEFAULT_BASE_URL)
                .auth(Auth.header("Fastly-Key", config.require(FastlyOptions.TOKEN)))
                .errorBodyReader(new FastlyErrors())
                // Which header the billing API puts its request id in is not documented: Fastly's names first.
                .requestIdHeaders("Fastly-Request-Id", "X-Fastly-Request-Id", "X-Request-Id")
                .build();
        this.client = kit.client(FastlyClient.class);
        int size = config.intValue(FastlyOptions.PAGE_SIZE, MAX_PAGE_SIZE, 1);
        if (size > MAX_PAGE_SIZE) {
            throw config.invalid(FastlyOptions.PAGE_SIZE, "an integer from 1 to " + MAX_PAGE_SIZE + " (Fastly's maximum)");
        }
        this.pageSize = Integer.toString(size);
        String currency = config.get(FastlyOptions.CURRENCY).map(String::trim).orElse(null);
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw config.invalid(FastlyOptions.CURRENCY, "an ISO 4217 currency code such as USD");
        }
        this.invoices = new FastlyInvoices(kit, client, customerId, currency,
                message -> new RequestException(FastlyMapper.PROVIDER_ID, 200, null, kit.redact(message), null));
    }

    @Override
    public String providerId() {
        return FastlyMapper.PROVIDER_ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return options.dataset().capabilities();
    }

    @Override
    public Stream<UsageRecord> fetch(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        kit.ensureOpen();
        FastlyOptions effective = options.with(query.options());
        SourceCapabilities capabilities = effective.dataset().capabilities();
        List<Window> windows = planner.windows(FastlyMapper.PROVIDER_ID, query, capabilities);
        Window lastWindow = windows.isEmpty() ? null : windows.get(windows.size() - 1);
        Stream<UsageRecord> records = switch (effective.dataset()) {
            case MONTHLY -> kit.windows(windows, window -> LazyStreams.of(() -> monthly(window).iterator()));
            case SERVICES -> kit.windows(windows, window -> LazyStreams.of(() -> services(window, effective, query)));
            case INVOICES -> kit.windows(windows, window -> LazyStreams.of(() -> invoices.window(window,
                    window.equals(lastWindow))));
        };
        return QueryPlanner.applyClientSide(records, query, capabilities);
    }

    private List<UsageRecord> monthly(Window window) {
        return metrics(window.firstMonth(), window.lastMonth()).stream()
                .map(metric -> FastlyMapper.monthly(metric, customerId))
                .toList();
    }

    private List<UsageMetric> metrics(YearMonth first, YearMonth last) {
        kit.ensureOpen();
        String what = "monthly usage metrics " + first + ".." + last;
        MonthlyUsageResponse response = kit.call(what, () -> {
            MonthlyUsageResponse body = client.usageMetrics(first.toString(), last.toString());
            if (body.failure() != null) {
                throw reported(what, body.failure());
            }
            if (body.metrics() == null) {
                throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, what
                        + ": the response holds neither data[], nor a list, nor a usage metric", null);
            }
            return body;
        });
        return response.metrics();
    }

    private Iterator<UsageRecord> services(Window window, FastlyOptions effective, UsageQuery query) {
        YearMonth month = window.firstMonth();
        if (effective.productId() != null && effective.usageTypeName() != null) {
            UsageType only = new UsageType(effective.productId(), effective.usageTypeName());
            return servicePages(month, only, Map.of(), effective).iterator();
        }
        List<UsageType> usageTypes = discover(month, effective, query);
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
                return servicePages(month, null, productOf, effective).iterator();
            }
        }
        return LazyStreams.chain(usageTypes.iterator(),
                usageType -> servicePages(month, usageType, Map.of(), effective).iterator());
    }

    /**
     * The (product, usage type) pairs the monthly endpoint reports for {@code month}, in its order,
     * narrowed by the options and by the query's metric and service-name filters (which the records
     * would not pass anyway), so only pairs that can yield records are read.
     */
    private List<UsageType> discover(YearMonth month, FastlyOptions effective, UsageQuery query) {
        Set<UsageType> found = new LinkedHashSet<>();
        for (UsageMetric metric : metrics(month, month)) {
            if (metric.productId() == null || metric.productId().isBlank()
                    || metric.usageType() == null || metric.usageType().isBlank()
                    || !month.equals(FastlyMapper.month(metric.month()))) {
                continue;
            }
            UsageType usageType = new UsageType(metric.productId(), metric.usageType());
            if (matches(effective.productId(), usageType.productId()) && matches(effective.usageTypeName(), usageType.name())
                    && (query.metrics().isEmpty() || query.metrics().contains(usageType.name()))
                    && (query.serviceNames().isEmpty() || query.serviceNames().contains(usageType.productId()))) {
                found.add(usageType);
            }
        }
        return new ArrayList<>(found);
    }

    private static boolean matches(String wanted, String value) {
        return wanted == null || wanted.equals(value);
    }

    /**
     * The pages of one cursor sequence of service-level usage for {@code month}: of one (product, usage
     * type), or, with {@code usageType} {@code null}, of every usage type, each block's product then
     * taken from {@code productOf} (by the block's usage type).
     */
    private Stream<UsageRecord> servicePages(YearMonth month, UsageType usageType, Map<String, String> productOf,
            FastlyOptions effective) {
        String what = "service usage metrics " + month + " for "
                + (usageType == null ? "every product and usage type" : usageType.productId() + " / " + usageType.name());
        return kit.pages(what, cursor -> {
            kit.ensureOpen();
            ServiceUsageResponse body = client.serviceUsageMetrics(usageType == null ? null : usageType.productId(),
                    usageType == null ? null : usageType.name(), effective.service(), month.toString(), month.toString(),
                    pageSize, cursor);
            if (body.failure() != null) {
                throw reported(what, body.failure());
            }
            if (body.blocks() == null) {
                throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, what
                        + ": the response holds no data", null);
            }
            Set<String> cursors = body.nextCursors();
            if (cursors.size() > 1) {
                throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, what
                        + ": the page names " + cursors.size() + " different next cursors; cannot tell which to follow", null);
            }
            List<UsageRecord> records = new ArrayList<>();
            for (ServiceUsageData block : body.blocks()) {
                if (block == null) {
                    continue;
                }
                String productId = usageType != null ? usageType.productId()
                        : block.usageType() == null ? null : productOf.get(block.usageType());
                String usageTypeName = usageType == null ? null : usageType.name();
                for (ServiceUsageMetric detail : block.detailsOrEmpty()) {
                    if (detail != null) {
                        records.add(FastlyMapper.service(block, detail, month, productId, usageTypeName, customerId));
                    }
                }
            }
            return new Page<>(records, cursors.isEmpty() ? null : cursors.iterator().next());
        });
    }

    private RequestException reported(String what, ErrorBody failure) {
        String said = failure.message();
        String code = failure.code() == null ? "" : " [code " + failure.code() + "]";
        return new RequestException(FastlyMapper.PROVIDER_ID, 200, null, kit.redact(what
                + " failed: Fastly answered HTTP 200 with an error body" + (said == null ? "" : ": " + said) + code), null);
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
}
