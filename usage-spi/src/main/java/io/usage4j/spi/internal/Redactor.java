package io.usage4j.spi.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces every occurrence of the configured secrets in a text with {@code ****}, in every form the
 * kit sends them: the raw value, its URL-encoded forms (upper or lower case escapes, a space as
 * {@code +} or {@code %20}) and its base64 forms (standard and URL-safe, padded or not). Given the
 * authentication header values the kit sends, it masks each whole, its credential part after the
 * scheme ({@code Bearer }, {@code Basic }) and, for Basic, the decoded {@code key:secret}.
 *
 * <p>Build one with {@link #of(Collection, Collection)}; a server that reflects a request back (in an
 * error body or a request-id header) never gets a credential into a message.
 */
public final class Redactor {
    private static final int MIN_LENGTH = 4;
    private static final Pattern SCHEME = Pattern.compile("(?i)(basic|bearer|token|digest)\\s+(\\S+)");
    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*:)?//[^/?#\\s@]*@");

    private final List<String> secrets;

    /** A redactor of {@code secrets} in their raw, URL-encoded and base64 forms. */
    public Redactor(List<String> secrets) {
        this(forms(secrets, List.of()));
    }

    private Redactor(Set<String> forms) {
        // Longest first, so a secret that contains another is masked whole.
        this.secrets = forms.stream().filter(s -> s.length() >= MIN_LENGTH)
                .sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
    }

    /**
     * The redactor for a source: {@code secretValues} are the values of its secret properties (as
     * {@code SourceConfig.secretValues()} gives them), {@code headerValues} the authentication header
     * values the kit sends (e.g. {@code "Basic a2V5OnNlY3JldA=="}, {@code "Bearer tok"}).
     */
    public static Redactor of(Collection<String> secretValues, Collection<String> headerValues) {
        return new Redactor(forms(secretValues, headerValues));
    }

    private static Set<String> forms(Collection<String> secretValues, Collection<String> headerValues) {
        List<String> raw = new ArrayList<>();
        for (String value : secretValues) {
            if (value != null) {
                raw.add(value);
            }
        }
        for (String header : headerValues) {
            if (header == null) {
                continue;
            }
            raw.add(header);
            Matcher scheme = SCHEME.matcher(header.trim());
            if (scheme.matches()) {
                String credential = scheme.group(2);
                raw.add(credential);
                if (scheme.group(1).equalsIgnoreCase("basic")) {
                    decodeBase64(credential).ifPresent(pair -> {
                        raw.add(pair);
                        int colon = pair.indexOf(':');
                        if (colon >= 0) {
                            raw.add(pair.substring(colon + 1));
                        }
                    });
                }
            }
        }
        Set<String> forms = new LinkedHashSet<>();
        for (String value : raw) {
            forms.add(value);
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            forms.add(encoded);
            forms.add(encoded.replace("+", "%20"));
            forms.add(lowerEscapes(encoded));
            forms.add(lowerEscapes(encoded.replace("+", "%20")));
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            forms.add(Base64.getEncoder().encodeToString(bytes));
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
            forms.add(Base64.getUrlEncoder().encodeToString(bytes));
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        return forms;
    }

    private static java.util.Optional<String> decodeBase64(String text) {
        try {
            return java.util.Optional.of(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return java.util.Optional.empty();
        }
    }

    private static String lowerEscapes(String encoded) {
        StringBuilder text = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                text.append('%').append(encoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    /** {@code text} with every form of every secret masked; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        return result;
    }

    /**
     * {@code text} with the credentials a URL may carry masked: user info ({@code https://user:pw@host}
     * becomes {@code https://****@host}) and the whole query ({@code ?token=x} becomes {@code ?****}).
     * For texts that are not secrets by declaration but may hold one (a {@code base_url}).
     */
    public static String maskUrlCredentials(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                (m.group(1) == null ? "" : m.group(1)) + "//****@"));
        int at = masked.indexOf('@');
        if (at >= 0 && !masked.contains("****@")) {
            // user info without a scheme ("me:pw@host"): everything before the @ may be the credential
            masked = "****" + masked.substring(at);
        }
        int query = masked.indexOf('?');
        return query < 0 ? masked : masked.substring(0, query) + "?****";
    }
}
