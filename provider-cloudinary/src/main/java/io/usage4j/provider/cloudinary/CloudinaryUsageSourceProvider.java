package io.usage4j.provider.cloudinary;

import io.usage4j.core.ConfigurationException;
import io.usage4j.core.Granularity;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageSource;
import io.usage4j.core.UsageView;
import io.usage4j.core.WindowUnit;
import io.usage4j.provider.cloudinary.internal.CloudinaryErrors;
import io.usage4j.provider.cloudinary.internal.CloudinaryMapper;
import io.usage4j.provider.cloudinary.internal.CloudinaryRegion;
import io.usage4j.provider.cloudinary.internal.CloudinaryUsageSource;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageUrl;
import io.usage4j.spi.kit.Auth;
import io.usage4j.spi.kit.HttpKit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads Cloudinary billing usage ({@code GET /v1_1/provisioning/accounts/{account_id}/billing_usage}
 * of the Account Provisioning API) as FOCUS records: one per usage category per billing cycle, in
 * the plan's metric (credits).
 *
 * <p>URL: {@code usage:cloudinary:<account_id>[?prodenv_breakdown=true]}. The account id comes from
 * the URL's path; when the path is empty, from the property {@value #ACCOUNT_ID} or else the
 * environment variable {@code CLOUDINARY_ACCOUNT_ID}. Credentials (the account API key and secret,
 * HTTP Basic) come from the properties {@value #API_KEY} and {@value #API_SECRET} or the variables
 * {@code CLOUDINARY_PROVISIONING_API_KEY} and {@code CLOUDINARY_PROVISIONING_API_SECRET}; never from the URL.
 */
public final class CloudinaryUsageSourceProvider implements UsageSourceProvider {
    /** The provider id. */
    public static final String ID = "cloudinary";
    /** Property: the account id, when the URL has none. */
    public static final String ACCOUNT_ID = "account_id";
    /** Property (secret): the account API key. */
    public static final String API_KEY = "api_key";
    /** Property (secret): the account API secret. */
    public static final String API_SECRET = "api_secret";
    /** Property: {@code api} (default), {@code api-eu} or {@code api-ap}; also {@code us}, {@code eu}, {@code ap}. */
    public static final String REGION = "region";
    /** Property or URL option: {@code true} to split each category per product environment (plus a remainder). */
    public static final String PRODENV_BREAKDOWN = "prodenv_breakdown";

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final SourceCapabilities CAPABILITIES = SourceCapabilities.builder()
            .granularity(Granularity.BILLING_CYCLE)
            .windowUnit(WindowUnit.CALENDAR_YEARS)
            .windowSize(1)
            .extensionColumns(CloudinaryMapper.EXTENSION_COLUMNS)
            .note("Account Provisioning API (Enterprise accounts, on request); usage per billing cycle in the"
                    + " plan's metric (credits), updated daily; no costs or currency")
            .build();

    /** Cheap: builds nothing until {@link #open}. */
    public CloudinaryUsageSourceProvider() {
        // discovery instantiates every provider; the HTTP client is built in open()
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<ProviderProperty> properties() {
        List<ProviderProperty> properties = new ArrayList<>(List.of(
                ProviderProperty.optional(ACCOUNT_ID, "Cloudinary account id, when the URL path is empty (the URL wins)",
                        "CLOUDINARY_ACCOUNT_ID"),
                ProviderProperty.secret(API_KEY, "account API key (Account Provisioning API)",
                        "CLOUDINARY_PROVISIONING_API_KEY"),
                ProviderProperty.secret(API_SECRET, "account API secret (Account Provisioning API)",
                        "CLOUDINARY_PROVISIONING_API_SECRET"),
                ProviderProperty.optional(REGION, "api (default), api-eu or api-ap (or us, eu, ap); base_url overrides it"),
                ProviderProperty.optional(PRODENV_BREAKDOWN,
                        "true to split each category per product environment (SubAccountId = cloud_name), with a"
                                + " remainder record for the rest of the account's value; default false")));
        properties.addAll(HttpKit.commonProperties());
        return List.copyOf(properties);
    }

    @Override
    public List<String> urlForms() {
        return List.of("usage:cloudinary:<account_id>[?prodenv_breakdown=true]",
                "usage:cloudinary:[?prodenv_breakdown=true] (account id from property account_id or CLOUDINARY_ACCOUNT_ID)");
    }

    @Override
    public String description() {
        return "Cloudinary billing usage per cycle and category, in credits (Account Provisioning API)";
    }

    @Override
    public UsageSource open(UsageUrl url, SourceConfig config) {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(config, "config is null");
        String accountId = accountId(url, config);
        String region = config.get(REGION).orElse("api");
        CloudinaryRegion host = CloudinaryRegion.named(region)
                .orElseThrow(() -> config.invalid(REGION, "one of api, api-eu, api-ap (or us, eu, ap)"));
        boolean productEnvironments = config.booleanValue(PRODENV_BREAKDOWN, false);
        HttpKit kit = HttpKit.builder(config)
                .defaultBaseUrl(host.baseUrl())
                .auth(Auth.basic(config.require(API_KEY), config.require(API_SECRET)))
                .errorBodyReader(CloudinaryErrors.reader())
                .rateLimitStatuses(429, 420) // 420: Cloudinary's "max usage rate exceeded"
                .build();
        // with or without the breakdown, the same credits of one account: two views of the same usage
        SourceCapabilities capabilities = SourceCapabilities.builder().from(CAPABILITIES)
                .view(UsageView.of(ID, accountId, "credits", productEnvironments ? "product_environments" : "account"))
                .build();
        return new CloudinaryUsageSource(accountId, productEnvironments, kit, capabilities);
    }

    private static String accountId(UsageUrl url, SourceConfig config) {
        String accountId;
        if (!url.path().isBlank()) {
            accountId = url.path().strip();
        } else {
            accountId = config.get(ACCOUNT_ID).orElseThrow(() -> new ConfigurationException(ID,
                    "no Cloudinary account id: use usage:cloudinary:<account_id>, or set property '" + ACCOUNT_ID
                            + "' or environment variable CLOUDINARY_ACCOUNT_ID", null));
        }
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw new ConfigurationException(ID, "'" + accountId + "' is not a Cloudinary account id: expected letters,"
                    + " digits, '-', '_' or '.' (Console > Settings > Account API Keys shows it)", null);
        }
        return accountId;
    }
}
