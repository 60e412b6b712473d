package io.usage4j.spi.testproviders;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.SourceConfig;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

/** A source built the way a provider builds one, minus HTTP: plan windows, "fetch" each, filter on the client. */
public final class InMemoryUsageSource implements UsageSource {
    private final String providerId;
    private final SourceCapabilities capabilities;
    private final String account;
    private final SourceConfig config;
    private final Function<Window, List<UsageRecord>> perWindow;
    private final boolean metricPushedDown;
    private final List<Window> requested = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    InMemoryUsageSource(String providerId, SourceCapabilities capabilities, String account, SourceConfig config,
            Function<Window, List<UsageRecord>> perWindow, boolean metricPushedDown) {
        this.providerId = providerId;
        this.capabilities = capabilities;
        this.account = account;
        this.config = config;
        this.perWindow = perWindow;
        this.metricPushedDown = metricPushedDown;
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public SourceCapabilities capabilities() {
        return capabilities;
    }

    /** The configuration the source was opened with. */
    public SourceConfig config() {
        return config;
    }

    /** The account the URL named. */
    public String account() {
        return account;
    }

    List<Window> requestedWindows() {
        return List.copyOf(requested);
    }

    @Override
    public Stream<UsageRecord> fetch(UsageQuery query) {
        Objects.requireNonNull(query, "query is null");
        if (closed) {
            throw new IllegalStateException(providerId + " source is closed");
        }
        List<Window> windows = QueryPlanner.create().windows(providerId, query, capabilities);
        Stream<UsageRecord> fetched = windows.stream().flatMap(window -> {
            requested.add(window);
            Stream<UsageRecord> records = perWindow.apply(window).stream();
            return metricPushedDown ? MemoryUsageSourceProvider.byMetric(records, query.metrics()) : records;
        });
        return QueryPlanner.applyClientSide(fetched, query, capabilities);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "InMemoryUsageSource[" + providerId + ", " + config + "]";
    }
}
