/**
 * usage4j provider for Cloudinary: billing usage of the Account Provisioning API as FOCUS records.
 * Opened with {@code usage:cloudinary:<account_id>[?prodenv_breakdown=true]}.
 */
module io.usage4j.provider.cloudinary {
    requires io.usage4j.spi;
    requires org.slf4j;

    exports io.usage4j.provider.cloudinary;

    opens io.usage4j.provider.cloudinary.internal to com.fasterxml.jackson.databind, feign.core;

    provides io.usage4j.spi.UsageSourceProvider with io.usage4j.provider.cloudinary.CloudinaryUsageSourceProvider;
}
