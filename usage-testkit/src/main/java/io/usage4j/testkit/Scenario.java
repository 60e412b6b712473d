package io.usage4j.testkit;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One fetch the conformance suite runs against WireMock: the query, the stubs that answer it (built
 * from the plugin's fixtures), the records the plugin must return, in order, and the requests the
 * suite may fault.
 *
 * <p>Stubs are registered as given; the suite adds its faults in front of them. Every stub must be
 * requested exactly once by the fetch (so "all pages and windows are read, none twice" can be checked).
 */
public final class Scenario {
    private final UsageQuery query;
    private final List<MappingBuilder> stubs;
    private final List<UsageRecord> expected;
    private final String faultPath;
    private final String laterRequestPath;
    private final String laterRequestBody;

    private Scenario(Builder builder) {
        this.query = Objects.requireNonNull(builder.query, "query is null");
        this.stubs = List.copyOf(builder.stubs);
        this.expected = List.copyOf(builder.expected);
        this.faultPath = Objects.requireNonNull(builder.faultPath, "faultPath is null: name the URL path of a request to fault");
        this.laterRequestPath = builder.laterRequestPath;
        this.laterRequestBody = builder.laterRequestBody;
        if (stubs.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one stub");
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The query to fetch. */
    public UsageQuery query() {
        return query;
    }

    /** The WireMock stubs that answer the query. */
    public List<MappingBuilder> stubs() {
        return stubs;
    }

    /** The records the fetch must return, in order. */
    public List<UsageRecord> expected() {
        return expected;
    }

    /** A regular expression matching the URL path of the first request, which the suite faults. */
    public String faultPath() {
        return faultPath;
    }

    /**
     * For a multi-request scenario: a regular expression matching the URL path (and, where paths are
     * equal, use {@link Builder#laterRequest(String)} with a distinguishing path) of a request made
     * after the first; the suite fails it persistently to check a failure mid-stream throws.
     */
    public Optional<String> laterRequestPath() {
        return Optional.ofNullable(laterRequestPath);
    }

    /**
     * For a multi-request scenario whose requests share a URL and differ by their body (a POST per
     * window): text the later request's body contains.
     */
    public Optional<String> laterRequestBody() {
        return Optional.ofNullable(laterRequestBody);
    }

    /** Builds a {@link Scenario}. */
    public static final class Builder {
        private UsageQuery query;
        private final List<MappingBuilder> stubs = new ArrayList<>();
        private final List<UsageRecord> expected = new ArrayList<>();
        private String faultPath;
        private String laterRequestPath;
        private String laterRequestBody;

        private Builder() {}

        /** The query to fetch. */
        public Builder query(UsageQuery query) {
            this.query = query;
            return this;
        }

        /** A stub answering one request of the fetch. */
        public Builder stub(MappingBuilder stub) {
            stubs.add(Objects.requireNonNull(stub, "stub is null"));
            return this;
        }

        /** Stubs answering the requests of the fetch. */
        public Builder stubs(List<MappingBuilder> stubs) {
            stubs.forEach(this::stub);
            return this;
        }

        /** The records expected, in order. */
        public Builder expect(UsageRecord... records) {
            expected.addAll(List.of(records));
            return this;
        }

        /** The records expected, in order. */
        public Builder expect(List<UsageRecord> records) {
            expected.addAll(records);
            return this;
        }

        /** A regular expression for the URL path of the first request, which the suite may fault. */
        public Builder faultPath(String pathRegex) {
            this.faultPath = pathRegex;
            return this;
        }

        /**
         * A regular expression for the URL (path and query) of a request made after the first, which the
         * suite fails to check that a failure mid-stream throws.
         */
        public Builder laterRequest(String urlRegex) {
            this.laterRequestPath = urlRegex;
            return this;
        }

        /**
         * Like {@link #laterRequest(String)}, for requests that share a URL: the later request is the one
         * to {@code urlRegex} whose body contains {@code bodyContains}.
         */
        public Builder laterRequest(String urlRegex, String bodyContains) {
            this.laterRequestPath = urlRegex;
            this.laterRequestBody = Objects.requireNonNull(bodyContains, "bodyContains is null");
            return this;
        }

        /** Builds the scenario. */
        public Scenario build() {
            return new Scenario(this);
        }
    }
}
