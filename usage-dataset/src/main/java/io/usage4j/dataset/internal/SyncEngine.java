package io.usage4j.dataset.internal;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.core.UsageQuery;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.UsageSource;
import io.usage4j.dataset.FocusParquetReader;
import io.usage4j.dataset.FocusParquetWriter;
import io.usage4j.dataset.PartitionOutcome;
import io.usage4j.dataset.PartitionOutcome.Status;
import io.usage4j.dataset.SyncListener;
import io.usage4j.dataset.SyncOptions;
import io.usage4j.dataset.SyncReport;
import io.usage4j.dataset.SyncSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a sync: plans each source's months ({@link SyncPlanner}), fetches each planned month with one
 * query, streams its rows into one temporary Parquet file per billing account, and then swaps the
 * files in atomically, one partition at a time; a partition whose content hash did not change is left
 * untouched, and a partition whose rows all disappeared upstream is deleted. The metadata file is
 * rewritten after every month. A month that fails leaves every file of the month as it was and stops
 * that source (its later months are reported as not attempted); the other sources proceed.
 */
public final class SyncEngine {
    private static final int PROGRESS_EVERY = 5_000;
    /** A hidden lock file: one sync at a time per dataset. */
    static final String LOCK = ".usage4j.lock";

    /** Called between writing a partition's temporary file and swapping it in: a seam for crash tests. */
    @FunctionalInterface
    public interface BeforeSwap {
        /** Does nothing. */
        BeforeSwap NONE = (temporary, target) -> {};

        /** Called with the finished temporary file and the partition file it is about to replace. */
        void beforeSwap(Path temporary, Path target) throws IOException;
    }

    private final Path root;
    private final BeforeSwap beforeSwap;

    /** An engine for the dataset at {@code root}. */
    public SyncEngine(Path root, BeforeSwap beforeSwap) {
        this.root = Objects.requireNonNull(root, "root is null");
        this.beforeSwap = Objects.requireNonNull(beforeSwap, "beforeSwap is null");
    }

    private record Scope(SyncSource source, YearMonth first, YearMonth last) {}

    private record Pending(DatasetLayout.Partition partition, Path temporary, Path target, FocusParquetWriter writer) {}

