package io.usage4j.spi;

import io.usage4j.core.ConfigurationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read-only configuration a provider opens a source with: the URL's options, the caller's
 * properties and the environment fallbacks, merged by {@link UsageSources}. Secret values are masked
 * in {@link #toString()} and never appear in the messages of the errors it raises.
 */
public final class SourceConfig {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final String providerId;
    private final Map<String, String> values;
    private final Map<String, ProviderProperty> declared;
    private final SourceRuntime runtime;
    private final String kind;

    private SourceConfig(String providerId, Map<String, String> values, Map<String, ProviderProperty> declared,
            SourceRuntime runtime, String kind) {
        this.providerId = providerId;
        this.values = values;
        this.declared = declared;
        this.runtime = runtime;
        this.kind = kind;
    }

    /**
     * A configuration of {@code values} for a provider that declares {@code properties}. Used by
     * {@link UsageSources}; tests of a provider may build one directly.
     */
    public static SourceConfig of(String providerId, Map<String, String> values, Collection<ProviderProperty> properties) {
        return of(providerId, values, properties, SourceRuntime.system());
    }

    /**
     * A configuration of {@code values} for a provider that declares {@code properties}, whose source
     * reaches {@code runtime}'s clock and sleeper.
     */
    public static SourceConfig of(String providerId, Map<String, String> values, Collection<ProviderProperty> properties,
            SourceRuntime runtime) {
        Objects.requireNonNull(providerId, "providerId is null");
        Objects.requireNonNull(runtime, "runtime is null");
        Objects.requireNonNull(values, "values is null");
        Objects.requireNonNull(properties, "properties is null");
        Map<String, ProviderProperty> declared = new LinkedHashMap<>();
        for (ProviderProperty property : properties) {
            declared.put(property.name(), property);
        }
        return new SourceConfig(providerId, Map.copyOf(values), Map.copyOf(declared), runtime, "property");
    }

    /** The runtime services (clock, sleeper) the source uses. */
    public SourceRuntime runtime() {
        return runtime;
    }

    /**
     * This configuration with the options of one query on top, for that query only: a blank value
     * clears the setting. Messages of the view name them "query option".
     *
     * @param queryOptions option values, every name already checked against the declared query options
     */
    public SourceConfig withQueryOptions(Map<String, String> queryOptions) {
        Objects.requireNonNull(queryOptions, "queryOptions is null");
        if (queryOptions.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(values);
        queryOptions.forEach((name, value) -> merged.put(name, value == null ? "" : value));
        return new SourceConfig(providerId, Map.copyOf(merged), declared, runtime, "query option");
    }

    /**
     * The comma-separated value of {@code name} as a list: items trimmed, empty ones dropped, each once,
     * in order; empty when unset.
     */
    public List<String> listValue(String name) {
        Optional<String> text = get(name);
        if (text.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.get().split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .distinct().toList();
    }

    /**
     * The constant of {@code type} whose {@code label} equals the value of {@code name} (ignoring case),
     * or {@code defaultValue} when unset.
     *
     * @throws ConfigurationException if the value is none of the labels; the message lists them
     */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type, java.util.function.Function<E, String> label,
            E defaultValue) {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(label, "label is null");
        Optional<String> text = get(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (label.apply(constant).equalsIgnoreCase(text.get())) {
                return constant;
            }
        }
        throw invalid(name, "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(label)
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    /** The provider this configuration is for. */
    public String providerId() {
        return providerId;
    }

    /** The value of {@code name}, if set and not blank. */
    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * The value of {@code name}.
     *
     * @throws ConfigurationException if it is not set; the message says where to set it
     */
    public String require(String name) {
        return get(name).orElseThrow(() -> missing(name));
    }

    /**
     * The integer value of {@code name}, or {@code defaultValue}.
     *
     * @throws ConfigurationException if the value is not an integer at least {@code min}
     */
    public int intValue(String name, int defaultValue, int min) {
        Optional<String> text = get(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw invalid(name, "an integer of at least " + min);
    }

    /**
     * The decimal value of {@code name}, or {@code defaultValue}.
     *
     * @throws ConfigurationException if the value is not a positive number
     */
    public double positiveNumber(String name, double defaultValue) {
        Optional<String> text = get(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(text.get());
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw invalid(name, "a positive number");
    }

    /**
     * The boolean value of {@code name} ({@code true} or {@code false}), or {@code defaultValue}.
     *
     * @throws ConfigurationException for any other text
     */
    public boolean booleanValue(String name, boolean defaultValue) {
        Optional<String> text = get(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        return switch (text.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "true or false");
        };
    }

    /**
     * The duration value of {@code name}, or {@code defaultValue}: a number with a unit
     * ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}) or ISO 8601 ({@code PT30S}).
     *
     * @throws ConfigurationException if the value is neither
     */
    public Duration durationValue(String name, Duration defaultValue) {
        Optional<String> text = get(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(text.get());
        if (m.matches()) {
            try {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            } catch (NumberFormatException | ArithmeticException tooLarge) {
                // an amount beyond a long or a Duration: reported below like any other bad value
            }
        }
        try {
            Duration value = Duration.parse(text.get());
            if (!value.isNegative()) {
                return value;
            }
        } catch (DateTimeParseException notIso) {
            // reported below
        }
        throw invalid(name, "a duration such as 500ms, 30s, 2m or PT30S");
    }

    /** A configuration error for property {@code name} that holds {@code what} wrongly; never echoes a secret. */
    public ConfigurationException invalid(String name, String expected) {
        ProviderProperty property = declared.get(name);
        String shown = property != null && property.secret() ? "" : " (got '" + values.get(name) + "')";
        return new ConfigurationException(providerId, kind + " '" + name + "' must be " + expected + shown, null);
    }

    private ConfigurationException missing(String name) {
        ProviderProperty property = declared.get(name);
        String where = property == null ? "property '" + name + "'" : property.whereToSet();
        String what = property != null && property.secret() ? "missing credential" : "missing setting";
        return new ConfigurationException(providerId, what + ": set " + where, null);
    }

    /** Whether {@code name} is declared secret by the provider. */
    public boolean isSecret(String name) {
        ProviderProperty property = declared.get(name);
        return property != null && property.secret();
    }

    /** The values of the secret properties that are set, for redaction of text that might echo them. */
    public List<String> secretValues() {
        return values.entrySet().stream()
                .filter(e -> isSecret(e.getKey()) && e.getValue() != null && !e.getValue().isBlank())
                // trimmed, as get() hands them out: the redactor must mask the text that is actually sent
                .map(e -> e.getValue().trim())
                .toList();
    }

    /** The names of the properties that are set, in no particular order. */
    public java.util.Set<String> names() {
        return values.keySet();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SourceConfig[").append(providerId).append(": ");
        values.keySet().stream().sorted().forEach(name -> text.append(name).append('=')
                .append(isSecret(name) ? "****" : values.get(name)).append(", "));
        if (!values.isEmpty()) {
            text.setLength(text.length() - 2);
        }
        return text.append(']').toString();
    }
}
