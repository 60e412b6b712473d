package io.usage4j.provider.fastly;

import io.usage4j.core.ConfigurationException;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageSource;
import io.usage4j.provider.fastly.internal.FastlyDataset;
import io.usage4j.provider.fastly.internal.FastlyOptions;
import io.usage4j.provider.fastly.internal.FastlyUsageSource;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageUrl;
import io.usage4j.spi.kit.HttpKit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Fastly provider: billing usage from Fastly's Billing Usage Metrics API v3 and costed invoice
 * lines from its Invoices API ({@code https://api.fastly.com/billing/v3/...}), authenticated with a
 * {@code Fastly-Key} API token issued to a billing user or superuser.
 *
 * <p>URL forms: {@code usage:fastly:} reads monthly usage per product and usage type
 * ({@code GET /billing/v3/usage-metrics}); {@code usage:fastly:?dataset=services} reads usage per
 * Fastly service ({@code GET /billing/v3/service-usage-metrics}), for the {@code product_id} and
 * {@code usage_type_name} given, or for every product and usage type the monthly endpoint reports
 * when none is given; {@code usage:fastly:?dataset=invoices} reads one costed record per invoice line
 * item ({@code GET /billing/v3/invoices} and {@code /billing/v3/invoices/month-to-date}). The optional
 * path is the Fastly customer id, used as BillingAccountId where the
 * response does not carry one.
 */
public final class FastlyUsageSourceProvider implements UsageSourceProvider {
    /** The provider id, the {@code <provider>} of {@code usage:fastly:...} URLs. */
    public static final String ID = "fastly";

    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9]+");

    /** Cheap: no I/O, no HTTP client until {@link #open}. */
    public FastlyUsageSourceProvider() {
        // nothing to set up before open
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return FastlyDataset.MONTHLY.capabilities();
    }

    @Override
    public List<ProviderProperty> properties() {
        List<ProviderProperty> properties = new ArrayList<>();
        properties.add(ProviderProperty.secret(FastlyOptions.TOKEN,
                "Fastly API token of a billing user or superuser, sent as the Fastly-Key header",
                "FASTLY_API_TOKEN", "FASTLY_API_KEY"));
        properties.add(ProviderProperty.optional(FastlyOptions.DATASET,
                "monthly (default: usage per product and usage type), services (usage per Fastly service) or invoices"
                + " (costed invoice line items)"));
        properties.add(ProviderProperty.optional(FastlyOptions.PRODUCT_ID,
                "dataset=services: the product id, e.g. cdn_usage (default: every product with usage)"));
        properties.add(ProviderProperty.optional(FastlyOptions.USAGE_TYPE_NAME,
                "dataset=services: the usage type, e.g. North America Requests (default: every usage type with usage)"));
        properties.add(ProviderProperty.optional(FastlyOptions.SERVICE,
                "dataset=services: only this Fastly service id"));
        properties.add(ProviderProperty.optional(FastlyOptions.PAGE_SIZE,
                "dataset=services: records per page (limit), 1 to 10000 (default: 10000, Fastly's maximum)"));
        properties.add(ProviderProperty.optional(FastlyOptions.CURRENCY,
                "dataset=invoices: BillingCurrency of rows whose invoice names none, as the month-to-date invoice never"
                        + " does (default: left empty)"));
        properties.addAll(HttpKit.commonProperties());
        return List.copyOf(properties);
    }

    @Override
    public List<String> urlForms() {
        return List.of("usage:fastly:[<customer_id>]",
                "usage:fastly:[<customer_id>]?dataset=services[&product_id=<id>&usage_type_name=<name>][&service=<service_id>]",
                "usage:fastly:[<customer_id>]?dataset=invoices[&currency=<ISO 4217 code>]");
    }

    @Override
    public String description() {
        return "Fastly billing usage metrics v3 (monthly usage per product and usage type, or per service) and invoices"
                + " (costed line items)";
    }

    @Override
    public UsageSource open(UsageUrl url, SourceConfig config) {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(config, "config is null");
        String customerId = url.path().trim();
        if (!customerId.isEmpty() && !CUSTOMER_ID.matcher(customerId).matches()) {
            throw new ConfigurationException(ID, "the path of a Fastly usage URL is the optional customer id (letters and"
                    + " digits), got '" + customerId + "': use usage:fastly: or usage:fastly:<customer_id>", null);
        }
        FastlyOptions options = FastlyOptions.fromConfig(config);
        return new FastlyUsageSource(config, customerId.isEmpty() ? null : customerId, options);
    }

    @Override
    public String toString() {
        return "FastlyUsageSourceProvider[" + ID + "]";
    }
}
