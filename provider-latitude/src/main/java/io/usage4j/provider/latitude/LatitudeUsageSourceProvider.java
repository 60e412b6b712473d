package io.usage4j.provider.latitude;

import io.usage4j.core.ConfigurationException;
import io.usage4j.core.Granularity;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageSource;
import io.usage4j.core.UsageView;
import io.usage4j.core.WindowUnit;
import io.usage4j.provider.latitude.internal.LatitudeErrors;
import io.usage4j.provider.latitude.internal.LatitudeMapper;
import io.usage4j.provider.latitude.internal.LatitudeUsageSource;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.SourceConfig;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageUrl;
import io.usage4j.spi.kit.Auth;
import io.usage4j.spi.kit.HttpKit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Latitude.sh provider: {@code usage:latitude:<project_id>[?products=<id>,<id>&plan=<plan name>]}
 * reads {@code GET https://api.latitude.sh/billing/usage} for the project's current billing period,
 * one FOCUS record per product line.
 *
 * <p>Credentials: the API key in property {@code token} or environment variable
 * {@code LATITUDESH_BEARER} (the official SDKs' variable), sent as {@code Authorization: Bearer <key>}
 * as Latitude's documentation shows. A value that already starts with {@code Bearer } is sent as is,
 * and {@code auth_scheme=raw} sends the bare key, as Latitude's legacy Go client did.
 */
public final class LatitudeUsageSourceProvider implements UsageSourceProvider {
    /** The provider id. */
    public static final String ID = LatitudeMapper.PROVIDER_ID;
    /** Property: the API key. */
    public static final String TOKEN = "token";
    /** Property (or URL option): comma-separated product ids sent as {@code filter[products][]}. */
    public static final String PRODUCTS = "products";
    /** Property (or URL option): a plan name sent as {@code filter[plan]}. */
    public static final String PLAN = "plan";
    /** Property: the ISO 4217 currency of the amounts (default USD). */
    public static final String CURRENCY = "currency";
    /** Property: {@code bearer} (default) or {@code raw}. */
    public static final String AUTH_SCHEME = "auth_scheme";
    /** Property: the BillingAccountId to report (default: the project id). */
    public static final String BILLING_ACCOUNT_ID = "billing_account_id";

    static final String DEFAULT_BASE_URL = "https://api.latitude.sh";
    static final String DEFAULT_CURRENCY = "USD";

    private static final SourceCapabilities CAPABILITIES = SourceCapabilities.builder()
            .granularity(Granularity.CURRENT_BILLING_PERIOD)
            .windowUnit(WindowUnit.CURRENT_BILLING_PERIOD)
            .extensionColumns(LatitudeMapper.EXTENSION_COLUMNS)
            .note("current billing period only: Latitude's billing usage API takes no dates, so a query overlapping"
                    + " the project's current billing period gets the product lines overlapping it, and a query wholly"
                    + " outside it gets no records (logged at info), never history")
            .build();

    /** Discovery constructor: cheap, no I/O. */
    public LatitudeUsageSourceProvider() {
        // nothing to set up before open()
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
        List<ProviderProperty> properties = new ArrayList<>();
        properties.add(ProviderProperty.secret(TOKEN, "Latitude.sh API key", "LATITUDESH_BEARER"));
        properties.add(ProviderProperty.optional(PRODUCTS,
                "comma-separated product ids to read (filter[products][]); default all"));
        properties.add(ProviderProperty.optional(PLAN, "a plan name to read (filter[plan]); default all"));
        properties.add(ProviderProperty.optional(CURRENCY,
                "ISO 4217 currency of Latitude's amounts, which the API does not state (default USD)"));
        properties.add(ProviderProperty.optional(AUTH_SCHEME,
                "bearer (default: Authorization: Bearer <token>) or raw (Authorization: <token>)"));
        properties.add(ProviderProperty.optional(BILLING_ACCOUNT_ID,
                "BillingAccountId to report, e.g. your team id (default: the project id)"));
        properties.addAll(HttpKit.commonProperties());
        return List.copyOf(properties);
    }

    @Override
    public List<String> urlForms() {
        return List.of("usage:latitude:<project_id>[?products=<product_id>,<product_id>&plan=<plan name>]");
    }

    @Override
    public String description() {
        return "Latitude.sh billing usage of a project's current billing period (GET /billing/usage)";
    }

    @Override
    public UsageSource open(UsageUrl url, SourceConfig config) {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(config, "config is null");
        String project = url.path().trim();
        if (project.isEmpty()) {
            throw new ConfigurationException(ID, "the usage URL names no project: use usage:latitude:<project_id>,"
                    + " e.g. usage:latitude:proj_r0MK4O4kDa95w", null);
        }
        if (!project.matches("[^/:\\s]+")) { // no '/', ':' or white space: the id is part of the source key
            throw new ConfigurationException(ID, "'" + project + "' is not a Latitude project id: use"
                    + " usage:latitude:<project_id>, e.g. usage:latitude:proj_r0MK4O4kDa95w", null);
        }
        String currency = config.get(CURRENCY).orElse(DEFAULT_CURRENCY).toUpperCase(Locale.ROOT);
        if (!isCurrency(currency)) {
            throw config.invalid(CURRENCY, "an ISO 4217 currency code such as USD");
        }
        Auth auth = auth(config);
        LatitudeMapper mapper = new LatitudeMapper(currency, config.get(BILLING_ACCOUNT_ID).orElse(null), project);
        HttpKit kit = HttpKit.builder(config)
                .defaultBaseUrl(DEFAULT_BASE_URL)
                .auth(auth)
                .errorBodyReader(new LatitudeErrors())
                .queryOptions(LatitudeUsageSource.QUERY_OPTIONS.toArray(ProviderProperty[]::new))
                .build();
        List<String> products = config.listValue(PRODUCTS);
        String plan = config.get(PLAN).orElse(null);
        SourceCapabilities capabilities = SourceCapabilities.builder().from(CAPABILITIES)
                .view(UsageView.of(ID, project, "billing", variant(products, plan))).build();
        return new LatitudeUsageSource(project, products, plan, capabilities, kit, mapper);
    }

    /**
     * The view's variant: {@code all} for the whole project, else the filters ({@code products=a+b;plan=p}),
     * so that sources with different filters keep different source keys (a filtered source still overlaps
     * the unfiltered one: they describe the same project's billing).
     */
    static String variant(List<String> products, String plan) {
        if (products.isEmpty() && (plan == null || plan.isBlank())) {
            return "all";
        }
        String text = (products.isEmpty() ? "" : "products=" + String.join("+", products.stream().sorted().toList()))
                + (plan == null || plan.isBlank() ? "" : (products.isEmpty() ? "" : ";") + "plan=" + plan.strip());
        return text.replaceAll("[:/\\s\\p{Cntrl}]", "_");
    }

    private static Auth auth(SourceConfig config) {
        String token = config.require(TOKEN);
        String scheme = config.get(AUTH_SCHEME).orElse("bearer").toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "bearer" -> {
                // A value copied with its scheme (as some SDK setups keep it) is not prefixed twice.
                return token.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? Auth.header("Authorization", "Bearer " + token.substring(7).trim())
                        : Auth.bearer(token);
            }
            case "raw" -> {
                return Auth.header("Authorization", token);
            }
            default -> throw config.invalid(AUTH_SCHEME, "bearer or raw");
        }
    }

    private static boolean isCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
