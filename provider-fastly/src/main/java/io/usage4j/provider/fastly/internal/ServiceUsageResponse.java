package io.usage4j.provider.fastly.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import io.usage4j.core.UnreadableResponseException;
import io.usage4j.spi.kit.Envelope;
import io.usage4j.spi.kit.ProviderError;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code GET /billing/v3/service-usage-metrics} ({@code Serviceusagemetrics}). Fastly's
 * description has {@code data} as one {@code ServiceusagemetricsData} block with the cursor at
 * {@code data.meta.next_cursor}; live responses may carry a list of such blocks, and older ones the
 * cursor at the top-level {@code meta.next_cursor}. All are accepted. An object with no data but
 * Fastly's error fields is a reported failure, never an empty page.
 */
@JsonDeserialize(using = ServiceUsageResponse.Reader.class)
public final class ServiceUsageResponse implements Envelope {
    private final List<ServiceUsageData> blocks;
    private final CursorMetadata meta;
    private final ErrorBody failure;

    ServiceUsageResponse(List<ServiceUsageData> blocks, CursorMetadata meta, ErrorBody failure) {
        this.blocks = blocks;
        this.meta = meta;
        this.failure = failure;
    }

    /** The usage-type blocks, or {@code null} when the body held none in any accepted shape. */
    public List<ServiceUsageData> blocks() {
        return blocks;
    }

    /** The error the body reports, or {@code null}. */
    public ErrorBody failure() {
        return failure;
    }

    @Override
    public Optional<ProviderError> reportedError() {
        return Optional.ofNullable(failure).map(ErrorBody::providerError);
    }

    /**
     * The one next cursor of the page.
     *
     * @throws UnreadableResponseException if the page names several different ones
     */
    @Override
    public Optional<String> nextCursor() {
        Set<String> cursors = nextCursors();
        if (cursors.size() > 1) {
            throw new UnreadableResponseException(FastlyMapper.PROVIDER_ID, 200, null, "the page names " + cursors.size()
                    + " different next cursors; cannot tell which to follow", null);
        }
        return cursors.stream().findFirst();
    }

    /**
     * Every non-empty next cursor the page carries: at the top level ({@code meta.next_cursor}) and in
     * each block ({@code data.meta.next_cursor}); more than one distinct value is an inconsistent page.
     */
    public Set<String> nextCursors() {
        Set<String> cursors = new LinkedHashSet<>();
        addCursor(cursors, meta);
        if (blocks != null) {
            for (ServiceUsageData block : blocks) {
                addCursor(cursors, block.meta());
            }
        }
        return cursors;
    }

    private static void addCursor(Set<String> cursors, CursorMetadata meta) {
        if (meta != null && meta.nextCursor() != null && !meta.nextCursor().isEmpty()) {
            cursors.add(meta.nextCursor());
        }
    }

    /** The {@code {"data": ..., "meta": ...}} envelope. */
    record Envelope(
            @JsonProperty("data") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<ServiceUsageData> data,
            @JsonProperty("meta") CursorMetadata meta) {
    }

    /** Reads the accepted shapes. */
    public static final class Reader extends StdDeserializer<ServiceUsageResponse> {
        private static final long serialVersionUID = 1L;

        /** For Jackson. */
        public Reader() {
            super(ServiceUsageResponse.class);
        }

        @Override
        public ServiceUsageResponse deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.START_ARRAY) {
                List<ServiceUsageData> list = ctxt.readValue(p,
                        ctxt.getTypeFactory().constructCollectionType(List.class, ServiceUsageData.class));
                return new ServiceUsageResponse(new ArrayList<>(list), null, null);
            }
            if (token != JsonToken.START_OBJECT) {
                return (ServiceUsageResponse) ctxt.handleUnexpectedToken(ServiceUsageResponse.class, p);
            }
            TokenBuffer buffer = ctxt.bufferAsCopyOfValue(p);
            Envelope envelope = Bodies.reread(buffer, ctxt, Envelope.class);
            if (envelope.data() != null) {
                return new ServiceUsageResponse(envelope.data(), envelope.meta(), null);
            }
            ErrorBody error = Bodies.reread(buffer, ctxt, ErrorBody.class);
            return new ServiceUsageResponse(null, envelope.meta(), error.reportsFailure() ? error : null);
        }
    }
}
