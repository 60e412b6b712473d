package io.usage4j.spark.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usage4j.core.ConfigurationException;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageSources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The options of a {@code usage4j} read, parsed and checked on the driver. Every error names the
 * option and what to do; none echoes a credential.
 */
public final class ReadOptions {
    /** First day, inclusive, UTC ({@code YYYY-MM-DD}). */
    public static final String FROM = "from";
    /** Last day, exclusive, UTC ({@code YYYY-MM-DD}). */
    public static final String TO = "to";
    /** Usage URLs, separated by new lines or commas. */
    public static final String URLS = "urls";
    /** A file (any Hadoop file system path) of usage URLs, one per line; blank lines and {@code #} comments are skipped. */
    public static final String URLS_FILE = "urls_file";
    /** Metric or SKU ids to keep (SkuId or SkuMeter), comma separated: {@code UsageQuery.metrics()}, pushed to APIs that filter. */
    public static final String METRICS = "metrics";
    /** Prefix of the cap on the concurrent tasks reading one provider: {@code max_concurrent_tasks.<provider>}. */
    public static final String MAX_CONCURRENT_TASKS = "max_concurrent_tasks";

    private static final Set<String> PLAIN = Set.of(FROM, TO, URLS, URLS_FILE, METRICS, "path", "paths");
    /** Between two URLs: a new line, or a comma followed by the next URL (URL options may hold commas). */
    private static final Pattern URL_SEPARATOR = Pattern.compile("\\R|,(?=\\s*usage:)");

    private final LocalDate from;
    private final LocalDate to;
    private final List<String> urls;
    private final ProviderSettings settings;
    private final Map<String, Integer> maxConcurrentTasks;
    private final Set<String> metrics;

    private ReadOptions(LocalDate from, LocalDate to, List<String> urls, ProviderSettings settings,
            Map<String, Integer> maxConcurrentTasks, Set<String> metrics) {
        this.metrics = metrics;
        this.from = from;
        this.to = to;
        this.urls = urls;
        this.settings = settings;
        this.maxConcurrentTasks = maxConcurrentTasks;
    }

    /**
     * Parses and checks {@code options} against the providers {@code installed} on the driver.
     *
     * @throws ConfigurationException for a missing or malformed option, an unknown option or provider
     *     property, a URL given twice, or no URL at all
     */
    public static ReadOptions parse(CaseInsensitiveStringMap options, UsageSources installed) {
        LocalDate from = date(options, FROM);
        LocalDate to = date(options, TO);
        if (!from.isBefore(to)) {
            throw new ConfigurationException(null, "usage4j option 'from' (" + from + ") must be before 'to' (" + to
                    + "); 'to' is exclusive: for the single day " + from + " use to=" + from.plusDays(1), null);
        }
        Map<String, Map<String, String>> properties = new TreeMap<>();
        Set<String> secretKeys = new HashSet<>();
        Map<String, Integer> caps = new TreeMap<>();
        for (Map.Entry<String, String> option : new TreeMap<>(options.asCaseSensitiveMap()).entrySet()) {
            String key = option.getKey().toLowerCase(Locale.ROOT);
            int dot = key.indexOf('.');
            if (dot < 0) {
                if (!PLAIN.contains(key)) {
                    throw new ConfigurationException(null, "unknown usage4j option '" + key + "'; the options are "
                            + new TreeSet<>(PLAIN) + ", " + MAX_CONCURRENT_TASKS + ".<provider> and <provider>.<property>"
                            + " for the installed providers " + ids(installed), null);
                }
                continue;
            }
            String prefix = key.substring(0, dot);
            String rest = key.substring(dot + 1);
            if (prefix.equals(MAX_CONCURRENT_TASKS)) {
                provider(installed, rest, key);
                caps.put(rest, positive(key, option.getValue()));
                continue;
            }
            UsageSourceProvider provider = provider(installed, prefix, key);
            ProviderProperty declared = provider.properties().stream().filter(p -> p.name().equals(rest)).findFirst()
                    .orElseThrow(() -> new ConfigurationException(provider.id(), "unknown usage4j option '" + key + "': "
                            + provider.id() + " reads " + provider.properties().stream().map(ProviderProperty::name).toList()
                            + ", given as " + provider.id() + ".<property>", null));
            properties.computeIfAbsent(provider.id(), id -> new LinkedHashMap<>()).put(rest, option.getValue());
            if (declared.secret()) {
                secretKeys.add(key);
            }
        }
        List<String> urls = urls(options);
        Set<String> metrics = new LinkedHashSet<>();
        if (options.containsKey(METRICS)) {
            for (String metric : options.get(METRICS).split(",")) {
                if (!metric.isBlank()) {
                    metrics.add(metric.trim());
                }
            }
        }
        return new ReadOptions(from, to, urls, new ProviderSettings(properties, secretKeys), Map.copyOf(caps),
                Set.copyOf(metrics));
    }

