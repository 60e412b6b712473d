package io.usage4j.cli.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One answer of the sandbox. */
record Response(int status, String contentType, Map<String, String> headers, byte[] body) {

    static Response json(int status, String body) {
        return new Response(status, "application/json", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    static Response json(int status, String contentType, String body) {
        return new Response(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    Response withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response(status, contentType, Map.copyOf(copy), body);
    }
}
