/** The Cloudflare plugin's internals: Feign client, wire DTOs, mapper and source. Not API. */
package io.usage4j.provider.cloudflare.internal;
