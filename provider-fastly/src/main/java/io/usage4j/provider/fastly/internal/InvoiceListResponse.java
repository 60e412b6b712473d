package io.usage4j.provider.fastly.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.usage4j.spi.kit.Envelope;
import io.usage4j.spi.kit.ProviderError;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code GET /billing/v3/invoices} ({@code ListEomInvoicesResponse}): {@code data[]} of
 * end-of-month invoices, "sorted by billing start date (newest to oldest)", and {@code meta} with the
 * cursor of the next page. An object with no {@code data} but Fastly's error fields is a reported
 * failure, never an empty page.
 */
@JsonDeserialize(using = InvoiceListResponse.Reader.class)
public final class InvoiceListResponse implements Envelope {
    private final List<Invoice> invoices;
    private final CursorMetadata meta;
    private final ErrorBody failure;

    InvoiceListResponse(List<Invoice> invoices, CursorMetadata meta, ErrorBody failure) {
        this.invoices = invoices;
        this.meta = meta;
        this.failure = failure;
    }

    /** The invoices of the page, or {@code null} when the body held no {@code data}. */
    public List<Invoice> invoices() {
        return invoices;
    }

    /** The error the body reports, or {@code null}. */
    public ErrorBody failure() {
        return failure;
    }

    @Override
    public Optional<ProviderError> reportedError() {
        return Optional.ofNullable(failure).map(ErrorBody::providerError);
    }

    /** The next page's cursor; empty on the last page (absent, {@code null} or empty are all "done"). */
    @Override
    public Optional<String> nextCursor() {
        return meta == null || meta.nextCursor() == null || meta.nextCursor().isEmpty() ? Optional.empty()
                : Optional.of(meta.nextCursor());
    }

    /** The {@code {"data": [...], "meta": {...}}} envelope. */
    record Envelope(@JsonProperty("data") List<Invoice> data, @JsonProperty("meta") CursorMetadata meta) {
    }

    /** Reads the envelope, or an error body in its place. */
    public static final class Reader extends StdDeserializer<InvoiceListResponse> {
        private static final long serialVersionUID = 1L;

        /** For Jackson. */
        public Reader() {
            super(InvoiceListResponse.class);
        }

        @Override
        public InvoiceListResponse deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (InvoiceListResponse) ctxt.handleUnexpectedToken(InvoiceListResponse.class, p);
            }
            TokenBuffer buffer = ctxt.bufferAsCopyOfValue(p);
            Envelope envelope = Bodies.reread(buffer, ctxt, Envelope.class);
            if (envelope.data() != null) {
                return new InvoiceListResponse(envelope.data(), envelope.meta(), null);
            }
            ErrorBody error = Bodies.reread(buffer, ctxt, ErrorBody.class);
            return new InvoiceListResponse(null, envelope.meta(), error.reportsFailure() ? error : null);
        }
    }
}
