/**
 * The usage4j plugin for Cloudflare: account billable usage (FOCUS v1.3-aligned, v2) and PayGo usage.
 * Discovered through {@link io.usage4j.spi.UsageSourceProvider}; open it as
 * {@code usage:cloudflare:<account_id>[?dataset=paygo]}.
 */
module io.usage4j.provider.cloudflare {
    requires io.usage4j.spi;
    requires org.slf4j;

    exports io.usage4j.provider.cloudflare;

    opens io.usage4j.provider.cloudflare.internal to com.fasterxml.jackson.databind, feign.core;

    provides io.usage4j.spi.UsageSourceProvider with io.usage4j.provider.cloudflare.CloudflareUsageSourceProvider;
}
