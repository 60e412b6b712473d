package io.usage4j.spi.kit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a cursor-paged response: its items and the cursor of the next page, {@code null} or
 * empty when this is the last.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /** Checks the items. */
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items is null"));
    }

    /** The next cursor, absent on the last page. */
    public Optional<String> next() {
        return nextCursor == null || nextCursor.isEmpty() ? Optional.empty() : Optional.of(nextCursor);
    }
}
