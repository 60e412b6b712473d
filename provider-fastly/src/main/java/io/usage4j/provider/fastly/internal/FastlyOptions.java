package io.usage4j.provider.fastly.internal;

import io.usage4j.core.ConfigurationException;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to read: the dataset and, for the service-level dataset, the product, usage type and service.
 * Set by the URL options (or properties) of the source; a query's {@link io.usage4j.core.UsageQuery#options()}
 * with the same keys override them for that fetch (the kit merges them: {@link #QUERY_OPTIONS}).
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

    /** The per-query options, declared once for the kit, which refuses any other. */
    public static final List<ProviderProperty> QUERY_OPTIONS = List.of(
            ProviderProperty.optional(DATASET, "monthly, services or invoices, for this query"),
            ProviderProperty.optional(PRODUCT_ID, "dataset=services: the product id, for this query"),
            ProviderProperty.optional(USAGE_TYPE_NAME, "dataset=services: the usage type, for this query"),
            ProviderProperty.optional(SERVICE, "dataset=services: one service id, for this query"));

    /** Checks that a dataset is given. */
    public FastlyOptions {
        Objects.requireNonNull(dataset, "dataset is null");
    }

    /**
     * The options of an open source.
     *
     * @throws ConfigurationException if the dataset is unknown or a service-level option is given to the monthly dataset
     *     (the kit reports it as an unsupported query when a query option caused it)
     */
    public static FastlyOptions fromConfig(SourceConfig config) {
        FastlyDataset dataset = config.enumValue(DATASET, FastlyDataset.class, FastlyDataset::id, FastlyDataset.MONTHLY);
        FastlyOptions options = new FastlyOptions(dataset, config.get(PRODUCT_ID).orElse(null),
                config.get(USAGE_TYPE_NAME).orElse(null), config.get(SERVICE).orElse(null));
        options.misplacedFilter().ifPresent(name -> {
            throw new ConfigurationException(FastlyMapper.PROVIDER_ID, "option '" + name + "' applies to the service-level"
                    + " dataset only: add dataset=services (to the URL, or as a query option), or remove it", null);
        });
        return options;
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

}
