package io.usage4j.spi.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.Decoder;
import io.usage4j.core.UnreadableResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.lang.reflect.Type;

/**
 * Decodes a response body straight from the stream into the provider's DTO type with Jackson: no
 * tree, no intermediate string, numbers as {@link java.math.BigDecimal} from the JSON text. An empty
 * body where a value is expected is unreadable, not an empty result.
 */
public final class KitDecoder implements Decoder {
    private final String providerId;
    private final ObjectMapper mapper;

    public KitDecoder(String providerId, ObjectMapper mapper) {
        this.providerId = providerId;
        this.mapper = mapper;
    }

    @Override
    public Object decode(Response response, Type type) throws IOException {
        if (type == void.class || type == Void.class) {
            return null;
        }
        if (response.body() == null) {
            throw empty(response);
        }
        try (InputStream raw = response.body().asInputStream();
                PushbackInputStream in = new PushbackInputStream(raw, 1)) {
            int first = in.read();
            if (first == -1) {
                throw empty(response);
            }
            in.unread(first);
            JavaType javaType = mapper.getTypeFactory().constructType(type);
            return mapper.readValue(in, javaType);
        }
    }

    private UnreadableResponseException empty(Response response) {
        return new UnreadableResponseException(providerId, response.status(), null,
                response.request().httpMethod() + " " + KitErrorDecoder.path(response.request().url())
                        + " answered with an empty body where usage data was expected", null);
    }
}
