package io.usage4j.spi.internal;

import io.usage4j.core.UnreadableResponseException;
import io.usage4j.spi.kit.Page;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A lazy walk over a cursor-paged endpoint: the next page is fetched only when the previous page's
 * items are used up; a cursor the server already sent is an error, never a loop.
 */
public final class CursorSpliterator<T> extends Spliterators.AbstractSpliterator<T> {
    private final String providerId;
    private final String what;
    private final Function<String, Page<T>> fetch;
    private final Set<String> seen = new HashSet<>();
    private Iterator<T> current;
    private String cursor;
    private boolean last;
    private int pages;

    public CursorSpliterator(String providerId, String what, Function<String, Page<T>> fetch) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.providerId = providerId;
        this.what = what;
        this.fetch = fetch;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        while (current == null || !current.hasNext()) {
            if (last) {
                return false;
            }
            Page<T> page = fetch.apply(cursor);
            if (page == null) {
                throw new UnreadableResponseException(providerId, what + ": page " + (pages + 1) + " is missing from the response", null);
            }
            pages++;
            current = page.items().iterator();
            if (page.next().isEmpty()) {
                last = true;
            } else {
                String next = page.next().get();
                if (!seen.add(next)) {
                    throw new UnreadableResponseException(providerId, what + ": the provider sent cursor '" + next
                            + "' again after page " + pages + "; stopping rather than reading the same pages twice", null);
                }
                cursor = next;
            }
        }
        action.accept(current.next());
        return true;
    }
}
