package io.usage4j.spi.internal;

import io.usage4j.core.TransientException;
import io.usage4j.core.UsageException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads windows in order with at most {@code concurrency} requests in flight.
 *
 * <p>The window being consumed is read lazily on the consumer's thread when it was not fetched
 * ahead, so with a concurrency of 1 nothing is requested before the consumer needs it. Windows after
 * it are fetched ahead in the background, up to the concurrency (one fewer while the consumer's own
 * window is still requesting); each buffers at most {@code buffer} records and then waits for the
 * consumer (backpressure), so memory is bounded by records in flight, never by a window's size.
 * Records come out in window order. A window that fails throws when the consumer reaches the failure;
 * the windows before it are delivered whole.
 */
public final class WindowSpliterator<W, T> extends Spliterators.AbstractSpliterator<T> {
    /** Records a window fetched ahead holds at most before it waits for the consumer. */
    public static final int DEFAULT_BUFFER = 1024;

    private final String providerId;
    private final Iterator<W> windows;
    private final Function<W, Stream<T>> fetch;
    private final ExecutorService executor;
    private final int concurrency;
    private final int buffer;
    private final BooleanSupplier closed;
    private final Deque<Ahead> ahead = new ArrayDeque<>();
    private Iterator<T> current;
    private Stream<T> lazyHead;

    public WindowSpliterator(String providerId, List<W> windows, Function<W, Stream<T>> fetch, ExecutorService executor,
            int concurrency) {
        this(providerId, windows, fetch, executor, concurrency, DEFAULT_BUFFER, () -> false);
    }

    public WindowSpliterator(String providerId, List<W> windows, Function<W, Stream<T>> fetch, ExecutorService executor,
            int concurrency, int buffer, BooleanSupplier closed) {
        super(Long.MAX_VALUE, Spliterator.ORDERED);
        this.providerId = providerId;
        this.windows = windows.iterator();
        this.fetch = fetch;
        this.executor = executor;
        this.concurrency = concurrency;
        this.buffer = buffer;
        this.closed = closed;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        while (current == null || !current.hasNext()) {
            closeLazyHead();
            if (!ahead.isEmpty()) {
                fill(concurrency);
                current = ahead.poll();
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
            Ahead task = new Ahead(buffer);
            try {
                task.future = executor.submit(() -> task.run(window, fetch));
            } catch (RejectedExecutionException shutDown) {
                task.fail(new TransientException(providerId, "the fetch was cancelled (the source was closed)", shutDown));
            }
            ahead.add(task);
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
        Ahead task;
        while ((task = ahead.poll()) != null) {
            task.cancel();
        }
        if (current instanceof WindowSpliterator<?, ?>.Ahead reading) {
            reading.cancel();
        }
        closeLazyHead();
    }

    /** One window fetched ahead: a producer on a kit thread, a bounded queue, and the consumer's iterator. */
    private final class Ahead implements Iterator<T> {
        private static final Object END = new Object();
        private final BlockingQueue<Object> queue;
        private volatile Future<?> future;
        private volatile boolean cancelled;
        private Object next;

        Ahead(int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity + 1);
        }

        void run(W window, Function<W, Stream<T>> fetch) {
            try (Stream<T> records = fetch.apply(window)) {
                Iterator<T> iterator = records.iterator();
                while (iterator.hasNext()) {
                    if (cancelled) {
                        return;
                    }
                    queue.put(iterator.next());
                }
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable failure) {
                fail(failure);
            }
        }

        void fail(Throwable failure) {
            queue.clear(); // never blocks: the consumer gets the failure after nothing more
            queue.offer(new Failed(failure));
        }

        void cancel() {
            cancelled = true;
            Future<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
            queue.clear();
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = take();
            }
            if (next instanceof Failed failed) {
                throw rethrow(failed.failure());
            }
            return next != END;
        }

        @SuppressWarnings("unchecked")
        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T value = (T) next;
            next = null;
            return value;
        }

        private Object take() {
            try {
                while (true) {
                    Object value = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (value != null) {
                        return value;
                    }
                    Future<?> f = future;
                    if (cancelled || closed.getAsBoolean() || f != null && f.isDone() && queue.isEmpty()) {
                        value = queue.poll();
                        if (value != null) {
                            return value;
                        }
                        throw new TransientException(providerId, "the fetch was cancelled (the source or stream was closed)", null);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                WindowSpliterator.this.cancel();
                throw new TransientException(providerId, "interrupted while waiting for usage data", e);
            }
        }

        private RuntimeException rethrow(Throwable cause) {
            WindowSpliterator.this.cancel();
            if (cause instanceof UsageException usage) {
                return usage;
            }
            if (cause instanceof RuntimeException runtime) {
                return runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return new TransientException(providerId, "fetching a window failed: " + cause, cause);
        }
    }

    private record Failed(Throwable failure) {
    }
}
