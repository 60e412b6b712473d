package io.usage4j.spi;

import io.usage4j.core.ConfigurationException;
import io.usage4j.core.UsageSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "driver manager": finds {@link UsageSourceProvider}s with {@link ServiceLoader} and opens
 * sources by usage URL.
 *
 * <pre>{@code
 * try (UsageSource cf = UsageSources.open("usage:cloudflare:023e105f4ecef8ad9ca31a8372d0c353");
 *      Stream<UsageRecord> rows = cf.fetch(UsageQuery.between(from, to))) {
 *     rows.forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Configuration is merged in this order, later winning: the URL's options, then the caller's
 * properties; a property still unset falls back to the environment variables the provider documents.
 * Credentials are refused in the URL (URLs end up in logs). Unknown property names are refused, so a
 * typo never silently falls back to a default.
 *
 * <p>Discovery tells the truth: a provider jar that fails to load is logged and reported in the
 * error for an unknown provider, two providers with the same id fail naming both classes, and
 * providers are listed sorted by id.
 */
public final class UsageSources {
    private static final Logger LOG = LoggerFactory.getLogger(UsageSources.class);
    /** The provider part of a usage URL; see {@link UsageUrl}. */
    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z][a-z0-9-]*");

    private final Map<String, UsageSourceProvider> providers;
    private final List<String> loadFailures;
    private final Function<String, String> environment;
    private final SourceRuntime runtime;

    private UsageSources(Map<String, UsageSourceProvider> providers, List<String> loadFailures,
            Function<String, String> environment, SourceRuntime runtime) {
        this.providers = providers;
        this.loadFailures = loadFailures;
        this.environment = environment;
        this.runtime = runtime;
    }

    /** A registry of the providers visible to the thread's context class loader, reading the process environment. */
    public static UsageSources installed() {
        return builder().build();
    }

    /** A builder to choose the class loader and the environment lookup. */
    public static Builder builder() {
        return new Builder();
    }

    /** Opens {@code url} with the installed providers and no extra properties. */
    public static UsageSource open(String url) {
        return installed().openSource(url, Map.of());
    }

    /** Opens {@code url} with the installed providers and {@code properties}. */
    public static UsageSource open(String url, Map<String, String> properties) {
        return installed().openSource(url, properties);
    }

    /** The installed providers, sorted by id. */
    public static List<UsageSourceProvider> providers() {
        return installed().list();
    }

    /** The providers of this registry, sorted by id. */
    public List<UsageSourceProvider> list() {
        return List.copyOf(providers.values());
    }

    /** The provider with {@code id}, if installed. */
    public Optional<UsageSourceProvider> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    /** Why providers failed to load, one line each (empty when all loaded). */
    public List<String> loadFailures() {
        return loadFailures;
    }

    /**
     * Opens a source for {@code url}.
     *
     * @throws ConfigurationException if the URL is malformed, names no installed provider (the message
     *     lists the installed ones and any that failed to load), carries a credential, or the
     *     configuration is incomplete or wrong
     */
    public UsageSource openSource(String url, Map<String, String> properties) {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(properties, "properties is null");
        UsageUrl parsed = UsageUrl.parse(url);
        UsageSourceProvider provider = providers.get(parsed.provider());
        if (provider == null) {
            throw new ConfigurationException(null, unknownProvider(parsed.provider()), null);
        }
        SourceConfig config = configure(provider, parsed, properties);
        LOG.debug("opening {} with {}", parsed, config);
        return provider.open(parsed, config);
    }

    private String unknownProvider(String id) {
        StringBuilder message = new StringBuilder("no usage provider '").append(id).append("' is installed; ");
        if (providers.isEmpty()) {
            message.append("none is: add a provider jar such as io.usage4j:provider-").append(id).append(" to the class path");
        } else {
            message.append("installed: ").append(String.join(", ", providers.keySet()))
                    .append(". Add the provider jar to the class path, or fix the URL");
        }
        if (!loadFailures.isEmpty()) {
            message.append(". Providers that failed to load: ").append(String.join("; ", loadFailures));
        }
        return message.toString();
    }

    private SourceConfig configure(UsageSourceProvider provider, UsageUrl url, Map<String, String> properties) {
        Map<String, ProviderProperty> declared = new LinkedHashMap<>();
        for (ProviderProperty property : provider.properties()) {
            declared.put(property.name(), property);
        }
        for (String option : url.options().keySet()) {
            ProviderProperty property = declared.get(option);
            if (property != null && property.secret()) {
                throw new ConfigurationException(provider.id(), "credential '" + option
                        + "' must not be given in the usage URL (URLs are logged); set " + property.whereToSet(), null);
            }
        }
        Map<String, String> merged = new LinkedHashMap<>(url.options());
        properties.forEach((key, value) -> {
            Objects.requireNonNull(key, "property name is null");
            if (value != null) { // a null value means "not given", so the environment fallback applies
                merged.put(key, value);
            }
        });
        List<String> unknown = Stream.concat(url.options().keySet().stream(), properties.keySet().stream())
                .filter(k -> !declared.containsKey(k)).distinct().sorted().toList();
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(provider.id(), "unknown propert" + (unknown.size() == 1 ? "y " : "ies ")
                    + unknown + "; " + provider.id() + " reads " + declared.keySet(), null);
        }
        for (ProviderProperty property : declared.values()) {
            String value = merged.get(property.name());
            if (value == null || value.isBlank()) {
                for (String variable : property.environmentVariables()) {
                    String fromEnv = environment.apply(variable);
                    if (fromEnv != null && !fromEnv.isBlank()) {
                        merged.put(property.name(), fromEnv);
                        break;
                    }
                }
            }
        }
        SourceConfig config = SourceConfig.of(provider.id(), merged, declared.values(), runtime);
        for (ProviderProperty property : declared.values()) {
            if (property.required()) {
                config.require(property.name());
            }
        }
        return config;
    }

    /** Chooses where providers come from and how environment variables are read. */
    public static final class Builder {
        private ClassLoader classLoader;
        private Function<String, String> environment = System::getenv;
        private SourceRuntime runtime = SourceRuntime.system();

        private Builder() {}

        /**
         * The clock and sleeper every source opened by the registry uses (default: the system clock
         * and real sleeping); tests pass one that records retry delays.
         */
        public Builder runtime(SourceRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime is null");
            return this;
        }

        /** Discover providers with {@code classLoader} (default: the thread's context class loader). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader is null");
            return this;
        }

        /** Read environment variables through {@code environment} (default: {@link System#getenv(String)}). */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment is null");
            return this;
        }

        /**
         * Discovers the providers.
         *
         * @throws ConfigurationException if two providers share an id (naming both classes)
         */
        public UsageSources build() {
            ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
            ServiceLoader<UsageSourceProvider> serviceLoader = loader == null
                    ? ServiceLoader.load(UsageSourceProvider.class)
                    : ServiceLoader.load(UsageSourceProvider.class, loader);
            Map<String, UsageSourceProvider> found = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            Iterator<UsageSourceProvider> iterator = serviceLoader.iterator();
            while (true) {
                UsageSourceProvider provider;
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    provider = iterator.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                    LOG.warn("a usage provider failed to load and is skipped: {}", failure, e);
                    failures.add(failure);
                    continue;
                }
                // One broken plugin must not hide the others, and an id no usage URL can name is unusable.
                String id;
                String failure = null;
                try {
                    id = provider.id();
                    if (id == null || !PROVIDER_ID.matcher(id).matches()) {
                        failure = provider.getClass().getName() + " has the id " + (id == null ? "null" : "'" + id + "'")
                                + ", which no usage URL can name (lower case letters, digits and '-', starting with a letter)";
                    }
                } catch (RuntimeException e) {
                    id = null;
                    failure = provider.getClass().getName() + ".id() failed: " + e;
                }
                if (failure != null) {
                    LOG.warn("a usage provider is skipped: {}", failure);
                    failures.add(failure);
                    continue;
                }
                UsageSourceProvider previous = found.putIfAbsent(id, provider);
                if (previous != null) {
                    throw new ConfigurationException(null, "two usage providers have the id '" + id + "': "
                            + previous.getClass().getName() + " and " + provider.getClass().getName()
                            + "; remove one of the jars from the class path", null);
                }
            }
            return new UsageSources(found.values().stream().sorted(Comparator.comparing(UsageSourceProvider::id))
                    .collect(Collectors.toMap(UsageSourceProvider::id, p -> p, (a, b) -> a, LinkedHashMap::new)),
                    List.copyOf(failures), environment, runtime);
        }
    }
}
