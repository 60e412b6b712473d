/**
 * The usage4j plugin for Cloudflare billing usage: {@link io.usage4j.provider.cloudflare.CloudflareUsageSourceProvider}.
 */
package io.usage4j.provider.cloudflare;
