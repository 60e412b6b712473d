package io.usage4j.spi.internal;

import dev.failsafe.spi.Scheduler;
import io.usage4j.spi.kit.Sleeper;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Failsafe scheduler that waits through a {@link Sleeper}, so retry delays are real in production
 * and recorded, not slept, in tests.
 */
public final class SleeperScheduler implements Scheduler {
    private final ExecutorService executor;
    private final Sleeper sleeper;

    public SleeperScheduler(ExecutorService executor, Sleeper sleeper) {
        this.executor = executor;
        this.sleeper = sleeper;
    }

    @Override
    public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
        Duration wait = Duration.ofNanos(unit.toNanos(delay));
        FutureTask<Object> task = new FutureTask<>(() -> {
            if (!wait.isZero() && !wait.isNegative()) {
                sleeper.sleep(wait);
            }
            return callable.call();
        });
        executor.execute(task);
        return new Scheduled(task, wait);
    }

    private record Scheduled(FutureTask<Object> task, Duration delay) implements ScheduledFuture<Object> {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(delay);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return task.cancel(mayInterruptIfRunning);
        }

        @Override
        public boolean isCancelled() {
            return task.isCancelled();
        }

        @Override
        public boolean isDone() {
            return task.isDone();
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            return task.get();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return task.get(timeout, unit);
        }
    }
}
