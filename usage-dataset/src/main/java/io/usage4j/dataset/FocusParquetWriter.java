package io.usage4j.dataset;

import io.usage4j.core.UsageRecord;
import io.usage4j.dataset.internal.Codecs;
import io.usage4j.dataset.internal.FocusWriteSupport;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes {@link UsageRecord}s as one FOCUS Parquet file, streaming: memory holds one row group
 * (8 MB by default), never the file.
 *
 * <p>Column names are FOCUS 1.3's, in the order of the FOCUS CSV, followed by the declared {@code x_}
 * extension columns. Money and quantities are {@code DECIMAL(38,17)}: a value that does not fit
 * exactly is refused with an {@link IllegalArgumentException} naming the column and the record, never
 * rounded. Charge and billing periods are {@code TIMESTAMP(MICROS)} adjusted to UTC. {@code Tags} is a
 * {@code MAP<STRING,STRING>} ({@code Tags['team']} in DuckDB and Spark). Everything else is a UTF-8
 * {@code STRING}. Absent values are nulls.
 *
 * <p>The footer carries the row count ({@code usage4j.records}), a SHA-256 of the rows as stored
 * ({@code usage4j.sha256}: equal hashes mean equal content) and any metadata given to the builder.
 * No Hadoop class is needed at run time. Not thread-safe.
 */
public final class FocusParquetWriter implements Closeable {
    private static final Pattern EXTENSION = Pattern.compile("x_[A-Za-z0-9_]+");
    /** The default row group size: small enough for a 64 MB heap, large enough for fast scans. */
    public static final int DEFAULT_ROW_GROUP_BYTES = 8 * 1024 * 1024;

    private final Path file;
    private final FocusWriteSupport support;
    private final ParquetWriter<UsageRecord> writer;
    private final Set<String> declared;
    private boolean closed;

    private FocusParquetWriter(Builder builder) throws IOException {
        this.file = builder.file;
        this.declared = new HashSet<>(builder.extensionColumns);
        this.support = new FocusWriteSupport(builder.extensionColumns, builder.metadata);
        ParquetConfiguration configuration = new PlainParquetConfiguration();
        this.writer = new ParquetBuilder(new LocalOutputFile(builder.file), support)
                .withConf(configuration)
                .withCodecFactory(new Codecs())
                .withCompressionCodec(CompressionCodecName.valueOf(builder.codec.name()))
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withRowGroupSize((long) builder.rowGroupBytes)
                .withDictionaryPageSize(256 * 1024)
                // the size statistics of parquet-java 1.15+ (a histogram per page) cost time on every value and no FOCUS reader uses them
                .withSizeStatisticsEnabled(false)
                .build();
    }

    /** A writer of {@code file} (which must not exist) with ZSTD pages and the given extension columns. */
    public static FocusParquetWriter create(Path file, List<String> extensionColumns) {
        return builder(file).extensionColumns(extensionColumns).build();
    }

    /** A builder of a writer of {@code file}, which must not exist yet. */
    public static Builder builder(Path file) {
        return new Builder(Objects.requireNonNull(file, "file is null"));
    }

    /**
     * Writes one record as one row.
     *
     * @throws IllegalArgumentException if the record has an undeclared extension column, or a value
     *     that Parquet's column type cannot hold exactly
     * @throws UncheckedIOException if writing fails
     */
    public void write(UsageRecord record) {
        Objects.requireNonNull(record, "record is null");
        if (closed) {
            throw new IllegalStateException("the Parquet writer of " + file + " is closed");
        }
        for (String name : record.extensions().keySet()) {
            if (!declared.contains(name)) {
                throw new IllegalArgumentException("record has extension column " + name
                        + " that this writer was not given; declare it (declared: " + declared + ")");
            }
        }
        try {
            writer.write(record);
        } catch (IOException e) {
            throw new UncheckedIOException("writing Parquet file " + file + " failed after " + support.rows() + " rows", e);
        }
    }

    /**
     * Writes every record of {@code records} in order, one at a time.
     *
     * @return the number of rows written by this call
     */
    public long writeAll(Stream<UsageRecord> records) {
        long before = support.rows();
        records.forEachOrdered(this::write);
        return support.rows() - before;
    }

    /** The rows written so far. */
    public long rowsWritten() {
        return support.rows();
    }

    /** The hex SHA-256 of the rows as stored; available once the writer is closed. */
    public String contentHash() {
        return support.sha256();
    }

    /** Writes the last row group and the footer. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("finishing Parquet file " + file + " failed", e);
        }
    }

    /** Chooses a writer's extension columns, codec, footer metadata and row group size. */
    public static final class Builder {
        private final Path file;
        private List<String> extensionColumns = List.of();
        private ParquetCodec codec = ParquetCodec.ZSTD;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private int rowGroupBytes = DEFAULT_ROW_GROUP_BYTES;

        private Builder(Path file) {
            this.file = file;
        }

        /** The {@code x_} columns to write after the FOCUS ones, in order (default: none). */
        public Builder extensionColumns(List<String> names) {
            Objects.requireNonNull(names, "names is null");
            Set<String> seen = new HashSet<>();
            for (String name : names) {
                if (name == null || !EXTENSION.matcher(name).matches()) {
                    throw new IllegalArgumentException("extension column '" + name
                            + "' must be named x_ followed by letters, digits or underscores");
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("extension column '" + name + "' is declared twice");
                }
            }
            this.extensionColumns = List.copyOf(names);
            return this;
        }

        /** The page compression (default {@link ParquetCodec#ZSTD}). */
        public Builder codec(ParquetCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec is null");
            return this;
        }

        /** Adds a key-value pair to the file's footer. */
        public Builder metadata(String key, String value) {
            Objects.requireNonNull(key, "key is null");
            Objects.requireNonNull(value, "value is null");
            if (key.equals(FocusWriteSupport.SHA256) || key.equals(FocusWriteSupport.RECORDS)) {
                throw new IllegalArgumentException("footer key " + key + " is written by the writer itself");
            }
            metadata.put(key, value);
            return this;
        }

        /** The row group size in bytes (default 8 MB): the memory a writer holds at most. */
        public Builder rowGroupBytes(int bytes) {
            if (bytes < 64 * 1024) {
                throw new IllegalArgumentException("rowGroupBytes must be at least 64 KiB, got " + bytes);
            }
            this.rowGroupBytes = bytes;
            return this;
        }

        /**
         * Creates the file and returns its writer.
         *
         * @throws UncheckedIOException if the file exists or cannot be created
         */
        public FocusParquetWriter build() {
            try {
                return new FocusParquetWriter(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create Parquet file " + file, e);
            }
        }
    }

    private static final class ParquetBuilder extends ParquetWriter.Builder<UsageRecord, ParquetBuilder> {
        private final FocusWriteSupport support;

        ParquetBuilder(OutputFile file, FocusWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected ParquetBuilder self() {
            return this;
        }

        /** Abstract in parquet-java (a Hadoop signature); the ParquetConfiguration overload below is the one used. */
        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<UsageRecord> getWriteSupport(org.apache.hadoop.conf.Configuration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<UsageRecord> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }
    }
}
