package io.usage4j.provider.cloudflare.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.usage4j.core.MetricDescription;
import io.usage4j.core.UnreadableResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Items of {@code GET /accounts/{account_id}/billable/usage/billable-metrics} to {@link MetricDescription}s.
 *
 * <p>Cloudflare has not published the item schema. The one attested field is {@code DimensionKeys}; the
 * id and name fields are inferred to mirror the usage record ({@link #ID_FIELD}, {@link #NAME_FIELD}).
 * Every other field is kept as an attribute under its own name, as text (arrays joined by commas), so
 * nothing Cloudflare sends is lost whatever the real names are.
 */
public final class MetricCatalogue {
    /** The field holding the metric id. Inferred: mirrors the usage record's {@code x_BillableMetricId}. */
    public static final String ID_FIELD = "x_BillableMetricId";
    /** The field holding the display name. Inferred: mirrors the usage record's {@code x_BillableMetricName}. */
    public static final String NAME_FIELD = "x_BillableMetricName";

    private MetricCatalogue() {}

    /**
     * One catalogue item.
     *
     * @throws UnreadableResponseException if the item is not an object or has no text {@link #ID_FIELD}
     */
    public static MetricDescription fromItem(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw new UnreadableResponseException(CloudflareMapper.PROVIDER_ID,
                    "a billable-metrics result[] entry is not a JSON object: " + shorten(String.valueOf(item)), null);
        }
        String id = text(item.get(ID_FIELD));
        if (id == null) {
            List<String> fields = new ArrayList<>();
            item.properties().forEach(field -> fields.add(field.getKey()));
            throw new UnreadableResponseException(CloudflareMapper.PROVIDER_ID, "a billable-metrics entry has no "
                    + ID_FIELD + " (the field name is inferred, Cloudflare has not published the schema); its fields are "
                    + fields, null);
        }
        var metric = MetricDescription.builder().id(id).name(text(item.get(NAME_FIELD)));
        for (Map.Entry<String, JsonNode> field : item.properties()) {
            if (field.getKey().equals(ID_FIELD) || field.getKey().equals(NAME_FIELD)) {
                continue;
            }
            String value = attribute(field.getValue());
            if (value != null) {
                metric.putAttributes(field.getKey(), value);
            }
        }
        return metric.build();
    }

    private static String attribute(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(element -> parts.add(element.isValueNode() ? element.asText() : element.toString()));
            return String.join(",", parts);
        }
        if (node.isNumber()) {
            return node.decimalValue().toPlainString();
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            return null;
        }
        return node.asText().trim();
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
