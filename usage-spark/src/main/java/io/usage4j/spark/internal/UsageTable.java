package io.usage4j.spark.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The {@code usage4j} table of one read: its FOCUS schema and the options it was loaded with. */
public final class UsageTable implements SupportsRead {
    private final StructType schema;
    private final ReadOptions options;

    /** A table of {@code schema} read with {@code options}. */
    public UsageTable(StructType schema, ReadOptions options) {
        this.schema = schema;
        this.options = options;
    }

    /** Only the source's name: the plan string shows it, so it carries neither URLs nor options. */
    @Override
    public String name() {
        return "usage4j";
    }

    @Override
    public Column[] columns() {
        return Arrays.stream(schema.fields()).map(f -> Column.create(f.name(), f.dataType(), f.nullable()))
                .toArray(Column[]::new);
    }

    @Override
    public Set<TableCapability> capabilities() {
        return EnumSet.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
        return new UsageScanBuilder(schema, options);
    }

    @Override
    public String toString() {
        return "UsageTable[" + options.urls().size() + " usage URLs]";
    }
}
