package io.usage4j.provider.cloudinary.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import io.usage4j.spi.kit.Envelope;
import io.usage4j.spi.kit.ProviderError;
import java.util.List;
import java.util.Optional;

/**
 * The body of a {@code billing_usage} answer. Cloudinary documents a JSON array of plans; an object
 * in its place is not usage data, and when it is Cloudinary's error shape
 * ({@code {"error":{"message":...}}}) its message is kept so the source can report it instead of
 * mistaking the answer for an empty result.
 *
 * <p>Public only because the kit decodes it.
 */
@JsonDeserialize(using = BillingUsageResponse.Reader.class)
public final class BillingUsageResponse implements Envelope {
    private final List<PlanUsage> plans;
    private final String notAnArray;

    private BillingUsageResponse(List<PlanUsage> plans, String notAnArray) {
        this.plans = plans;
        this.notAnArray = notAnArray;
    }

    static BillingUsageResponse of(List<PlanUsage> plans) {
        return new BillingUsageResponse(List.copyOf(plans), null);
    }

    /** A JSON object where the array was expected; {@code said} is the error message it carries, or {@code null}. */
    static BillingUsageResponse object(String said) {
        return new BillingUsageResponse(null, said == null ? "" : said);
    }

    /** The plans, when the body was the documented array (possibly empty: no active subscription). */
    Optional<List<PlanUsage>> plans() {
        return Optional.ofNullable(plans);
    }

    /** When the body was an object: the error message it carries, empty text if none. */
    Optional<String> objectMessage() {
        return Optional.ofNullable(notAnArray);
    }

    /** An object carrying Cloudinary's error message in place of the array: the error it reports. */
    @Override
    public Optional<ProviderError> reportedError() {
        return objectMessage().filter(said -> !said.isEmpty()).map(ProviderError::message);
    }

    /** Reads an array as plans and an object as a (possible) error envelope; anything else fails as unreadable. */
    public static final class Reader extends JsonDeserializer<BillingUsageResponse> {
        @Override
        public BillingUsageResponse deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_ARRAY) {
                JavaType type = context.getTypeFactory().constructCollectionType(List.class, PlanUsage.class);
                List<PlanUsage> plans = context.readValue(parser, type);
                return of(plans.stream().filter(java.util.Objects::nonNull).toList());
            }
            if (token == JsonToken.START_OBJECT) {
                JsonNode body = context.readTree(parser);
                return object(CloudinaryErrors.message(body).orElse(null));
            }
            return (BillingUsageResponse) context.handleUnexpectedToken(BillingUsageResponse.class, parser);
        }
    }
}
