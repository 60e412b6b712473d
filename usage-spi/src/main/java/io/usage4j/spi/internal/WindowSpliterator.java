package io.usage4j.spi.internal;

import io.usage4j.core.TransientException;
import io.usage4j.core.UsageException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads windows in order with at most {@code concurrency} requests in flight.
 *
 * <p>The window being consumed is read lazily on the consumer's thread when it was not fetched
 * ahead, page by page, so with a concurrency of 1 nothing is requested before the consumer needs it.
 * Windows after it are fetched ahead in the background, each read whole, up to the concurrency
 * (one fewer while the consumer's own window is still requesting). Records come out in window order.
 * A window that fails throws when the consumer reaches it; the windows before it are delivered whole.
 */
public final class WindowSpliterator<W, T> extends Spliterators.AbstractSpliterator<T> {
    private final String providerId;
    private final Iterator<W> windows;
    private final Function<W, Stream<T>> fetch;
    private final ExecutorService executor;
    private final int concurrency;
    private final Deque<Future<List<T>>> ahead = new ArrayDeque<>();
    private Iterator<T> current;
    private Stream<T> lazyHead;

    public WindowSpliterator(String providerId, List<W> windows, Function<W, Stream<T>> fetch, ExecutorService executor,
            int concurrency) {
        super(Long.MAX_VALUE, Spliterator.ORDERED);
        this.providerId = providerId;
        this.windows = windows.iterator();
        this.fetch = fetch;
        this.executor = executor;
        this.concurrency = concurrency;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        while (current == null || !current.hasNext()) {
            closeLazyHead();
            if (!ahead.isEmpty()) {
                fill(concurrency);
                current = await(ahead.poll()).iterator();
                fill(concurrency);
            } else if (windows.hasNext()) {
                W head = windows.next();
                // Start the windows after it first: fetch.apply may make its request at once.
                fill(concurrency - 1);
                lazyHead = fetch.apply(head);
                current = lazyHead.iterator();
            } else {
                current = null;
                return false;
            }
        }
        action.accept(current.next());
        return true;
    }

    private void fill(int limit) {
        while (ahead.size() < limit && windows.hasNext()) {
            W window = windows.next();
            ahead.add(executor.submit(() -> {
                try (Stream<T> records = fetch.apply(window)) {
                    return records.toList();
                }
            }));
        }
    }

    private List<T> await(Future<List<T>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new TransientException(providerId, "interrupted while waiting for usage data", e);
        } catch (CancellationException e) {
            throw new TransientException(providerId, "the fetch was cancelled (the source or stream was closed)", e);
        } catch (ExecutionException e) {
            cancel();
            Throwable cause = e.getCause();
            if (cause instanceof UsageException usage) {
                throw usage;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new TransientException(providerId, "fetching a window failed: " + cause, cause);
        }
    }

    private void closeLazyHead() {
        if (lazyHead != null) {
            lazyHead.close();
            lazyHead = null;
        }
    }

    /** Cancels every window fetched ahead and closes the one being read. */
    public void cancel() {
        Future<List<T>> future;
        while ((future = ahead.poll()) != null) {
            future.cancel(true);
        }
        closeLazyHead();
    }
}
