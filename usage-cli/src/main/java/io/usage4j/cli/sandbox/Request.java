package io.usage4j.cli.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request as the sandbox's handlers see it: method, decoded path, decoded query parameters, headers, body. */
record Request(String method, String path, String rawQuery, Map<String, List<String>> query, Map<String, String> headers,
        String body) {
    /** The largest request body read; the sandbox's bodies are small JSON queries. */
    private static final int MAX_BODY = 64 * 1024;

    static Request of(HttpExchange exchange) throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
            }
        });
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY);
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), rawQuery, query, headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return text;
        }
    }

    /** The first value of query parameter {@code name}, if given and not empty. */
    Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of query parameter {@code name}, splitting comma-separated values. */
    List<String> params(String name) {
        List<String> all = new ArrayList<>();
        for (String value : query.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    all.add(part.trim());
                }
            }
        }
        return all;
    }

    /** Header {@code name} (case-insensitive), if present and not blank. */
    Optional<String> header(String name) {
        String value = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    String pathAndQuery() {
        return rawQuery == null ? path : path + "?" + rawQuery;
    }
}
