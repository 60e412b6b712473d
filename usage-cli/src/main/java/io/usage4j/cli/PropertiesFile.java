package io.usage4j.cli;

import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageSources;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A {@code --properties} file: {@code key=value} lines in {@link Properties} syntax. A key is either a
 * property name, given to every provider that reads a property of that name ({@code max_retries=6}),
 * or a name prefixed by a provider id and a dot, given to that provider only
 * ({@code cloudflare.token=...}). A key no installed provider reads is refused, so a typo never
 * silently falls back to the environment or a default.
 */
final class PropertiesFile {
    /**
     * What a property key looks like: lower-case words joined by underscores, optionally after a
     * provider id and a dot ({@code max_retries}, {@code cloudflare.base_url}). A key that does not (a
     * token pasted on a line of its own) is never echoed in a message.
     */
    private static final java.util.regex.Pattern PROPERTY_LIKE =
            java.util.regex.Pattern.compile("([a-z][a-z0-9-]{0,30}\\.)?[a-z]{1,20}(_[a-z0-9]{1,20}){0,5}");

    private final Map<String, Map<String, String>> byProvider;

    private PropertiesFile(Map<String, Map<String, String>> byProvider) {
        this.byProvider = byProvider;
    }

    /** No file: every provider gets no properties. */
    static PropertiesFile none() {
        return new PropertiesFile(Map.of());
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException if it cannot be read or names a property no installed provider reads
     */
    static PropertiesFile load(Path file, UsageSources registry, java.io.PrintWriter err) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("properties file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("properties file " + file + " cannot be read: " + e.getMessage());
        }
        warnIfShared(file, err);
        Map<String, Map<String, String>> byProvider = new LinkedHashMap<>();
        List<UsageSourceProvider> installed = registry.list();
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            String value = properties.getProperty(key).trim();
            int dot = key.indexOf('.');
            Optional<UsageSourceProvider> prefixed = dot > 0 ? registry.provider(key.substring(0, dot)) : Optional.empty();
            if (prefixed.isPresent()) {
                String name = key.substring(dot + 1);
                if (!declares(prefixed.get(), name)) {
                    String shown = PROPERTY_LIKE.matcher(name).matches() ? "'" + name + "'" : "named so (not shown: it may be a credential)";
                    throw new IllegalArgumentException("properties file " + file + ": " + prefixed.get().id()
                            + " has no property " + shown + "; it reads " + names(prefixed.get()));
                }
                byProvider.computeIfAbsent(prefixed.get().id(), id -> new LinkedHashMap<>()).put(name, value);
                continue;
            }
            boolean used = false;
            for (UsageSourceProvider provider : installed) {
                if (declares(provider, key)) {
                    byProvider.computeIfAbsent(provider.id(), id -> new LinkedHashMap<>()).putIfAbsent(key, value);
                    used = true;
                }
            }
            if (!used) {
                String installedIds = String.join(", ", installed.stream().map(UsageSourceProvider::id).toList());
                String where = lineOf(file, key).map(line -> ", line " + line).orElse("");
                if (!PROPERTY_LIKE.matcher(key).matches()) {
                    // a line holding only a token parses as a key: never show it, it may be a credential
                    throw new IllegalArgumentException("properties file " + file + where + ": the line is not a key=value"
                            + " setting any installed provider reads (its text is not shown: it may be a credential);"
                            + " write <provider>.<property>=<value>, e.g. cloudflare.token=... (installed: " + installedIds + ")");
                }
                throw new IllegalArgumentException("properties file " + file + where + ": no installed provider reads '" + key
                        + "'; write <provider>.<property>, e.g. cloudflare.token (installed: " + installedIds + ")");
            }
        }
        // a prefixed key wins over the same unprefixed one
        for (String key : properties.stringPropertyNames()) {
            int dot = key.indexOf('.');
            if (dot > 0 && registry.provider(key.substring(0, dot)).isPresent()) {
                byProvider.get(key.substring(0, dot)).put(key.substring(dot + 1), properties.getProperty(key).trim());
            }
        }
        return new PropertiesFile(byProvider);
    }

    /** The line (from 1) whose key is {@code key}, found by reading the file again; empty if not found. */
    private static Optional<Integer> lineOf(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith(key) && (line.length() == key.length()
                        || "=: \t".indexOf(line.charAt(key.length())) >= 0)) {
                    return Optional.of(i + 1);
                }
            }
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            // the message then has no line number
        }
        return Optional.empty();
    }

    /** The properties for sources of {@code providerId}. */
    Map<String, String> forProvider(String providerId) {
        return byProvider.getOrDefault(providerId, Map.of());
    }

    private static boolean declares(UsageSourceProvider provider, String name) {
        return provider.properties().stream().anyMatch(p -> p.name().equals(name));
    }

    private static String names(UsageSourceProvider provider) {
        return provider.properties().stream().map(ProviderProperty::name).toList().toString();
    }

    private static void warnIfShared(Path file, java.io.PrintWriter err) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                err.println("warning: " + file + " may hold credentials and is readable by other users; chmod 600 " + file);
            }
        } catch (UnsupportedOperationException | IOException notPosix) {
            // nothing to check on this file system
        }
    }
}
