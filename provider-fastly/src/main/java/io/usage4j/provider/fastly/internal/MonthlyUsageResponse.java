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
import io.usage4j.spi.kit.Envelope;
import io.usage4j.spi.kit.ProviderError;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code GET /billing/v3/usage-metrics}. Fastly's OpenAPI description declares one
 * {@code Usagemetric} object, while a {@code Usagemetrics} model ({@code {"data": [Usagemetric]}}) also
 * exists and real responses are lists; all three shapes are accepted: {@code {"data": [...]}} (also
 * with a single object as {@code data}), a bare array, and a bare {@code Usagemetric} object. An object
 * with no data but Fastly's error fields is a reported failure, never an empty result.
 */
@JsonDeserialize(using = MonthlyUsageResponse.Reader.class)
public final class MonthlyUsageResponse implements Envelope {
    private final List<UsageMetric> metrics;
    private final ErrorBody failure;

    MonthlyUsageResponse(List<UsageMetric> metrics, ErrorBody failure) {
        this.metrics = metrics;
        this.failure = failure;
    }

    /** The usage metrics, or {@code null} when the body held none in any accepted shape. */
    public List<UsageMetric> metrics() {
        return metrics;
    }

    /** The error the body reports, or {@code null}. */
    public ErrorBody failure() {
        return failure;
    }

    @Override
    public Optional<ProviderError> reportedError() {
        return Optional.ofNullable(failure).map(ErrorBody::providerError);
    }

    /** The {@code {"data": ...}} wrapper ({@code Usagemetrics}); {@code meta}, if any, carries nothing used. */
    record Wrapper(
            @JsonProperty("data") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<UsageMetric> data) {
    }

    /** Reads the three accepted shapes. */
    public static final class Reader extends StdDeserializer<MonthlyUsageResponse> {
        private static final long serialVersionUID = 1L;

        /** For Jackson. */
        public Reader() {
            super(MonthlyUsageResponse.class);
        }

        @Override
        public MonthlyUsageResponse deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.START_ARRAY) {
                List<UsageMetric> list = ctxt.readValue(p, ctxt.getTypeFactory().constructCollectionType(List.class, UsageMetric.class));
                return new MonthlyUsageResponse(list, null);
            }
            if (token != JsonToken.START_OBJECT) {
                return (MonthlyUsageResponse) ctxt.handleUnexpectedToken(MonthlyUsageResponse.class, p);
            }
            TokenBuffer buffer = ctxt.bufferAsCopyOfValue(p);
            Wrapper wrapper = Bodies.reread(buffer, ctxt, Wrapper.class);
            if (wrapper.data() != null) {
                return new MonthlyUsageResponse(wrapper.data(), null);
            }
            ErrorBody error = Bodies.reread(buffer, ctxt, ErrorBody.class);
            if (error.reportsFailure()) {
                return new MonthlyUsageResponse(null, error);
            }
            UsageMetric single = Bodies.reread(buffer, ctxt, UsageMetric.class);
            if (single.month() == null && single.usageType() == null && single.productId() == null) {
                return new MonthlyUsageResponse(null, null);
            }
            return new MonthlyUsageResponse(List.of(single), null);
        }
    }
}
