package io.usage4j.provider.fastly.internal;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams that request nothing until consumed and then no more than the consumer pulls.
 * {@code Stream.flatMap} is not enough: inside a pulled (iterator or short-circuit) pipeline it drains
 * each inner stream whole, which would read every page of a cursor sequence ahead of need.
 */
final class LazyStreams {
    private static final int CHARACTERISTICS = Spliterator.ORDERED | Spliterator.NONNULL;

    private LazyStreams() {}

    /** A stream whose elements come from {@code iterator}, created when a terminal operation starts. */
    static <T> Stream<T> of(Supplier<Iterator<T>> iterator) {
        return StreamSupport.stream(() -> Spliterators.spliteratorUnknownSize(iterator.get(), CHARACTERISTICS),
                CHARACTERISTICS, false);
    }

    /** The elements of {@code inner} for each of {@code outer}'s, in order, each inner one started only when reached. */
    static <A, T> Iterator<T> chain(Iterator<A> outer, Function<A, Iterator<T>> inner) {
        return new Iterator<>() {
            private Iterator<T> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!outer.hasNext()) {
                        return false;
                    }
                    current = inner.apply(outer.next());
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
