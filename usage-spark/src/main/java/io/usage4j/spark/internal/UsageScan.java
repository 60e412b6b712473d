package io.usage4j.spark.internal;

import io.usage4j.core.ConfigurationException;
import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.plan.QueryPlanner;
import io.usage4j.core.plan.Window;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageSources;
import io.usage4j.spi.UsageUrl;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;

/**
 * The planned read, on the driver: one split per (usage URL × provider window), the windows cut by
 * core's {@link QueryPlanner} from the provider's declared capabilities, without a request.
 */
final class UsageScan implements Scan, Batch {
    private final ReadOptions options;
    private final StructType readSchema;
    private final LocalDate from;
    private final LocalDate to;
    private final Set<String> accounts;
    private List<UsagePartition> partitions;

    UsageScan(ReadOptions options, StructType readSchema, LocalDate from, LocalDate to, Set<String> accounts) {
        this.options = options;
        this.readSchema = readSchema;
        this.from = from;
        this.to = to;
        this.accounts = accounts;
    }

    @Override
    public StructType readSchema() {
        return readSchema;
    }

    /** What the plan string shows: no credential, no URL list. */
    @Override
    public String description() {
        Map<String, Integer> byProvider = new TreeMap<>();
        for (String url : options.urls()) {
            byProvider.merge(UsageUrl.parse(url).provider(), 1, Integer::sum);
        }
        int splits = plan().stream().mapToInt(p -> p.reads().size()).sum();
        return "usage4j [URLs " + byProvider + ", range [" + from + ", " + to + ")"
                + (accounts == null ? "" : ", BillingAccountId in " + accounts.size() + " value(s)")
                + (options.metrics().isEmpty() ? "" : ", metrics " + new java.util.TreeSet<>(options.metrics()))
                + ", " + splits + " splits in " + plan().size() + " partitions"
                + (options.maxConcurrentTasks().isEmpty() ? "" : ", max concurrent tasks " + options.maxConcurrentTasks())
                + "]";
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        return plan().toArray(InputPartition[]::new);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new UsageReaderFactory(options.settings(), readSchema, from, accounts, options.metrics());
    }

    private synchronized List<UsagePartition> plan() {
        if (partitions == null) {
            partitions = plan(UsageSources.installed());
        }
        return partitions;
    }

    private List<UsagePartition> plan(UsageSources installed) {
        if (!from.isBefore(to)) {
            return List.of(); // the pushed filters leave no day to read
        }
        QueryPlanner planner = QueryPlanner.create();
        UsageQuery query = UsageQuery.between(from, to);
        Map<String, List<SplitRead>> byProvider = new LinkedHashMap<>();
        for (String url : options.urls()) {
            UsageUrl parsed = UsageUrl.parse(url);
            UsageSourceProvider provider = installed.provider(parsed.provider()).orElseThrow(() -> new ConfigurationException(
                    null, "usage URL " + parsed + " names no installed usage provider; installed: "
                    + installed.list().stream().map(UsageSourceProvider::id).toList()
                    + ". Add the provider jar (io.usage4j:provider-" + parsed.provider() + ") to the job", null));
            checkUrlOptions(parsed, provider);
            SourceCapabilities capabilities = provider.capabilities();
            String shown = parsed.toString();
            for (Window window : planner.windows(provider.id(), query, capabilities)) {
                LocalDate start = window.start().isBefore(from) ? from : window.start();
                LocalDate end = window.end().isAfter(to) ? to : window.end();
                byProvider.computeIfAbsent(provider.id(), id -> new ArrayList<>())
                        .add(new SplitRead(url, shown, provider.id(), start, end));
            }
        }
        List<List<SplitRead>> groups = new ArrayList<>();
        byProvider.forEach((id, splits) -> {
            Integer cap = options.maxConcurrentTasks().get(id);
            if (cap == null || splits.size() <= cap) {
                splits.forEach(split -> groups.add(List.of(split)));
            } else {
                // At most `cap` tasks read this provider, so at most `cap` are in flight at once, cluster-wide.
                // Contiguous chunks keep one URL's windows together (one source per URL in a task).
                for (int i = 0; i < cap; i++) {
                    int start = (int) ((long) splits.size() * i / cap);
                    int end = (int) ((long) splits.size() * (i + 1) / cap);
                    groups.add(List.copyOf(splits.subList(start, end)));
                }
            }
        });
        // Longest partitions first, so the capped ones do not start last and stretch the job.
        groups.sort((a, b) -> Integer.compare(b.size(), a.size()));
        List<UsagePartition> planned = new ArrayList<>(groups.size());
        for (List<SplitRead> group : groups) {
            planned.add(new UsagePartition(planned.size(), group));
        }
        return List.copyOf(planned);
    }

    /** What the executors would refuse, refused on the driver: a credential or an unknown option in a URL. */
    private static void checkUrlOptions(UsageUrl url, UsageSourceProvider provider) {
        for (String option : url.options().keySet()) {
            ProviderProperty property = provider.properties().stream().filter(p -> p.name().equals(option)).findFirst()
                    .orElseThrow(() -> new ConfigurationException(provider.id(), "usage URL " + url + " has the unknown option '"
                            + option + "'; " + provider.id() + " reads " + provider.properties().stream()
                            .map(ProviderProperty::name).toList(), null));
            if (property.secret()) {
                throw new ConfigurationException(provider.id(), "usage URL " + url + " carries the credential '" + option
                        + "'; URLs are shown in plans and logs, so give it as the option " + provider.id() + "." + option
                        + " or in the executors' environment", null);
            }
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
