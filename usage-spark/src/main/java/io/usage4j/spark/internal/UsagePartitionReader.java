package io.usage4j.spark.internal;

import io.usage4j.core.UsageException;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.spark.UsageSplitException;
import io.usage4j.spi.UsageSources;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a partition's splits on an executor, one after another: opens the split's source through
 * {@link UsageSources} (the providers on the executor's class path), streams the split's window and
 * turns each record into a row of the requested columns. Memory holds one record at a time, beyond
 * what the source buffers.
 *
 * <p>A record belongs to exactly one split, the one whose window holds the later of its
 * ChargePeriodStart and the read's first day; so a record spanning two windows (a monthly charge
 * served to a daily window, say) is read once, and the union of the splits is what
 * {@code UsageSource.fetch} answers for the whole range.
 */
final class UsagePartitionReader implements PartitionReader<InternalRow> {
    private final List<SplitRead> reads;
    private final ProviderSettings settings;
    private final Instant readStart;
    private final Set<String> accounts;
    private final Set<String> metrics;
    private final FocusSchema.Getter[] getters;
    /**
     * The providers of the last task's class loader, discovered once per executor JVM rather than once
     * per task: a task's context class loader is the executor's, holding the jars the job added. One
     * entry, so a new loader (another session's jars) replaces it instead of piling up.
     */
    private static volatile Installed last;

    private record Installed(ClassLoader loader, UsageSources sources) {}

    private int next;
    private SplitRead split;
    private UsageSource source;
    private String sourceUrl;
    private Stream<UsageRecord> stream;
    private Iterator<UsageRecord> records;
    private InternalRow row;

    UsagePartitionReader(UsagePartition partition, ProviderSettings settings, StructType readSchema, LocalDate from,
            Set<String> accounts, Set<String> metrics) {
        this.metrics = metrics;
        this.reads = partition.reads();
        this.settings = settings;
        this.readStart = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        this.accounts = accounts;
        this.getters = FocusSchema.getters(readSchema);
    }

    @Override
    public boolean next() {
        while (true) {
            if (records == null) {
                if (next == reads.size()) {
                    return false;
                }
                split = reads.get(next++);
                start();
            }
            try {
                while (records.hasNext()) {
                    UsageRecord record = records.next();
                    if (owned(record) && (accounts == null || accounts.contains(record.billingAccountId()))) {
                        row = convert(record);
                        return true;
                    }
                }
            } catch (UsageException e) {
                throw new UsageSplitException(split.shownUrl(), split.window(), e);
            }
            closeStream();
        }
    }

    private void start() {
        try {
            if (source == null || !sourceUrl.equals(split.url())) {
                closeSource();
                source = installed().openSource(split.url(), settings.of(split.providerId()));
                sourceUrl = split.url();
            }
            stream = source.fetch(UsageQuery.builder().from(split.start()).to(split.end()).metrics(metrics).build());
            records = stream.iterator();
        } catch (UsageException e) {
            throw new UsageSplitException(split.shownUrl(), split.window(), e);
        }
    }

    private static UsageSources installed() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            return UsageSources.installed();
        }
        Installed cached = last;
        if (cached == null || cached.loader() != loader) {
            cached = new Installed(loader, UsageSources.builder().classLoader(loader).build());
            last = cached;
        }
        return cached.sources();
    }

    private boolean owned(UsageRecord record) {
        Instant start = record.chargePeriodStart().isBefore(readStart) ? readStart : record.chargePeriodStart();
        return !start.isBefore(split.start().atStartOfDay(ZoneOffset.UTC).toInstant())
                && start.isBefore(split.end().atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private InternalRow convert(UsageRecord record) {
        Object[] values = new Object[getters.length];
        for (int i = 0; i < getters.length; i++) {
            values[i] = getters[i].get(record);
        }
        return new GenericInternalRow(values);
    }

    @Override
    public InternalRow get() {
        return row;
    }

    private void closeStream() {
        records = null;
        if (stream != null) {
            Stream<UsageRecord> open = stream;
            stream = null;
            open.close();
        }
    }

    private void closeSource() {
        if (source != null) {
            UsageSource open = source;
            source = null;
            open.close();
        }
    }

    @Override
    public void close() {
        try {
            closeStream();
        } finally {
            closeSource();
        }
    }

    @Override
    public String toString() {
        return "UsagePartitionReader[" + (split == null ? "not started" : split.toString()) + "]";
    }
}
