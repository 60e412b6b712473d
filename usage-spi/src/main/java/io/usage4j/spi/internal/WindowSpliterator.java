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
 * Reads windows in order while fetching up to {@code concurrency} of them at once: each window's
 * records are read into memory by a background task, and handed out in window order. New windows are
 * started only when the consumer needs the next one, so with a concurrency of 1 nothing is fetched
 * ahead of the consumer. A window that fails throws when the consumer reaches it; the windows before
 * it are delivered whole.
 */
public final class WindowSpliterator<W, T> extends Spliterators.AbstractSpliterator<T> {
    private final String providerId;
    private final Iterator<W> windows;
    private final Function<W, Stream<T>> fetch;
    private final ExecutorService executor;
    private final int concurrency;
    private final Deque<Future<List<T>>> inFlight = new ArrayDeque<>();
    private Iterator<T> current;

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
            fill();
            Future<List<T>> next = inFlight.poll();
            if (next == null) {
                return false;
            }
            current = await(next).iterator();
        }
        action.accept(current.next());
        return true;
    }

    private void fill() {
        while (inFlight.size() < concurrency && windows.hasNext()) {
            W window = windows.next();
            inFlight.add(executor.submit(() -> {
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

    /** Cancels every window still being fetched. */
    public void cancel() {
        Future<List<T>> future;
        while ((future = inFlight.poll()) != null) {
            future.cancel(true);
        }
    }
}
