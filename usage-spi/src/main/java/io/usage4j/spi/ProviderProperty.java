package io.usage4j.spi;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration property a provider reads: its name, whether it is a secret (masked in every
 * {@code toString()}, log line and message), whether it is required, and the environment variables
 * {@link UsageSources} falls back to when it is not given.
 *
 * @param name the property name, lower case with underscores (e.g. {@code token}, {@code base_url})
 * @param description one line for {@code providers} listings and error messages
 * @param secret whether the value is a credential
 * @param required whether opening a source fails without it
 * @param environmentVariables the variables read, in order, when the property is not given
 */
public record ProviderProperty(String name, String description, boolean secret, boolean required,
        List<String> environmentVariables) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Checks the fields. */
    public ProviderProperty {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(description, "description is null");
        environmentVariables = List.copyOf(Objects.requireNonNull(environmentVariables, "environmentVariables is null"));
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("property name '" + name + "' must be lower case letters, digits and underscores");
        }
    }

    /** A required credential, read from the property or else from the environment variables, in order. */
    public static ProviderProperty secret(String name, String description, String... environmentVariables) {
        return new ProviderProperty(name, description, true, true, List.of(environmentVariables));
    }

    /**
     * An optional credential, for a provider that accepts one of several credentials (a token, or a
     * legacy key pair): masked like every secret, never accepted in a URL, and not required by itself.
     * The provider checks on {@code open} that one complete credential is set.
     */
    public static ProviderProperty optionalSecret(String name, String description, String... environmentVariables) {
        return new ProviderProperty(name, description, true, false, List.of(environmentVariables));
    }

    /** A required, non-secret setting. */
    public static ProviderProperty required(String name, String description, String... environmentVariables) {
        return new ProviderProperty(name, description, false, true, List.of(environmentVariables));
    }

    /** An optional, non-secret setting. */
    public static ProviderProperty optional(String name, String description, String... environmentVariables) {
        return new ProviderProperty(name, description, false, false, List.of(environmentVariables));
    }

    /** "property 'token' or environment variable CLOUDFLARE_API_TOKEN": where a user can set it. */
    public String whereToSet() {
        String property = "property '" + name + "'";
        if (environmentVariables.isEmpty()) {
            return property;
        }
        return property + " or environment variable " + String.join(" / ", environmentVariables);
    }
}
