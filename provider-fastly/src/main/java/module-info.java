/**
 * usage4j plugin reading Fastly billing usage (the Billing Usage Metrics API v3) and invoices (the Invoices
 * API) as FOCUS records.
 */
module io.usage4j.provider.fastly {
    requires io.usage4j.spi;
    requires org.slf4j;

    exports io.usage4j.provider.fastly;

    opens io.usage4j.provider.fastly.internal to com.fasterxml.jackson.databind, feign.core;

    provides io.usage4j.spi.UsageSourceProvider with io.usage4j.provider.fastly.FastlyUsageSourceProvider;
}
