package io.usage4j.provider.fastly.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;

/** Reads a buffered JSON value again as another type, with the same Jackson settings (exact decimals). */
final class Bodies {
    private Bodies() {}

    static <T> T reread(TokenBuffer buffer, DeserializationContext ctxt, Class<T> type) throws IOException {
        return reread(buffer, ctxt, ctxt.constructType(type));
    }

    static <T> T reread(TokenBuffer buffer, DeserializationContext ctxt, JavaType type) throws IOException {
        try (JsonParser parser = buffer.asParserOnFirstToken()) {
            return ctxt.readValue(parser, type);
        }
    }
}
