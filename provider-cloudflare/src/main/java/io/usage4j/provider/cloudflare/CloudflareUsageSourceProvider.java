package io.usage4j.provider.cloudflare;

import io.usage4j.core.ConfigurationException;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageSource;
import io.usage4j.provider.cloudflare.internal.CloudflareErrors;
import io.usage4j.provider.cloudflare.internal.CloudflareMapper;
import io.usage4j.provider.cloudflare.internal.CloudflareUsageSource;
import io.usage4j.provider.cloudflare.internal.Dataset;
import io.usage4j.provider.cloudflare.internal.PaygoPath;
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
 * Reads Cloudflare billing usage from {@code https://api.cloudflare.com/client/v4}.
 *
 * <ul>
 *   <li>{@code usage:cloudflare:<account_id>}: account usage v2, {@code GET /accounts/{account_id}/billable/usage}
 *       (FOCUS v1.3-aligned; alpha, restricted), in windows of at most 31 days, the metric filter pushed down;
 *   <li>{@code usage:cloudflare:<account_id>?dataset=paygo}: PayGo usage,
 *       {@code GET /accounts/{account_id}/billing/usage/paygo} (beta, select accounts), or the path named by
 *       {@code paygo_path}: {@code paygo-usage} or {@code billable-usage} (v1).
 * </ul>
 *
 * <p>Authenticates with an API token ({@code Authorization: Bearer}), from the property {@code token} or
 * the environment variable {@code CLOUDFLARE_API_TOKEN}. The legacy global API key
 * ({@code X-Auth-Email} + {@code X-Auth-Key}) is not supported: it grants the whole account, where a
 * token can be limited to reading billing.
 */
public final class CloudflareUsageSourceProvider implements UsageSourceProvider {
    /** Property and URL option: which dataset, {@code billable} (default) or {@code paygo}. */
    public static final String DATASET = "dataset";
    /** Property and URL option: the PayGo path, {@code billing/usage/paygo} (default), {@code paygo-usage} or {@code billable-usage}. */
    public static final String PAYGO_PATH = "paygo_path";
    /** Property: the API token (secret). */
    public static final String TOKEN = "token";
    /** The environment variable the token falls back to, as Cloudflare's SDKs name it. */
    public static final String TOKEN_ENV = "CLOUDFLARE_API_TOKEN";
    /** The production API base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9a-fA-F]{32}");

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
        return Dataset.BILLABLE.capabilities();
    }

    @Override
    public List<ProviderProperty> properties() {
        List<ProviderProperty> properties = new ArrayList<>();
        properties.add(ProviderProperty.secret(TOKEN,
                "Cloudflare API token (sent as Authorization: Bearer) allowed to read the account's billing", TOKEN_ENV));
        properties.add(ProviderProperty.optional(DATASET,
                "billable (default: /billable/usage, FOCUS-aligned v2) or paygo (PayGo usage)"));
        properties.add(ProviderProperty.optional(PAYGO_PATH,
                "PayGo path below /accounts/{id}/: " + PaygoPath.choices() + " (default billing/usage/paygo)"));
        properties.addAll(HttpKit.commonProperties());
        return List.copyOf(properties);
    }

    @Override
    public List<String> urlForms() {
        return List.of("usage:cloudflare:<account_id>",
                "usage:cloudflare:<account_id>?dataset=paygo[&paygo_path=billing/usage/paygo|paygo-usage|billable-usage]");
    }

    @Override
    public String description() {
        return "Cloudflare account billable usage (FOCUS v1.3-aligned, v2) and PayGo usage";
    }

    @Override
    public UsageSource open(UsageUrl url, SourceConfig config) {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(config, "config is null");
        String accountId = url.path().trim();
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new ConfigurationException(id(), (accountId.isEmpty() ? "the usage URL names no account"
                    : "'" + accountId + "' is not a Cloudflare account id")
                    + ": expected usage:cloudflare:<account_id> with the 32 hexadecimal characters of the account id"
                    + " (Cloudflare dashboard, Account home, Account ID)", null);
        }
        Dataset dataset = config.enumValue(DATASET, Dataset.class, Dataset::option, Dataset.BILLABLE);
        PaygoPath paygoPath = config.get(PAYGO_PATH).map(value -> PaygoPath.parse(value)
                .orElseThrow(() -> config.invalid(PAYGO_PATH, "one of " + PaygoPath.choices())))
                .orElse(PaygoPath.BILLING_USAGE_PAYGO);
        if (dataset != Dataset.PAYGO && config.get(PAYGO_PATH).isPresent()) {
            throw new ConfigurationException(id(), "property '" + PAYGO_PATH + "' applies to dataset=paygo only;"
                    + " remove it or add dataset=paygo", null);
        }
        HttpKit kit = HttpKit.builder(config)
                .defaultBaseUrl(DEFAULT_BASE_URL)
                .auth(Auth.bearer(config.require(TOKEN)))
                .errorBodyReader(new CloudflareErrors())
                .requestIdHeaders("cf-ray")
                .rateLimitStatuses(429)
                .build();
        return new CloudflareUsageSource(accountId.toLowerCase(java.util.Locale.ROOT), dataset, paygoPath, kit);
    }

    @Override
    public String toString() {
        return "CloudflareUsageSourceProvider[" + id() + "]";
    }
}
