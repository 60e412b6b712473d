package io.usage4j.spi;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageSource;
import java.util.List;

/**
 * The plugin contract, a "driver" in JDBC's sense: one implementation per provider, registered in
 * {@code META-INF/services/io.usage4j.spi.UsageSourceProvider} and, on the module path, with
 * {@code provides io.usage4j.spi.UsageSourceProvider with ...} in {@code module-info.java}.
 *
 * <p>Discovery instantiates every installed provider, so the constructor must be public, take no
 * argument and be cheap: build HTTP clients in {@link #open}, never before. New optional abilities
 * arrive as {@code default} methods, so a provider written against this version keeps working.
 */
public interface UsageSourceProvider {

    /** The provider id, lower case, unique among installed providers: the {@code <provider>} of a usage URL. */
    String id();

    /** The capabilities of the provider's default dataset; a source's own may be narrower. */
    SourceCapabilities capabilities();

    /**
     * Every property the provider reads, including the options its URL takes and the kit's common
     * ones. {@link UsageSources} refuses properties not listed here, falls back to the listed
     * environment variables, and masks the secret ones everywhere.
     */
    List<ProviderProperty> properties();

    /** The URL forms this provider accepts, for listings and error messages (e.g. {@code usage:cloudflare:<account_id>[?dataset=paygo]}). */
    List<String> urlForms();

    /** One line saying what the provider reads. */
    default String description() {
        return id();
    }

    /**
     * Opens a source. Called by {@link UsageSources} with a URL whose provider is {@link #id()} and a
     * configuration already merged and checked against {@link #properties()}.
     *
     * @throws io.usage4j.core.ConfigurationException if the URL's path or a property is wrong
     */
    UsageSource open(UsageUrl url, SourceConfig config);
}
