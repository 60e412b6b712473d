package io.usage4j.dataset.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The dataset metadata file, {@code _focus_metadata.json} at the dataset root: FOCUS 1.3 metadata
 * ({@code DatasetInstance} per source and its {@code Recency} with one time sector per charge month:
 * complete, last updated) and, under {@code x_Sync}, what sync needs per source month (the source URL
 * without secrets, the range fetched, when, the record count and each partition file's content hash).
 *
 * <p>It is rewritten whole, through a temporary file and an atomic move, after every month a sync
 * commits, so a reader never sees half of it.
 */
public final class DatasetMetadata {
    private static final String SYNC = "x_Sync";

    private DatasetMetadata() {}

    /**
     * The month states recorded in {@code root}'s metadata file; empty if there is none.
     *
     * @throws IllegalArgumentException if the file is not valid metadata (the message names it)
     */
    public static List<MonthState> read(Path root) {
        Path file = root.resolve(DatasetLayout.METADATA);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dataset metadata " + file, e);
        }
        try {
            Map<?, ?> top = (Map<?, ?>) JsonText.parse(text);
            List<MonthState> states = new ArrayList<>();
            Object sync = top.get(SYNC);
            for (Object item : sync == null ? List.of() : (List<?>) sync) {
                Map<?, ?> entry = (Map<?, ?>) item;
                List<MonthState.PartitionFile> files = new ArrayList<>();
                for (Object part : (List<?>) entry.get("Partitions")) {
                    Map<?, ?> p = (Map<?, ?>) part;
                    files.add(new MonthState.PartitionFile(str(p, "Path"), str(p, "BillingAccountId"),
                            ((BigDecimal) p.get("Records")).longValueExact(), str(p, "Sha256")));
                }
                states.add(new MonthState(str(entry, "Source"), new SourceIdentity(str(entry, "Provider"), str(entry, "View")),
                        YearMonth.parse(str(entry, "ChargeMonth")), LocalDate.parse(str(entry, "FetchedFrom")),
                        LocalDate.parse(str(entry, "FetchedTo")), Instant.parse(str(entry, "FetchedAt")),
                        Instant.parse(str(entry, "ChangedAt")), Period.parse(str(entry, "FinalityLag")),
                        ((BigDecimal) entry.get("Records")).longValueExact(), files));
            }
            return states;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the dataset metadata " + file + " is not valid (" + e.getMessage()
                    + "); move it aside and run sync with --full to rebuild it", e);
        }
    }

    private static String str(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(key + " is missing or not a string");
        }
        return text;
    }

    /** Writes {@code states} (and the Recency derived from them) to {@code root}'s metadata file, atomically. */
    public static void write(Path root, List<MonthState> states, Instant now) {
        List<MonthState> sorted = new ArrayList<>(states);
        sorted.sort(Comparator.comparing(MonthState::source).thenComparing(MonthState::month));
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("FocusVersion", "1.3");
        top.put("DataGenerator", "usage4j");
        top.put("Layout", "provider={provider}/view={view}/billing_account_id={BillingAccountId}/charge_month={YYYY-MM of ChargePeriodStart, UTC}/"
                + DatasetLayout.PART);
        top.put("TimeSectorComplete", "true when the whole charge month was fetched at least the provider's finality lag after the month ended");
        Map<String, List<MonthState>> bySource = new TreeMap<>();
        for (MonthState state : sorted) {
            bySource.computeIfAbsent(state.source(), key -> new ArrayList<>()).add(state);
        }
        List<Object> instances = new ArrayList<>();
        List<Object> recency = new ArrayList<>();
        for (Map.Entry<String, List<MonthState>> source : bySource.entrySet()) {
            String id = instanceId(source.getKey());
            Map<String, Object> instance = new LinkedHashMap<>();
            instance.put("DatasetInstanceId", id);
            instance.put("DatasetInstanceName", source.getKey());
            instance.put("FocusDatasetId", "CostAndUsage");
            instances.add(instance);
            Instant lastChanged = source.getValue().stream().map(MonthState::changedAt).max(Comparator.naturalOrder()).orElseThrow();
            List<Object> sectors = new ArrayList<>();
            for (MonthState state : source.getValue()) {
                Map<String, Object> sector = new LinkedHashMap<>();
                sector.put("TimeSectorStart", time(state.month().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
                sector.put("TimeSectorEnd", time(state.month().plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
                sector.put("TimeSectorComplete", state.isFinal());
                sector.put("TimeSectorLastUpdated", time(state.changedAt()));
                sectors.add(sector);
            }
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("DatasetInstanceId", id);
            object.put("RecencyLastUpdated", time(now));
            object.put("DatasetInstanceLastUpdated", time(lastChanged));
            object.put("TimeSectors", sectors);
            recency.add(object);
        }
        top.put("DatasetInstance", instances);
        top.put("Recency", recency);
        List<Object> sync = new ArrayList<>();
        for (MonthState state : sorted) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Source", state.source());
            entry.put("Provider", state.identity().provider());
            entry.put("View", state.identity().view());
            entry.put("ChargeMonth", state.month().toString());
            entry.put("FetchedFrom", state.from().toString());
            entry.put("FetchedTo", state.to().toString());
            entry.put("FetchedAt", time(state.fetchedAt()));
            entry.put("ChangedAt", time(state.changedAt()));
            entry.put("FinalityLag", state.finalityLag().toString());
            entry.put("Final", state.isFinal());
            entry.put("Records", state.records());
            List<Object> files = new ArrayList<>();
            for (MonthState.PartitionFile file : state.partitions()) {
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("Path", file.path());
                part.put("BillingAccountId", file.billingAccountId());
                part.put("Records", file.records());
                part.put("Sha256", file.sha256());
                files.add(part);
            }
            entry.put("Partitions", files);
            sync.add(entry);
        }
        top.put(SYNC, sync);
        AtomicFiles.writeString(root.resolve(DatasetLayout.METADATA), JsonText.write(top));
    }

    /** A stable GUID per source URL: the same source keeps its DatasetInstanceId across syncs. */
    public static String instanceId(String source) {
        return UUID.nameUUIDFromBytes(("usage4j:" + source).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String time(Instant instant) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
