package io.usage4j.cli;

import io.usage4j.core.UsageRecord;
import io.usage4j.core.plan.Window;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One status line on stderr, redrawn a few times a second while sources are read: per source the
 * records written and the request window reached (the port does not expose single HTTP pages, so the
 * planned windows stand in for them), and the time elapsed. Shown only when stderr is a terminal.
 */
final class Progress {
    private final PrintWriter err;
    private final Clock clock;
    private final Instant start;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService ticker;

    /** The progress of one source. */
    static final class Line {
        private final String label;
        private final AtomicLong written;
        private final List<Window> windows;
        private final AtomicReference<Instant> latest = new AtomicReference<>();

        Line(String label, AtomicLong written, List<Window> windows) {
            this.label = Terminal.inert(label);
            this.written = written;
            this.windows = windows;
        }

        /** Notes a record the source produced (called from the source's thread). */
        void seen(UsageRecord record) {
            latest.set(record.chargePeriodStart());
        }

        String render() {
            StringBuilder text = new StringBuilder(label).append(' ')
                    .append(Numbers.grouped(BigDecimal.valueOf(written.get()))).append(" records");
            Instant at = latest.get();
            if (!windows.isEmpty()) {
                int reached = 0;
                for (int i = 0; i < windows.size(); i++) {
                    if (at != null && !at.isBefore(windows.get(i).startInstant())) {
                        reached = i + 1;
                    }
                }
                text.append(" (window ").append(Math.max(reached, 1)).append('/').append(windows.size()).append(')');
            }
            return text.toString();
        }
    }

    Progress(PrintWriter err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.instant();
    }

    Line track(String label, AtomicLong written, List<Window> windows) {
        Line line = new Line(label, written, windows);
        lines.add(line);
        return line;
    }

    void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "usage4j-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::draw, 0, 250, TimeUnit.MILLISECONDS);
    }

    /** The status line as drawn now. */
    String render() {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            if (text.length() > 0) {
                text.append(" · ");
            }
            text.append(line.render());
        }
        Duration elapsed = Duration.between(start, clock.instant());
        return text.append(" · ").append(elapsed.toSeconds()).append('.').append(elapsed.toMillisPart() / 100).append('s').toString();
    }

    /**
     * Draws the line and returns the cursor to its start, so that a log line printed meanwhile (a
     * retry notice) overwrites it and the next draw lands on a fresh line.
     */
    private synchronized void draw() {
        err.print("\033[K" + render() + "\r");
        err.flush();
    }

    void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            err.println("\033[K" + render());
            err.flush();
        }
    }
}