    private static UsageSourceProvider provider(UsageSources installed, String id, String key) {
        return installed.provider(id).orElseThrow(() -> new ConfigurationException(null, "usage4j option '" + key
                + "' names no installed usage provider '" + id + "'; installed: " + ids(installed)
                + ". Add the provider jar (io.usage4j:provider-" + id + ") to the job", null));
    }

    private static List<String> ids(UsageSources installed) {
        return installed.list().stream().map(UsageSourceProvider::id).toList();
    }

    private static LocalDate date(CaseInsensitiveStringMap options, String name) {
        String text = options.get(name);
        if (text == null || text.isBlank()) {
            throw new ConfigurationException(null, "usage4j option '" + name + "' is required: a UTC date YYYY-MM-DD"
                    + (name.equals(TO) ? ", exclusive" : ", inclusive"), null);
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(null, "usage4j option '" + name + "' must be a date YYYY-MM-DD (got '"
                    + text + "')", null);
        }
    }

    private static int positive(String key, String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ConfigurationException(null, "usage4j option '" + key + "' must be a whole number of at least 1 (got '"
                + text + "')", null);
    }

    private static List<String> urls(CaseInsensitiveStringMap options) {
        List<String> given = new ArrayList<>();
        if (options.containsKey("path")) {
            given.addAll(split(options.get("path")));
        }
        if (options.containsKey("paths")) {
            try {
                for (String path : new ObjectMapper().readValue(options.get("paths"), String[].class)) {
                    given.addAll(split(path));
                }
            } catch (JsonProcessingException e) {
                throw new ConfigurationException(null, "usage4j could not read the load(...) paths: " + e.getOriginalMessage(), null);
            }
        }
        if (options.containsKey(URLS)) {
            given.addAll(split(options.get(URLS)));
        }
        if (options.containsKey(URLS_FILE)) {
            given.addAll(readFile(options.get(URLS_FILE)));
        }
        if (given.isEmpty()) {
            throw new ConfigurationException(null, "usage4j read names no usage URL: pass them to load(\"usage:cloudflare:<id>,...\"),"
                    + " as the option 'urls' (new line or comma separated) or as the option 'urls_file' (a file, one per line)", null);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String url : given) {
            if (!seen.add(url)) {
                throw new ConfigurationException(null, "usage URL " + url + " is given twice; each account is read once,"
                        + " so remove the duplicate (a DataFrame of URLs: select distinct)", null);
            }
        }
        return List.copyOf(seen);
    }

    private static List<String> split(String text) {
        List<String> urls = new ArrayList<>();
        for (String part : URL_SEPARATOR.split(text)) {
            String url = part.trim();
            if (!url.isEmpty() && !url.startsWith("#")) {
                urls.add(url);
            }
        }
        return urls;
    }

    private static List<String> readFile(String file) {
        Path path = new Path(file);
        Configuration conf = SparkContext.getOrCreate().hadoopConfiguration();
        // The FileSystem is Hadoop's shared, cached instance: close the stream only, never the file system.
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(path.getFileSystem(conf).open(path),
                     StandardCharsets.UTF_8))) {
            List<String> urls = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                urls.addAll(split(line));
            }
            return urls;
        } catch (IOException e) {
            throw new ConfigurationException(null, "usage4j option 'urls_file': cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** First day, inclusive. */
    public LocalDate from() {
        return from;
    }

    /** Last day, exclusive. */
    public LocalDate to() {
        return to;
    }

    /** The usage URLs, in the order given, each once. */
    public List<String> urls() {
        return urls;
    }

    /** The provider properties. */
    public ProviderSettings settings() {
        return settings;
    }

    /** The metric or SKU ids to keep; empty: all. */
    public Set<String> metrics() {
        return metrics;
    }

    /** The cap on concurrent tasks by provider id; a provider absent here is not capped. */
    public Map<String, Integer> maxConcurrentTasks() {
        return maxConcurrentTasks;
    }
}
