package io.usage4j.provider.cloudflare.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The body of {@code POST /accounts/{account_id}/billable/usage} ("Query Account Usage"), PascalCase as
 * documented: {@code {"TimePeriod": {"From", "To"}, "Metric", "FilterBy": {"MetricIds",
 * "ProductFamilyIds", "Tags": [{"Key", "Values"}]}, "GroupBy": [{"Type", "Key"}]}}. Cloudflare rejects
 * unknown fields, so absent parts are left out, never sent as {@code null} or empty.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record UsageQueryBody(
        @JsonProperty("TimePeriod") TimePeriod timePeriod,
        @JsonProperty("Metric") String metric,
        @JsonProperty("FilterBy") FilterBy filterBy,
        @JsonProperty("GroupBy") List<GroupBy> groupBy) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The charge period: {@code From} inclusive, {@code To} exclusive, at most 31 days apart. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record TimePeriod(@JsonProperty("From") String from, @JsonProperty("To") String to) {}

    /** Filters; kinds are ANDed. {@link #isEmpty()} bodies leave {@code FilterBy} out. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record FilterBy(
            @JsonProperty("MetricIds") List<String> metricIds,
            @JsonProperty("ProductFamilyIds") List<String> productFamilyIds,
            @JsonProperty("Tags") List<TagFilter> tags) {

        /** Whether no filter is set. */
        boolean isEmpty() {
            return metricIds.isEmpty() && productFamilyIds.isEmpty() && tags.isEmpty();
        }
    }

    /** A resource-tag filter: values ORed; {@code ""} matches a key-only tag. */
    public record TagFilter(@JsonProperty("Key") String key, @JsonProperty("Values") List<String> values) {}

    /** One grouping key: a resource-tag key or a dimension key. */
    public record GroupBy(@JsonProperty("Type") String type, @JsonProperty("Key") String key) {}

    /** The body as JSON text. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("writing a Cloudflare usage query body failed", e);
        }
    }
}
