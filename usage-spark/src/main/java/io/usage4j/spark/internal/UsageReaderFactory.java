package io.usage4j.spark.internal;

import java.time.LocalDate;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Shipped to the executors with each task: the provider properties (secret values masked in
 * {@link #toString()}), the columns to read, the start of the read range and the account filter.
 */
final class UsageReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    private final ProviderSettings settings;
    private final StructType readSchema;
    private final LocalDate from;
    private final Set<String> accounts;
    private final Set<String> metrics;

    UsageReaderFactory(ProviderSettings settings, StructType readSchema, LocalDate from, Set<String> accounts,
            Set<String> metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.readSchema = readSchema;
        this.from = from;
        this.accounts = accounts;
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        return new UsagePartitionReader((UsagePartition) partition, settings, readSchema, from, accounts, metrics);
    }

    @Override
    public String toString() {
        return "UsageReaderFactory[" + settings + ", " + readSchema.fields().length + " columns, from " + from + "]";
    }
}
