package io.usage4j.provider.fastly.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.usage4j.spi.kit.Envelope;
import io.usage4j.spi.kit.ProviderError;
import java.io.IOException;
import java.util.Optional;

/**
 * The body of {@code GET /billing/v3/invoices/month-to-date} ({@code MtdInvoiceResponse}), the same
 * shape as {@code GET /billing/v3/invoices/{invoice_id}} ({@code EomInvoiceResponse}): one invoice
 * object, no wrapper. An object with none of an invoice's fields but Fastly's error fields is a reported failure.
 */
@JsonDeserialize(using = InvoiceResponse.Reader.class)
public final class InvoiceResponse implements Envelope {
    private final Invoice invoice;
    private final ErrorBody failure;

    InvoiceResponse(Invoice invoice, ErrorBody failure) {
        this.invoice = invoice;
        this.failure = failure;
    }

    /** The invoice, or {@code null} when the body held none of an invoice's fields. */
    public Invoice invoice() {
        return invoice;
    }

    /** The error the body reports, or {@code null}. */
    public ErrorBody failure() {
        return failure;
    }

    @Override
    public Optional<ProviderError> reportedError() {
        return Optional.ofNullable(failure).map(ErrorBody::providerError);
    }

    /** Reads the invoice, or an error body in its place. */
    public static final class Reader extends StdDeserializer<InvoiceResponse> {
        private static final long serialVersionUID = 1L;

        /** For Jackson. */
        public Reader() {
            super(InvoiceResponse.class);
        }

        @Override
        public InvoiceResponse deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (InvoiceResponse) ctxt.handleUnexpectedToken(InvoiceResponse.class, p);
            }
            TokenBuffer buffer = ctxt.bufferAsCopyOfValue(p);
            Invoice invoice = Bodies.reread(buffer, ctxt, Invoice.class);
            if (!invoice.isEmpty()) {
                return new InvoiceResponse(invoice, null);
            }
            ErrorBody error = Bodies.reread(buffer, ctxt, ErrorBody.class);
            return new InvoiceResponse(null, error.reportsFailure() ? error : null);
        }
    }
}
