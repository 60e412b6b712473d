package io.usage4j.testkit;

import io.usage4j.spi.UsageSourceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The conformance suite every usage4j plugin passes. A plugin's test extends this class and says how
 * to reach it (its provider, URL, credentials) and what its fixtures answer (its {@link Scenario}s);
 * the suite starts WireMock on loopback, runs the real plugin over real HTTP, adds faults, and checks
 * discovery, configuration, fetching, paging, resilience, secrecy and the requests sent.
 */
public abstract class UsageSourceConformanceTest {

    /** A fresh instance of the plugin's provider. */
    protected abstract UsageSourceProvider provider();

    /** The usage URL to open, e.g. {@code usage:cloudflare:023e105f4ecef8ad9ca31a8372d0c353}. */
    protected abstract String url();

    /** Test values for the provider's credentials (its secret properties), by property name. */
    protected abstract Map<String, String> credentials();

    /** Other properties to open the source with (the suite adds {@code base_url} and retry settings). */
    protected Map<String, String> properties() {
        return Map.of();
    }

    /** The request header that carries the credential, e.g. {@code Authorization}. */
    protected abstract String authorizationHeader();

    /** The value that header must have with {@link #credentials()}, e.g. {@code Bearer test-token}. */
    protected abstract String expectedAuthorization();

    /** A successful fetch answered by the plugin's fixtures. */
    protected abstract Scenario fetch();

    /**
     * A fetch that needs several requests (pages or windows), if the provider's API has such a thing;
     * empty for an API that always answers in one request (the paging checks are then skipped).
     */
    protected Optional<Scenario> multiRequestFetch() {
        return Optional.empty();
    }

    /**
     * A fetch with a filter the provider pushes down to its API, answered by stubs that filter as the
     * API does. Needed only when the provider pushes a filter down; otherwise the suite derives the
     * filtered fetch from {@link #fetch()}.
     */
    protected Optional<Scenario> filteredFetch() {
        return Optional.empty();
    }

    /** The text of a class-path resource of the plugin's test (e.g. a fixture copied into src/test/resources). */
    protected final String fixture(String resource) {
        String name = resource.startsWith("/") ? resource : "/" + resource;
        try (InputStream in = getClass().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name + " on the class path of " + getClass().getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading test resource " + name + " failed", e);
        }
    }
}
