package io.usage4j.spi.kit;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.plan.Window;
import java.util.List;

/**
 * A source's part of the kit's one fetch pipeline ({@link HttpKit#fetch}): how one window is
 * requested and how one decoded element becomes a record. The kit does the rest, once for every
 * provider: the closed check, query options, window planning from {@link #capabilities()}, windows in
 * order with bounded concurrency and bounded read-ahead, paging, streaming decode, the 2xx-error rule,
 * wrapping a mapping failure, the client-side filters and the extension-column check.
 *
 * @param <T> the decoded element type
 */
public interface WindowReader<T> {

    /** What the source serves; windows are planned from it and records checked against it. */
    SourceCapabilities capabilities();

    /**
     * The requests that read {@code window}, in the order their records come out: usually one. Called
     * when the window is reached, on the thread that reads it, so it may make a discovery request
     * through {@link FetchContext#elements}.
     */
    List<WindowRequest<T>> requests(Window window, FetchContext context);

    /**
     * One decoded element as a FOCUS record. A runtime exception here (a record that breaks a FOCUS
     * rule) becomes an {@link io.usage4j.core.UnreadableResponseException} naming the provider, the
     * request and its window. A reader whose elements each make several records implements
     * {@link #mapAll} instead.
     *
     * @throws UnsupportedOperationException unless overridden (the reader then overrides {@link #mapAll})
     */
    default UsageRecord map(T element) {
        throw new UnsupportedOperationException(getClass().getName() + " implements neither map nor mapAll");
    }

    /**
     * One decoded element as the records it makes, in order (none, one or several: for example a plan
     * whose billing cycles are each a record). The kit calls this; the default is {@link #map}'s one
     * record. A runtime exception here is wrapped exactly as for {@link #map}, naming the element's
     * position, the request and the window. Keep the list small: it is what one element makes, held
     * until the records flow out.
     */
    default List<UsageRecord> mapAll(T element) {
        return List.of(map(element));
    }

    /**
     * Whether each record is kept by exactly one window: the one its ChargePeriodStart falls in (the
     * first window also keeps records starting before it, the last those starting after it). For APIs
     * that may answer a day beyond a window's edge; default {@code false}.
     */
    default boolean ownsRecordsByChargePeriodStart() {
        return false;
    }
}
