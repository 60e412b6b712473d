package io.usage4j.dataset;

import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusValidator;
import io.usage4j.core.focus.FocusViolation;
import io.usage4j.dataset.internal.DatasetLayout;
import io.usage4j.dataset.internal.DatasetMetadata;
import io.usage4j.dataset.internal.FocusWriteSupport;
import io.usage4j.dataset.internal.MonthState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The checks behind {@link UsageDataset#validate()}; one file at a time, one row group in memory. */
final class DatasetValidator {
    private DatasetValidator() {}

    static Stream<DatasetFinding> validate(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a directory");
        }
        List<DatasetFinding> upfront = new ArrayList<>();
        Map<String, MonthState.PartitionFile> listed = new HashMap<>();
        if (!Files.exists(root.resolve(DatasetLayout.METADATA))) {
            upfront.add(DatasetFinding.integrity(DatasetLayout.METADATA, "missing: " + root
                    + " is not a usage4j dataset, or was never synced (usage4j sync URL... --dataset " + root + ")"));
        } else {
            try {
                for (MonthState state : DatasetMetadata.read(root)) {
                    for (MonthState.PartitionFile file : state.partitions()) {
                        listed.put(file.path(), file);
                    }
                }
            } catch (IllegalArgumentException | UncheckedIOException e) {
                upfront.add(DatasetFinding.integrity(DatasetLayout.METADATA, e.getMessage()));
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        for (String path : listed.keySet().stream().sorted().toList()) {
            if (!Files.exists(root.resolve(path))) {
                upfront.add(DatasetFinding.integrity(path, "listed in " + DatasetLayout.METADATA + " but missing on disk;"
                        + " run sync with --full for its months to restore it"));
            }
        }
        return Stream.concat(upfront.stream(), files.stream().flatMap(file -> validateFile(root, file, listed)));
    }

    private static Stream<DatasetFinding> validateFile(Path root, Path file, Map<String, MonthState.PartitionFile> listed) {
        String path = DatasetLayout.relative(root, file);
        List<DatasetFinding> findings = new ArrayList<>();
        DatasetLayout.Partition partition = DatasetLayout.parse(path).orElse(null);
        if (partition == null) {
            findings.add(DatasetFinding.integrity(path, "not where the layout puts partitions"
                    + " (provider=/view=/billing_account_id=/charge_month=YYYY-MM/" + DatasetLayout.PART + ")"));
        }
        MonthState.PartitionFile entry = listed.get(path);
        if (partition != null && entry == null && !listed.isEmpty()) {
            findings.add(DatasetFinding.integrity(path, "not listed in " + DatasetLayout.METADATA
                    + ": it was not written by sync, and readers of the dataset will count its rows"));
        }
        FocusParquetReader reader;
        try {
            reader = FocusParquetReader.open(file);
        } catch (UncheckedIOException e) {
            findings.add(DatasetFinding.integrity(path, e.getMessage()));
            return findings.stream();
        }
        try {
            String footerHash = reader.footer().get(FocusWriteSupport.SHA256);
            FocusWriteSupport rehash = new FocusWriteSupport(reader.extensionColumns(), Map.of());
            rehash.prepareForWrite(new NoOpRecordConsumer());
            long row = 0;
            Iterator<UsageRecord> records = reader.records().iterator();
            while (true) {
                UsageRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (RuntimeException unreadable) {
                    findings.add(new DatasetFinding(path, new FocusViolation(row + 1, "(row)", FocusViolation.Severity.ERROR,
                            DatasetFinding.INTEGRITY, "cannot be read as a FOCUS record: " + unreadable.getMessage())));
                    return findings.stream();
                }
                row++;
                rehash.write(record);
                for (FocusViolation violation : FocusValidator.validate(record)) {
                    findings.add(new DatasetFinding(path, new FocusViolation(row, violation.column(), violation.severity(),
                            violation.ruleId(), violation.message())));
                }
                if (partition != null) {
                    if (!record.billingAccountId().equals(partition.billingAccountId())) {
                        findings.add(new DatasetFinding(path, new FocusViolation(row, "BillingAccountId", FocusViolation.Severity.ERROR,
                                DatasetFinding.INTEGRITY, "'" + record.billingAccountId() + "' is not the partition's billing account '"
                                + partition.billingAccountId() + "'")));
                    }
                    YearMonth month = YearMonth.from(record.chargePeriodStart().atOffset(ZoneOffset.UTC));
                    if (!month.equals(partition.month())) {
                        findings.add(new DatasetFinding(path, new FocusViolation(row, "ChargePeriodStart", FocusViolation.Severity.ERROR,
                                DatasetFinding.INTEGRITY, record.chargePeriodStart() + " is not in the partition's month " + partition.month())));
                    }
                }
            }
            rehash.finalizeWrite();
            if (footerHash == null) {
                findings.add(DatasetFinding.integrity(path, "its footer has no " + FocusWriteSupport.SHA256 + ": not written by usage4j"));
            } else if (!footerHash.equals(rehash.sha256())) {
                findings.add(DatasetFinding.integrity(path, "its rows no longer match the content hash in its footer:"
                        + " the file was changed after it was written; run sync with --full for its month"));
            }
            if (entry != null && footerHash != null && !entry.sha256().equals(footerHash)) {
                findings.add(DatasetFinding.integrity(path, "its content hash differs from the one in " + DatasetLayout.METADATA
                        + " (a sync was interrupted between the swap and the metadata update); the next sync re-fetches it"));
            }
            if (reader.recordCount() != row) {
                findings.add(DatasetFinding.integrity(path, "its footer declares " + reader.recordCount() + " rows, " + row + " were read"));
            }
        } finally {
            reader.close();
        }
        return findings.stream();
    }

    /** Consumes nothing: the validator re-runs the writer's hashing without writing. */
    private static final class NoOpRecordConsumer extends org.apache.parquet.io.api.RecordConsumer {
        @Override
        public void startMessage() {}

        @Override
        public void endMessage() {}

        @Override
        public void startField(String field, int index) {}

        @Override
        public void endField(String field, int index) {}

        @Override
        public void startGroup() {}

        @Override
        public void endGroup() {}

        @Override
        public void addInteger(int value) {}

        @Override
        public void addLong(long value) {}

        @Override
        public void addBoolean(boolean value) {}

        @Override
        public void addBinary(org.apache.parquet.io.api.Binary value) {}

        @Override
        public void addFloat(float value) {}

        @Override
        public void addDouble(double value) {}
    }
}