    /**
     * Syncs {@code sources}.
     *
     * @throws IllegalArgumentException before any request, if a source new to the dataset has no
     *     start date, or the range is empty
     */
    public SyncReport sync(List<SyncSource> sources, SyncOptions options, SyncListener listener) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the dataset directory " + root, e);
        }
        try (java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(root.resolve(LOCK),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("another sync is writing the dataset at " + root + "; wait for it to finish");
            }
            return locked(sources, options, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the dataset at " + root, e);
        }
    }

    private SyncReport locked(List<SyncSource> sources, SyncOptions options, SyncListener listener) {
        List<MonthState> states = new ArrayList<>(DatasetMetadata.read(root));
        LocalDate today = LocalDate.now(options.clock().withZone(ZoneOffset.UTC));
        List<Scope> scopes = new ArrayList<>();
        for (SyncSource source : sources) {
            Optional<YearMonth> known = states.stream().filter(s -> s.source().equals(source.url()))
                    .map(MonthState::month).min(YearMonth::compareTo);
            YearMonth first = options.from().map(YearMonth::from).or(() -> known).orElseThrow(() -> new IllegalArgumentException(
                    source.url() + " is new to the dataset at " + root + ": give the first day to fetch (--from YYYY-MM-DD)"));
            LocalDate to = options.to().orElse(today.plusDays(1));
            YearMonth last = YearMonth.from(to.minusDays(1));
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("the range of " + source.url() + " is empty: it starts in " + first
                        + " and ends before " + to);
            }
            scopes.add(new Scope(source, first, last));
        }
        removeTemporaries();
        List<PartitionOutcome> outcomes = new ArrayList<>();
        int fetched = 0;
        for (Scope scope : scopes) {
            SyncSource sync = scope.source();
            UsageSource source = sync.source();
            SourceIdentity identity = SourceIdentity.of(source, sync.url());
            SourceCapabilities capabilities = source.capabilities();
            Map<YearMonth, MonthState> mine = new HashMap<>();
            states.stream().filter(s -> s.source().equals(sync.url())).forEach(s -> mine.put(s.month(), s));
            List<SyncPlanner.MonthPlan> plans = SyncPlanner.plan(scope.first(), scope.last(), mine, capabilities, today,
                    options.lookbackMonths(), options.full());
            listener.planned(sync.url(), plans.stream().filter(p -> p.action() == SyncPlanner.Action.FETCH)
                    .map(SyncPlanner.MonthPlan::month).toList());
            String failure = null;
            for (SyncPlanner.MonthPlan plan : plans) {
                MonthState existing = mine.get(plan.month());
                long held = existing == null ? 0 : existing.records();
                if (plan.action() != SyncPlanner.Action.FETCH) {
                    emit(outcomes, listener, new PartitionOutcome(sync.url(), plan.month(), Optional.empty(),
                            plan.action() == SyncPlanner.Action.KEEP ? Status.KEPT : Status.UNREACHABLE, held, plan.reason()));
                    continue;
                }
                if (failure != null) {
                    emit(outcomes, listener, new PartitionOutcome(sync.url(), plan.month(), Optional.empty(), Status.FAILED, held,
                            "not attempted after an earlier month of this source failed; the previous version stays"));
                    continue;
                }
                fetched++;
                try {
                    fetchMonth(sync, identity, capabilities, plan, existing, states, today, options, listener, outcomes);
                } catch (RuntimeException | IOException e) {
                    failure = oneLine(e);
                    emit(outcomes, listener, new PartitionOutcome(sync.url(), plan.month(), Optional.empty(), Status.FAILED, held,
                            failure + "; the previous version of the month stays"));
                }
            }
        }
        return new SyncReport(outcomes, fetched);
    }

    private void fetchMonth(SyncSource sync, SourceIdentity identity, SourceCapabilities capabilities, SyncPlanner.MonthPlan plan,
            MonthState existing, List<MonthState> states, LocalDate today, SyncOptions options, SyncListener listener,
            List<PartitionOutcome> outcomes) throws IOException {
        YearMonth month = plan.month();
        LocalDate from = month.atDay(1);
        LocalDate end = month.plusMonths(1).atDay(1);
        LocalDate to = end.isAfter(today.plusDays(1)) ? today.plusDays(1) : end;
        Instant fetchedAt = options.clock().instant();
        Map<String, Pending> pending = new LinkedHashMap<>();
        long rows = 0;
        boolean committed = false;
        try {
            try (Stream<UsageRecord> records = sync.source().fetch(UsageQuery.between(from, to))) {
                Iterator<UsageRecord> iterator = records.iterator();
                while (iterator.hasNext()) {
                    UsageRecord record = iterator.next();
                    if (!YearMonth.from(record.chargePeriodStart().atOffset(ZoneOffset.UTC)).equals(month)) {
                        continue; // it belongs to the partition of the month it starts in
                    }
                    Pending target = pending.get(record.billingAccountId());
                    if (target == null) {
                        target = open(sync, identity, capabilities, month, record.billingAccountId(), from, to, fetchedAt);
                        pending.put(record.billingAccountId(), target);
                    }
                    target.writer().write(record);
                    if (++rows % PROGRESS_EVERY == 0) {
                        listener.progress(sync.url(), month, rows);
                    }
                }
            }
            for (Pending target : pending.values()) {
                target.writer().close();
            }
            commit(sync, identity, capabilities, month, from, to, fetchedAt, rows, existing, pending, states, options, listener, outcomes);
            committed = true;
        } finally {
            if (!committed) {
                for (Pending target : pending.values()) {
                    try {
                        target.writer().close();
                    } catch (RuntimeException ignored) {
                        // the file is discarded below
                    }
                }
            }
            for (Pending target : pending.values()) {
                AtomicFiles.deleteQuietly(target.temporary());
                removeEmptyDirectories(target.target().getParent());
            }
        }
    }

    private Pending open(SyncSource sync, SourceIdentity identity, SourceCapabilities capabilities, YearMonth month,
            String account, LocalDate from, LocalDate to, Instant fetchedAt) throws IOException {
        DatasetLayout.Partition partition = new DatasetLayout.Partition(identity.provider(), identity.view(), account, month);
        Path target = partition.file(root);
        Files.createDirectories(target.getParent());
        Path temporary = AtomicFiles.temporaryFor(target);
        FocusParquetWriter writer = FocusParquetWriter.builder(temporary)
                .extensionColumns(capabilities.extensionColumns())
                .metadata("usage4j.source", sync.url())
                .metadata("usage4j.view", identity.toString())
                .metadata("usage4j.charge_month", month.toString())
                .metadata("usage4j.fetched_range", from + "/" + to)
                .metadata("usage4j.fetched_at", fetchedAt.toString())
                .build();
        return new Pending(partition, temporary, target, writer);
    }

    private void commit(SyncSource sync, SourceIdentity identity, SourceCapabilities capabilities, YearMonth month, LocalDate from,
            LocalDate to, Instant fetchedAt, long rows, MonthState existing, Map<String, Pending> pending, List<MonthState> states,
            SyncOptions options, SyncListener listener, List<PartitionOutcome> outcomes) throws IOException {
        for (Pending target : pending.values()) {
            String path = target.partition().relativePath();
            for (MonthState other : states) {
                if (!other.source().equals(sync.url()) && other.partitions().stream().anyMatch(f -> f.path().equals(path))) {
                    throw new IllegalStateException("partition " + path + " is kept current by another source, " + other.source()
                            + "; two sources of one provider and view read the same billing account: sync them into different datasets");
                }
            }
        }
        List<MonthState.PartitionFile> files = new ArrayList<>();
        List<PartitionOutcome> done = new ArrayList<>();
        boolean changed = existing == null;
        Set<String> paths = new HashSet<>();
        for (Pending target : pending.values()) {
            String path = target.partition().relativePath();
            paths.add(path);
            String hash = target.writer().contentHash();
            long count = target.writer().rowsWritten();
            if (hash.equals(currentHash(existing, path, target.target()))) {
                Files.delete(target.temporary());
                done.add(new PartitionOutcome(sync.url(), month, Optional.of(path), Status.UNCHANGED, count, "content identical"));
            } else {
                beforeSwap.beforeSwap(target.temporary(), target.target());
                AtomicFiles.replace(target.temporary(), target.target());
                changed = true;
                done.add(new PartitionOutcome(sync.url(), month, Optional.of(path), Status.WRITTEN, count, plan(existing, path)));
            }
            files.add(new MonthState.PartitionFile(path, target.partition().billingAccountId(), count, hash));
        }
        if (existing != null) {
            for (MonthState.PartitionFile old : existing.partitions()) {
                if (!paths.contains(old.path())) {
                    Path file = root.resolve(old.path());
                    Files.deleteIfExists(file);
                    removeEmptyDirectories(file.getParent());
                    changed = true;
                    done.add(new PartitionOutcome(sync.url(), month, Optional.of(old.path()), Status.REMOVED, 0,
                            "its " + old.records() + " rows are no longer reported upstream"));
                }
            }
        }
        MonthState next = new MonthState(sync.url(), identity, month, from, to, fetchedAt, changed ? fetchedAt : existing.changedAt(),
                capabilities.finalityLag(), rows, files);
        if (existing != null) {
            states.remove(existing);
        }
        states.add(next);
        DatasetMetadata.write(root, states, options.clock().instant());
        if (done.isEmpty()) {
            done.add(new PartitionOutcome(sync.url(), month, Optional.empty(), Status.UNCHANGED, 0, "no rows, before and now"));
        }
        for (PartitionOutcome outcome : done) {
            emit(outcomes, listener, outcome);
        }
    }

    private static String plan(MonthState existing, String path) {
        if (existing == null || existing.partitions().stream().noneMatch(f -> f.path().equals(path))) {
            return "new";
        }
        return "restated upstream";
    }

    /** The content hash of the partition file as it is now: from the metadata, else from the file's footer. */
    private static String currentHash(MonthState existing, String path, Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        if (existing != null) {
            for (MonthState.PartitionFile old : existing.partitions()) {
                if (old.path().equals(path)) {
                    return old.sha256();
                }
            }
        }
        try (FocusParquetReader reader = FocusParquetReader.open(file)) {
            return reader.footer().get(FocusWriteSupport.SHA256);
        } catch (UncheckedIOException unreadable) {
            return null; // replace it
        }
    }

    private static void emit(List<PartitionOutcome> outcomes, SyncListener listener, PartitionOutcome outcome) {
        outcomes.add(outcome);
        listener.outcome(outcome);
    }

    /** Deletes the hidden temporary files a killed sync may have left; they were never visible to readers. */
    private void removeTemporaries() {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> DatasetLayout.TEMPORARY.matcher(file.getFileName().toString()).matches())
                    .forEach(AtomicFiles::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // leftovers are hidden from readers; the next sync tries again
        }
    }

    private void removeEmptyDirectories(Path directory) {
        Path current = directory;
        while (current != null && current.startsWith(root) && !current.equals(root)) {
            try {
                Files.delete(current);
            } catch (DirectoryNotEmptyException | NoSuchFileException stop) {
                if (stop instanceof DirectoryNotEmptyException) {
                    return;
                }
            } catch (IOException e) {
                return;
            }
            current = current.getParent();
        }
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (!(failure instanceof io.usage4j.core.UsageException) && !(failure instanceof IllegalStateException)) {
            message = failure.getClass().getSimpleName() + ": " + message;
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
