package io.usage4j.dataset.internal;

import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusColumn;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Turns {@link UsageRecord}s into Parquet records of {@link FocusSchema}, and while doing so feeds every
 * value, exactly as stored, into a SHA-256: the content hash that tells a re-fetched partition that
 * changed from one that did not. The hash and the row count are added to the footer when the file is
 * closed, beside the metadata given up front.
 */
public final class FocusWriteSupport extends WriteSupport<UsageRecord> {
    /** Footer key of the content hash (hex SHA-256 of the rows as stored). */
    public static final String SHA256 = "usage4j.sha256";
    /** Footer key of the row count. */
    public static final String RECORDS = "usage4j.records";

    private static final FocusColumn[] COLUMNS = FocusColumn.values();
    private static final byte NULL = 0;
    private static final byte VALUE = 1;
    private static final byte ROW_END = 2;

    private final MessageType schema;
    private final List<String> extensionColumns;
    private final Map<String, String> metadata;
    private final MessageDigest digest;
    private final byte[] lengthBytes = new byte[4];
    private RecordConsumer consumer;
    private long rows;
    private String sha256;

    /**
     * A write support for the FOCUS columns plus {@code extensionColumns}, adding {@code metadata} to
     * the footer.
     */
    public FocusWriteSupport(List<String> extensionColumns, Map<String, String> metadata) {
        this.extensionColumns = List.copyOf(extensionColumns);
        this.schema = FocusSchema.messageType(this.extensionColumns);
        this.metadata = new LinkedHashMap<>(metadata);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must have", e);
        }
        digest.update(schema.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** parquet-java's Hadoop entry point, abstract there: never called when the writer is built without Hadoop. */
    @Override
    @SuppressWarnings("deprecation")
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return init(new PlainParquetConfiguration());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, new HashMap<>(metadata));
    }

    @Override
    public String getName() {
        return "usage4j";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(UsageRecord record) {
        consumer.startMessage();
        int index = 0;
        for (FocusColumn column : COLUMNS) {
            String name = column.columnName();
            switch (column.type()) {
                case DECIMAL -> {
                    Optional<BigDecimal> value = FocusSchema.decimal(column, record);
                    if (value.isPresent()) {
                        byte[] bytes;
                        try {
                            bytes = FocusSchema.decimalBytes(value.get());
                        } catch (ArithmeticException e) {
                            throw refused(column, record, e);
                        }
                        field(name, index, Binary.fromConstantByteArray(bytes), bytes);
                    } else {
                        absent();
                    }
                }
                case DATETIME -> {
                    Optional<Instant> value = FocusSchema.instant(column, record);
                    if (value.isPresent()) {
                        long micros;
                        try {
                            micros = FocusSchema.micros(value.get());
                        } catch (ArithmeticException e) {
                            throw refused(column, record, e);
                        }
                        consumer.startField(name, index);
                        consumer.addLong(micros);
                        consumer.endField(name, index);
                        hashLong(micros);
                    } else {
                        absent();
                    }
                }
                case STRING -> string(name, index, column.render(record).orElse(null));
                case KEY_VALUE -> tags(name, index, record.tags());
            }
            index++;
        }
        Map<String, String> extensions = record.extensions();
        for (String name : extensionColumns) {
            string(name, index++, extensions.get(name));
        }
        consumer.endMessage();
        digest.update(ROW_END);
        rows++;
    }

    private void string(String name, int index, String value) {
        if (value == null) {
            absent();
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        field(name, index, Binary.fromConstantByteArray(bytes), bytes);
    }

    private void field(String name, int index, Binary value, byte[] bytes) {
        consumer.startField(name, index);
        consumer.addBinary(value);
        consumer.endField(name, index);
        hashBytes(bytes);
    }

    private void tags(String name, int index, Map<String, String> tags) {
        if (tags.isEmpty()) {
            absent();
            return;
        }
        digest.update(VALUE);
        consumer.startField(name, index);
        consumer.startGroup();
        consumer.startField("key_value", 0);
        for (Map.Entry<String, String> entry : tags.entrySet()) {
            consumer.startGroup();
            byte[] key = entry.getKey().getBytes(StandardCharsets.UTF_8);
            consumer.startField("key", 0);
            consumer.addBinary(Binary.fromConstantByteArray(key));
            consumer.endField("key", 0);
            hashBytes(key);
            if (entry.getValue() != null) {
                byte[] value = entry.getValue().getBytes(StandardCharsets.UTF_8);
                consumer.startField("value", 1);
                consumer.addBinary(Binary.fromConstantByteArray(value));
                consumer.endField("value", 1);
                hashBytes(value);
            } else {
                absent();
            }
            consumer.endGroup();
        }
        consumer.endField("key_value", 0);
        consumer.endGroup();
        consumer.endField(name, index);
        digest.update(ROW_END);
    }

    private void absent() {
        digest.update(NULL);
    }

    private void hashBytes(byte[] bytes) {
        digest.update(VALUE);
        int length = bytes.length;
        lengthBytes[0] = (byte) (length >>> 24);
        lengthBytes[1] = (byte) (length >>> 16);
        lengthBytes[2] = (byte) (length >>> 8);
        lengthBytes[3] = (byte) length;
        digest.update(lengthBytes);
        digest.update(bytes);
    }

    private void hashLong(long value) {
        digest.update(VALUE);
        for (int shift = 56; shift >= 0; shift -= 8) {
            digest.update((byte) (value >>> shift));
        }
    }

    private static IllegalArgumentException refused(FocusColumn column, UsageRecord record, ArithmeticException cause) {
        return new IllegalArgumentException(column.columnName() + " of the record of billing account "
                + record.billingAccountId() + " charged from " + record.chargePeriodStart() + " cannot be stored exactly: "
                + cause.getMessage() + "; nothing was rounded and the file was not kept", cause);
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
        sha256 = HexFormat.of().formatHex(digest.digest());
        Map<String, String> extra = new HashMap<>();
        extra.put(SHA256, sha256);
        extra.put(RECORDS, Long.toString(rows));
        return new FinalizedWriteContext(extra);
    }

    /** The rows written so far. */
    public long rows() {
        return rows;
    }

    /** The content hash, once the file is closed. */
    public String sha256() {
        if (sha256 == null) {
            throw new IllegalStateException("the content hash is known once the file is closed");
        }
        return sha256;
    }
}
