package io.usage4j.dataset;

import io.usage4j.dataset.internal.SyncEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The child process of {@link KilledProcessTest}: syncs new data into a dataset and dies on the way,
 * either killed by its parent while a partition is being written ({@code mid-write}: it announces
 * {@code WRITING} and waits), or halting itself after a partition's temporary file is complete and
 * before it is swapped in ({@code before-swap}).
 */
public final class KilledSyncMain {
    private KilledSyncMain() {}

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args[0]);
        String mode = args[1];
        FakeSource source = new FakeSource("cloudflare").upstream(SyncTest.days(List.of("acct-a", "acct-a2"), "2025-03-01", "2025-06-15", "8.88"));
        if (mode.equals("mid-write")) {
            source.midStream(() -> {
                System.out.println("WRITING");
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        SyncEngine.BeforeSwap halt = mode.equals("before-swap") ? (temporary, target) -> {
            System.out.println("SWAPPING " + temporary.getFileName());
            System.out.flush();
            Runtime.getRuntime().halt(137);
        } : SyncEngine.BeforeSwap.NONE;
        Instant now = Instant.parse("2025-06-16T12:00:00Z");
        new SyncEngine(dataset, halt).sync(List.of(new SyncSource(SyncTest.URL_A, source)),
                SyncOptions.defaults().withFrom(LocalDate.parse("2025-03-01")).withClock(Clock.fixed(now, ZoneOffset.UTC)),
                SyncListener.NONE);
        System.out.println("FINISHED");
    }
}
