package io.usage4j.spark;

import io.usage4j.spark.internal.FocusSchema;
import io.usage4j.spark.internal.ReadOptions;
import io.usage4j.spark.internal.UsageTable;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.UsageUrl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The Spark data source {@code usage4j} (DataSource V2, batch read).
 *
 * <p>Options:
 * <ul>
 *   <li>{@code from}, {@code to}: the UTC date range, {@code to} exclusive ({@code YYYY-MM-DD}); required.
 *   <li>Usage URLs, each account once, from any of: {@code load("usage:...,usage:...")} (comma or new line
 *       separated; a comma inside a URL's options is kept), {@code urls} (the same, as an option),
 *       {@code urls_file} (a file on any Hadoop file system, one URL per line, {@code #} comments).
 *       For a DataFrame of URLs use {@link UsageSpark#urls}.
 *   <li>{@code <provider>.<property>}: a property of the provider, e.g. {@code cloudflare.token},
 *       {@code cloudflare.base_url}, {@code fastly.rate_limit}; the names each provider reads are
 *       checked on the driver. A property not given falls back, on each executor, to the environment
 *       variables the provider documents.
 *   <li>{@code metrics}: metric or SKU ids to keep, comma separated ({@code UsageQuery.metrics()}).
 *   <li>{@code max_concurrent_tasks.<provider>}: at most this many tasks read the provider at once,
 *       across the cluster (its splits are packed into that many partitions).
 * </ul>
 */
public final class UsageDataSource implements TableProvider, DataSourceRegister {

    /** Instantiated by Spark. */
    public UsageDataSource() {
        // stateless
    }

    @Override
    public String shortName() {
        return "usage4j";
    }

    /** The FOCUS columns plus the extension columns the providers of the given URLs declare. */
    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        Objects.requireNonNull(options, "options is null");
        UsageSources installed = UsageSources.installed();
        ReadOptions read = ReadOptions.parse(options, installed);
        return FocusSchema.schema(extensions(read, installed));
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(properties, "properties is null");
        return new UsageTable(schema, ReadOptions.parse(new CaseInsensitiveStringMap(properties), UsageSources.installed()));
    }

    private static List<String> extensions(ReadOptions read, UsageSources installed) {
        Set<String> providers = new LinkedHashSet<>();
        for (String url : read.urls()) {
            providers.add(UsageUrl.parse(url).provider());
        }
        List<String> extensions = new ArrayList<>();
        providers.stream().sorted().forEach(id -> installed.provider(id)
                .map(UsageSourceProvider::capabilities)
                .ifPresent(capabilities -> extensions.addAll(capabilities.extensionColumns())));
        return extensions;
    }

    @Override
    public String toString() {
        return "usage4j";
    }
}
