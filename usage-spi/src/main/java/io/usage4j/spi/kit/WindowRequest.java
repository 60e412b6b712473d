package io.usage4j.spi.kit;

import feign.Response;
import io.usage4j.core.UsageRecord;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One request sequence of a window (one request, or a cursor-paged series), and how its body is
 * decoded. Start with {@link #send(String, Function)}; the function gets {@code null} for the first
 * page and then each page's next cursor, and returns the raw {@link Response} of a Feign client method
 * declared to return {@code feign.Response}: the kit checks the status, decodes the body (streaming
 * where it is an array) and closes it.
 *
 * <pre>{@code
 * WindowRequest.send("usage " + window, cursor -> client.usage(account, from, to, cursor))
 *         .arrayIn("items", Item.class, PageEnvelope.class)
 * }</pre>
 *
 * @param <T> the decoded element type
 */
public final class WindowRequest<T> {
    /** How a body is decoded; see the factory methods of {@link Send}. */
    enum Shape {
        /** The body is a JSON array of elements, streamed. */
        ARRAY,
        /** The body is an object with the elements in one array field, streamed; the other fields form an envelope. */
        ARRAY_IN,
        /** The body is decoded whole into a document type that yields the elements. */
        DOCUMENT,
        /** The elements were decoded already. */
        DECODED
    }

    private final String what;
    private final Function<String, Response> send;
    private final Shape shape;
    private final Class<T> elementType;
    private final String field;
    private final Class<?> documentType;
    private final Function<Object, ? extends Iterable<? extends T>> elements;
    private final List<T> decoded;
    private final Predicate<UsageRecord> keep;

    @SuppressWarnings("unchecked")
    private WindowRequest(String what, Function<String, Response> send, Shape shape, Class<T> elementType, String field,
            Class<?> documentType, Function<?, ? extends Iterable<? extends T>> elements, List<T> decoded,
            Predicate<UsageRecord> keep) {
        this.what = what;
        this.send = send;
        this.shape = shape;
        this.elementType = elementType;
        this.field = field;
        this.documentType = documentType;
        this.elements = (Function<Object, ? extends Iterable<? extends T>>) elements;
        this.decoded = decoded;
        this.keep = keep;
    }

    /**
     * A request described as {@code what} in messages (e.g. {@code "billable usage 2025-01-01..2025-01-31"}),
     * made by {@code send} for each page.
     */
    public static Send send(String what, Function<String, Response> send) {
        return new Send(Objects.requireNonNull(what, "what is null"), Objects.requireNonNull(send, "send is null"));
    }

    /** Elements decoded already (by an earlier request of the window), to be mapped like any others. */
    public static <T> WindowRequest<T> decoded(String what, List<T> elements) {
        Objects.requireNonNull(what, "what is null");
        return new WindowRequest<>(what, null, Shape.DECODED, null, null, null, null,
                List.copyOf(Objects.requireNonNull(elements, "elements is null")), r -> true);
    }

    /** This request keeping only the records {@code keep} accepts (on top of the query's filters). */
    public WindowRequest<T> keepIf(Predicate<UsageRecord> keep) {
        Objects.requireNonNull(keep, "keep is null");
        return new WindowRequest<>(what, send, shape, elementType, field, documentType, elements, decoded,
                this.keep.and(keep));
    }

    /** The description used in messages. */
    public String what() {
        return what;
    }

    /** The page function. */
    Function<String, Response> sender() {
        return send;
    }

    /** How the body is decoded. */
    Shape shape() {
        return shape;
    }

    /** The element type ({@link Shape#ARRAY}, {@link Shape#ARRAY_IN}). */
    Class<T> elementType() {
        return elementType;
    }

    /** The array field ({@link Shape#ARRAY_IN}). */
    String field() {
        return field;
    }

    /** The envelope type ({@link Shape#ARRAY_IN}) or document type ({@link Shape#DOCUMENT}). */
    Class<?> documentType() {
        return documentType;
    }

    /** The elements of a decoded document ({@link Shape#DOCUMENT}). */
    Iterable<? extends T> elementsOf(Object document) {
        return elements.apply(document);
    }

    /** The elements decoded already ({@link Shape#DECODED}). */
    List<T> decoded() {
        return decoded;
    }

    /** The request's own record filter. */
    Predicate<UsageRecord> keep() {
        return keep;
    }

    @Override
    public String toString() {
        return "WindowRequest[" + what + ", " + shape + "]";
    }

    /** A request whose body shape is still to be said. */
    public static final class Send {
        private final String what;
        private final Function<String, Response> send;

        private Send(String what, Function<String, Response> send) {
            this.what = what;
            this.send = send;
        }

        /** The body is a JSON array of {@code element}s, decoded one at a time; no paging. */
        public <T> WindowRequest<T> array(Class<T> element) {
            Objects.requireNonNull(element, "element is null");
            return new WindowRequest<>(what, send, Shape.ARRAY, element, null, null, null, null, r -> true);
        }

        /**
         * The body is a JSON object whose {@code field} is the array of {@code element}s, decoded one at a
         * time; the object's other fields are decoded into {@code envelope}, which the kit asks for a
         * reported error and the next cursor once the body is read. A body without the array (and
         * without a reported error) is unreadable.
         */
        public <T> WindowRequest<T> arrayIn(String field, Class<T> element, Class<? extends Envelope> envelope) {
            Objects.requireNonNull(field, "field is null");
            Objects.requireNonNull(element, "element is null");
            Objects.requireNonNull(envelope, "envelope is null");
            return new WindowRequest<>(what, send, Shape.ARRAY_IN, element, field, envelope, null, null, r -> true);
        }

        /**
         * The body is decoded whole into {@code type} (for small documents or shapes an array cannot
         * describe), then {@code elements} lists its elements. When {@code type} implements
         * {@link Envelope}, the kit asks it for a reported error and the next cursor first.
         */
        public <D, T> WindowRequest<T> document(Class<D> type, Function<? super D, ? extends Iterable<? extends T>> elements) {
            Objects.requireNonNull(type, "type is null");
            Objects.requireNonNull(elements, "elements is null");
            return new WindowRequest<>(what, send, Shape.DOCUMENT, null, null, type, elements, null, r -> true);
        }
    }
}
