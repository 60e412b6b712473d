package io.usage4j.dataset;

import io.usage4j.core.Granularity;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.TransientException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.core.WindowUnit;
import java.time.Period;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterators;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An in-memory source for the sync engine's tests: its upstream data can change between syncs, it
 * counts its queries, and it can fail at once or after some rows, the ways a real source fails.
 * Tests of the whole path over real HTTP are in usage-cli (sync against WireMock and the sandbox).
 */
final class FakeSource implements UsageSource {
    private final String provider;
    private final SourceCapabilities capabilities;
    private volatile List<UsageRecord> upstream = List.of();
    private volatile boolean failing;
    private volatile int failAfter = -1;
    private volatile Runnable midStream;
    final List<UsageQuery> queries = new CopyOnWriteArrayList<>();

    FakeSource(String provider, SourceCapabilities capabilities) {
        this.provider = provider;
        this.capabilities = capabilities;
    }

    FakeSource(String provider) {
        this(provider, SourceCapabilities.builder().granularity(Granularity.DAY).windowUnit(WindowUnit.DAYS).windowSize(31)
                .finalityLag(Period.ofDays(5)).addExtensionColumns(Rows.EXTENSION).build());
    }

    FakeSource upstream(List<UsageRecord> records) {
        this.upstream = List.copyOf(records);
        return this;
    }

    List<UsageRecord> upstream() {
        return upstream;
    }

    /** Every query fails with a transient error from now on (or no longer). */
    FakeSource failing(boolean failing) {
        this.failing = failing;
        return this;
    }

    /** The next queries fail after {@code rows} rows. */
    FakeSource failAfter(int rows) {
        this.failAfter = rows;
        return this;
    }

    /** Runs {@code action} after the first row of every query (the child JVM test waits there to be killed). */
    FakeSource midStream(Runnable action) {
        this.midStream = action;
        return this;
    }

    @Override
    public String providerId() {
        return provider;
    }

    @Override
    public SourceCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public Stream<UsageRecord> fetch(UsageQuery query) {
        queries.add(query);
        if (failing) {
            throw new TransientException(provider, "HTTP 503 from " + provider + " (test): try again later", null);
        }
        List<UsageRecord> rows = new ArrayList<>(upstream.stream().filter(query::overlaps).toList());
        int limit = failAfter;
        Runnable hook = midStream;
        Iterator<UsageRecord> iterator = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                if (limit >= 0 && next >= limit) {
                    throw new TransientException(provider, "connection reset by " + provider + " after " + next + " rows (test)", null);
                }
                return next < rows.size();
            }

            @Override
            public UsageRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (next == 1 && hook != null) {
                    hook.run();
                }
                return rows.get(next++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, 0), false);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
