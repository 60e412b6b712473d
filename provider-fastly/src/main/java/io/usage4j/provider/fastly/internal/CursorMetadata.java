package io.usage4j.provider.fastly.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Fastly's {@code Metadata} of a service-level usage page. Relied on: fastly-py {@code docs/Metadata.md}
 * (v14.1.0). Only {@code next_cursor} is used (for paging); {@code limit}, {@code sort} and
 * {@code total} describe the page, not the usage, and map to no column.
 *
 * @param nextCursor the cursor of the next page; absent or empty on the last page
 * @param limit the page size the server applied
 * @param sort the sort order, e.g. {@code billing_start_date}
 * @param total the number of results
 */
public record CursorMetadata(
        @JsonProperty("next_cursor") String nextCursor,
        @JsonProperty("limit") Long limit,
        @JsonProperty("sort") String sort,
        @JsonProperty("total") Long total) {
}
