package io.usage4j.spark.internal;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The provider properties given as {@code <provider>.<property>} options, by provider id, shipped to
 * the executors with the reader factory (Spark's task serialization; use Spark's RPC encryption on an
 * untrusted network, or give credentials to the executors as environment variables instead). The
 * values of the properties each provider declares secret never appear in {@link #toString()}.
 */
public final class ProviderSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Map<String, String>> properties;
    private final Set<String> secretKeys;

    /**
     * @param properties property values by provider id
     * @param secretKeys the {@code provider.property} names whose values are secret
     */
    public ProviderSettings(Map<String, Map<String, String>> properties, Set<String> secretKeys) {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        properties.forEach((id, values) -> copy.put(id, Map.copyOf(values)));
        this.properties = Map.copyOf(copy);
        this.secretKeys = Set.copyOf(secretKeys);
    }

    /** The properties for {@code providerId}; empty when none were given. */
    public Map<String, String> of(String providerId) {
        return properties.getOrDefault(providerId, Map.of());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ProviderSettings[");
        new TreeMap<>(properties).forEach((id, values) -> new TreeMap<>(values).forEach((name, value) -> text
                .append(id).append('.').append(name).append('=')
                .append(secretKeys.contains(id + "." + name) ? "****" : value).append(", ")));
        if (text.charAt(text.length() - 1) == ' ') {
            text.setLength(text.length() - 2);
        }
        return text.append(']').toString();
    }
}
