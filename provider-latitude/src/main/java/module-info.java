/**
 * usage4j plugin reading Latitude.sh billing usage ({@code GET /billing/usage}) as FOCUS records.
 */
module io.usage4j.provider.latitude {
    requires io.usage4j.spi;
    requires org.slf4j;

    exports io.usage4j.provider.latitude;

    opens io.usage4j.provider.latitude.internal to com.fasterxml.jackson.databind, feign.core;

    provides io.usage4j.spi.UsageSourceProvider with io.usage4j.provider.latitude.LatitudeUsageSourceProvider;
}
