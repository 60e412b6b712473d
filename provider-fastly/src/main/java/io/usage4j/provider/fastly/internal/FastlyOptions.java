package io.usage4j.provider.fastly.internal;

import io.usage4j.core.ConfigurationException;
import io.usage4j.core.UnsupportedQueryException;
import io.usage4j.spi.SourceConfig;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to read: the dataset and, for the service-level dataset, the product, usage type and service.
 * Set by the URL options (or properties) of the source; a query's {@link io.usage4j.core.UsageQuery#options()}
 * with the same keys override them for that fetch.
 *
 * @param dataset the dataset
 * @param productId the product id to read ({@code dataset=services}), or {@code null} for every product with usage
 * @param usageTypeName the usage type to read ({@code dataset=services}), or {@code null} for every usage type with usage
 * @param service the one service id to read ({@code dataset=services}), or {@code null} for all
 */
public record FastlyOptions(FastlyDataset dataset, String productId, String usageTypeName, String service) {
    /** Property: the API token. */
    public static final String TOKEN = "token";
    /** Property and query option: {@code monthly}, {@code services} or {@code invoices}. */
    public static final String DATASET = "dataset";
    /** Property and query option: the product id for {@code dataset=services}. */
    public static final String PRODUCT_ID = "product_id";
    /** Property and query option: the usage type for {@code dataset=services}. */
    public static final String USAGE_TYPE_NAME = "usage_type_name";
    /** Property and query option: one service id for {@code dataset=services}. */
    public static final String SERVICE = "service";
    /** Property: the page size ({@code limit}) of service-level usage requests. */
    public static final String PAGE_SIZE = "page_size";
    /** Property: the BillingCurrency of invoice rows whose invoice names none (the month-to-date invoice). */
    public static final String CURRENCY = "currency";
    /** The datasets' names, for messages. */
    static final String DATASETS = "monthly, services or invoices";

    private static final Set<String> QUERY_OPTIONS = new TreeSet<>(Set.of(DATASET, PRODUCT_ID, USAGE_TYPE_NAME, SERVICE));

    /** Checks that a dataset is given. */
    public FastlyOptions {
        Objects.requireNonNull(dataset, "dataset is null");
    }

    /**
     * The options of an open source.
     *
     * @throws ConfigurationException if the dataset is unknown or a service-level option is given to the monthly dataset
     */
    public static FastlyOptions fromConfig(SourceConfig config) {
        FastlyDataset dataset = config.get(DATASET)
                .map(value -> FastlyDataset.named(value).orElseThrow(() -> config.invalid(DATASET, DATASETS)))
                .orElse(FastlyDataset.MONTHLY);
        FastlyOptions options = new FastlyOptions(dataset, config.get(PRODUCT_ID).orElse(null),
                config.get(USAGE_TYPE_NAME).orElse(null), config.get(SERVICE).orElse(null));
        options.misplacedFilter().ifPresent(name -> {
            throw new ConfigurationException(FastlyMapper.PROVIDER_ID, "option '" + name + "' applies to the service-level"
                    + " dataset only: add dataset=services to the URL, or remove it", null);
        });
        return options;
    }

    /**
     * These options with those of a query applied on top.
     *
     * @throws UnsupportedQueryException if the query carries an option Fastly does not read, an unknown
     *     dataset, or a service-level option for the monthly dataset
     */
    public FastlyOptions with(Map<String, String> queryOptions) {
        if (queryOptions.isEmpty()) {
            return this;
        }
        for (String key : queryOptions.keySet()) {
            if (!QUERY_OPTIONS.contains(key)) {
                throw new UnsupportedQueryException(FastlyMapper.PROVIDER_ID, "query option '" + key
                        + "' is not read by the Fastly provider; it reads " + QUERY_OPTIONS, null);
            }
        }
        FastlyDataset newDataset = dataset;
        String dataValue = blankToNull(queryOptions.get(DATASET));
        if (dataValue != null) {
            newDataset = FastlyDataset.named(dataValue).orElseThrow(() -> new UnsupportedQueryException(
                    FastlyMapper.PROVIDER_ID, "query option 'dataset' must be " + DATASETS + ", got '" + dataValue + "'", null));
        }
        FastlyOptions merged = new FastlyOptions(newDataset, override(queryOptions, PRODUCT_ID, productId),
                override(queryOptions, USAGE_TYPE_NAME, usageTypeName), override(queryOptions, SERVICE, service));
        merged.misplacedFilter().ifPresent(name -> {
            throw new UnsupportedQueryException(FastlyMapper.PROVIDER_ID, "option '" + name + "' applies to the"
                    + " service-level dataset only: add the query option dataset=services, or remove it", null);
        });
        return merged;
    }

    private Optional<String> misplacedFilter() {
        if (dataset == FastlyDataset.SERVICES) {
            return Optional.empty();
        }
        if (productId != null) {
            return Optional.of(PRODUCT_ID);
        }
        if (usageTypeName != null) {
            return Optional.of(USAGE_TYPE_NAME);
        }
        return Optional.ofNullable(service).map(s -> SERVICE);
    }

    private static String override(Map<String, String> queryOptions, String key, String current) {
        return queryOptions.containsKey(key) ? blankToNull(queryOptions.get(key)) : current;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
