package io.usage4j.provider.cloudflare;

import io.usage4j.core.ConfigurationException;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageSource;
import io.usage4j.provider.cloudflare.internal.CloudflareErrors;
import io.usage4j.provider.cloudflare.internal.CloudflareMapper;
import io.usage4j.provider.cloudflare.internal.CloudflareCostSource;
import io.usage4j.provider.cloudflare.internal.CloudflareOrganizationSource;
import io.usage4j.provider.cloudflare.internal.CloudflareUsageSource;
import io.usage4j.provider.cloudflare.internal.Dataset;
import io.usage4j.provider.cloudflare.internal.PaygoPath;
import io.usage4j.provider.cloudflare.internal.QueryShape;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageUrl;
import io.usage4j.spi.kit.Auth;
import io.usage4j.spi.kit.HttpKit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Cloudflare billing usage from {@code https://api.cloudflare.com/client/v4}.
 *
 * <ul>
 *   <li>{@code usage:cloudflare:<account_id>}: rated costs, {@code POST /accounts/{account_id}/billable/usage}
 *       with {@code "Metric": "cost"} (FOCUS v1.3-aligned; alpha, restricted), in windows of at most 31 days,
 *       metric ids, product families and tag filters pushed into {@code FilterBy}, up to two
 *       {@code group_by} keys;
 *   <li>{@code usage:cloudflare:<account_id>?dataset=usage}: usage only, the plain
 *       {@code GET /accounts/{account_id}/billable/usage};
 *   <li>{@code usage:cloudflare:organizations/<organization_id>}: usage only of every account of an
 *       organization, {@code GET /organizations/{organization_id}/billable/usage};
 *   <li>{@code usage:cloudflare:<account_id>?dataset=paygo}: PayGo usage,
 *       {@code GET /accounts/{account_id}/billing/usage/paygo} (beta, select accounts), or the path named by
 *       {@code paygo_path}: {@code paygo-usage} or {@code billable-usage} (v1).
 * </ul>
 *
 * <p>Authenticates with an API token ({@code Authorization: Bearer}), from the property {@code token} or
 * the environment variable {@code CLOUDFLARE_API_TOKEN}: a token can be limited to reading billing. The
 * legacy global API key ({@code X-Auth-Email} + {@code X-Auth-Key}, properties {@code auth_email} and
 * {@code auth_key}) is accepted too; when both kinds are set, the token is used.
 */
public final class CloudflareUsageSourceProvider implements UsageSourceProvider {
    /** Property and URL option: which account dataset, {@code cost} (default), {@code usage} or {@code paygo}. */
    public static final String DATASET = "dataset";
    /** Property and URL option: the PayGo path, {@code billing/usage/paygo} (default), {@code paygo-usage} or {@code billable-usage}. */
    public static final String PAYGO_PATH = "paygo_path";
    /** Property and URL option (and query option): up to two grouping keys, {@code tag:<key>} or a dimension. */
    public static final String GROUP_BY = QueryShape.GROUP_BY;
    /** Property and URL option (and query option): resource-tag filters, {@code key=a|b;other=}. */
    public static final String TAG_FILTER = QueryShape.TAG_FILTER;
    /** Property and URL option (and query option): product-family UUIDs, comma-separated. */
    public static final String PRODUCT_FAMILY_IDS = QueryShape.PRODUCT_FAMILY_IDS;
    /** Property: the API token (secret). */
    public static final String TOKEN = "token";
    /** Property: the e-mail address of the legacy global API key (sent as {@code X-Auth-Email}; masked). */
    public static final String AUTH_EMAIL = "auth_email";
    /** Property: the legacy global API key (sent as {@code X-Auth-Key}; secret). */
    public static final String AUTH_KEY = "auth_key";
    /** The environment variable the token falls back to, as Cloudflare's SDKs name it. */
    public static final String TOKEN_ENV = "CLOUDFLARE_API_TOKEN";
    /** The environment variable {@link #AUTH_EMAIL} falls back to, as Cloudflare's SDKs name it. */
    public static final String EMAIL_ENV = "CLOUDFLARE_EMAIL";
    /** The environment variable {@link #AUTH_KEY} falls back to, as Cloudflare's SDKs name it. */
    public static final String KEY_ENV = "CLOUDFLARE_API_KEY";
    /** The production API base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

    private static final Logger LOG = LoggerFactory.getLogger(CloudflareUsageSourceProvider.class);
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{32}");
    private static final String ORGANIZATIONS = "organizations/";
    private static final String ACCOUNTS = "accounts/";

    /** Cheap: no I/O, no HTTP client; those are built by {@link #open}. */
    public CloudflareUsageSourceProvider() {
        // nothing to set up
    }

    @Override
    public String id() {
        return CloudflareMapper.PROVIDER_ID;
    }

    @Override
    public SourceCapabilities capabilities() {
        return Dataset.COST.capabilities();
    }

    @Override
    public List<ProviderProperty> properties() {
        List<ProviderProperty> properties = new ArrayList<>();
        properties.add(ProviderProperty.optionalSecret(TOKEN,
                "Cloudflare API token (sent as Authorization: Bearer) allowed to read the account's billing;"
                        + " required unless auth_email and auth_key are set", TOKEN_ENV));
        properties.add(ProviderProperty.optionalSecret(AUTH_EMAIL,
                "legacy: the account e-mail of a global API key (X-Auth-Email), with auth_key; prefer a token", EMAIL_ENV));
        properties.add(ProviderProperty.optionalSecret(AUTH_KEY,
                "legacy: the global API key (X-Auth-Key), with auth_email; prefer a token", KEY_ENV));
        properties.add(ProviderProperty.optional(DATASET,
                "cost (default: rated costs, POST /billable/usage with Metric cost), usage (usage only, the plain GET)"
                        + " or paygo (PayGo usage)"));
        properties.add(ProviderProperty.optional(PAYGO_PATH,
                "PayGo path below /accounts/{id}/: " + PaygoPath.choices() + " (default billing/usage/paygo)"));
        properties.addAll(shapeOptions());
        properties.addAll(HttpKit.commonProperties());
        return List.copyOf(properties);
    }

    /** The options that shape a rated-cost query: URL options or properties, and query options. */
    private static List<ProviderProperty> shapeOptions() {
        return List.of(
                ProviderProperty.optional(GROUP_BY,
                        "dataset=cost: up to two grouping keys, tag:<tag key> or a dimension (account, zone), comma-separated"),
                ProviderProperty.optional(TAG_FILTER,
                        "dataset=cost: resource-tag filters, key=value|value;key2= (an empty value matches a key-only tag)"),
                ProviderProperty.optional(PRODUCT_FAMILY_IDS,
                        "dataset=cost: product-family UUIDs (x_ProductFamilyId), comma-separated"));
    }

    @Override
    public List<String> urlForms() {
        return List.of("usage:cloudflare:<account_id>[?group_by=tag:<key>,zone&tag_filter=<key>=<v>|<v>&product_family_ids=<uuid>]",
                "usage:cloudflare:<account_id>?dataset=usage",
                "usage:cloudflare:organizations/<organization_id>",
                "usage:cloudflare:<account_id>?dataset=paygo[&paygo_path=billing/usage/paygo|paygo-usage|billable-usage]");
    }

    @Override
    public String description() {
        return "Cloudflare billable usage v2 (FOCUS v1.3-aligned) with rated costs, usage only, per organization,"
                + " and PayGo usage";
    }

    @Override
    public UsageSource open(UsageUrl url, SourceConfig config) {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(config, "config is null");
        String path = url.path().trim();
        boolean organization = path.startsWith(ORGANIZATIONS);
        String id = organization ? path.substring(ORGANIZATIONS.length())
                : path.startsWith(ACCOUNTS) ? path.substring(ACCOUNTS.length()) : path;
        if (!ID.matcher(id).matches()) {
            String what = organization ? "organization" : "account";
            throw new ConfigurationException(id(), (id.isEmpty() ? "the usage URL names no " + what
                    : "'" + id + "' is not a Cloudflare " + what + " id")
                    + ": expected usage:cloudflare:<account_id> or usage:cloudflare:organizations/<organization_id>,"
                    + " with the 32 hexadecimal characters of the id (Cloudflare dashboard, Account home or"
                    + " Organization settings)", null);
        }
        id = id.toLowerCase(Locale.ROOT);
        Dataset dataset = config.get(DATASET).map(value -> Dataset.parse(value)
                .orElseThrow(() -> config.invalid(DATASET, "one of " + Dataset.choices())))
                .orElse(organization ? Dataset.ORGANIZATION : Dataset.COST);
        if (organization && config.get(DATASET).isPresent()) {
            throw new ConfigurationException(id(), "property '" + DATASET + "' does not apply to an organization:"
                    + " organization usage is usage-only (Cloudflare has no organization-level cost query); remove it,"
                    + " or open usage:cloudflare:<account_id> per account for rated costs", null);
        }
        PaygoPath paygoPath = config.get(PAYGO_PATH).map(value -> PaygoPath.parse(value)
                .orElseThrow(() -> config.invalid(PAYGO_PATH, "one of " + PaygoPath.choices())))
                .orElse(PaygoPath.BILLING_USAGE_PAYGO);
        if (dataset != Dataset.PAYGO && config.get(PAYGO_PATH).isPresent()) {
            throw new ConfigurationException(id(), "property '" + PAYGO_PATH + "' applies to dataset=paygo only;"
                    + " remove it or add dataset=paygo", null);
        }
        QueryShape shape;
        try {
            shape = QueryShape.parse(config::get);
        } catch (IllegalArgumentException invalid) {
            throw new ConfigurationException(id(), invalid.getMessage(), null);
        }
        if (dataset != Dataset.COST) {
            for (String option : QueryShape.OPTIONS) {
                if (config.get(option).isPresent()) {
                    throw new ConfigurationException(id(), "property '" + option + "' applies to dataset=cost (the POST)"
                            + " only; " + (organization ? "organization usage" : "dataset=" + dataset.option())
                            + " is read with a GET that takes only a date range. Remove it, or read the account's"
                            + " rated costs with usage:cloudflare:<account_id>", null);
                }
            }
        }
        HttpKit kit = HttpKit.builder(config)
                .defaultBaseUrl(DEFAULT_BASE_URL)
                .auth(auth(config))
                .errorBodyReader(new CloudflareErrors())
                .requestIdHeaders("cf-ray")
                .rateLimitStatuses(429)
                .queryOptions(dataset == Dataset.COST ? shapeOptions().toArray(ProviderProperty[]::new) : new ProviderProperty[0])
                .build();
        if (organization) {
            return new CloudflareOrganizationSource(id, kit);
        }
        if (dataset == Dataset.COST) {
            return new CloudflareCostSource(id, kit);
        }
        return new CloudflareUsageSource(id, dataset, paygoPath, kit);
    }

    /**
     * The token as a Bearer token; else the legacy pair as X-Auth-Email + X-Auth-Key.
     *
     * @throws ConfigurationException if neither is complete
     */
    private Auth auth(SourceConfig config) {
        Optional<String> token = config.get(TOKEN);
        Optional<String> email = config.get(AUTH_EMAIL);
        Optional<String> key = config.get(AUTH_KEY);
        if (token.isPresent()) {
            if (email.isPresent() || key.isPresent()) {
                LOG.info("{}: both an API token and the legacy {}/{} are set; using the token", id(), AUTH_EMAIL, AUTH_KEY);
            }
            return Auth.bearer(token.get());
        }
        if (email.isPresent() && key.isPresent()) {
            return Auth.header("X-Auth-Email", email.get()).and("X-Auth-Key", key.get());
        }
        if (email.isPresent() || key.isPresent()) {
            String missing = email.isPresent() ? AUTH_KEY + "' or environment variable " + KEY_ENV
                    : AUTH_EMAIL + "' or environment variable " + EMAIL_ENV;
            throw new ConfigurationException(id(), "incomplete legacy credential: the global API key needs both "
                    + AUTH_EMAIL + " and " + AUTH_KEY + "; set property '" + missing
                    + " (or use an API token: property '" + TOKEN + "' or environment variable " + TOKEN_ENV + ")", null);
        }
        throw new ConfigurationException(id(), "missing credential: set property '" + TOKEN + "' or environment variable "
                + TOKEN_ENV + " (an API token allowed to read billing), or the legacy global API key: properties '"
                + AUTH_EMAIL + "' and '" + AUTH_KEY + "' or environment variables " + EMAIL_ENV + " and " + KEY_ENV, null);
    }

    @Override
    public String toString() {
        return "CloudflareUsageSourceProvider[" + id() + "]";
    }
}
