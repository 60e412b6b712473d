package io.usage4j.dataset;

import io.usage4j.core.ChargeCategory;
import io.usage4j.core.ChargeClass;
import io.usage4j.core.ChargeFrequency;
import io.usage4j.core.PricingCategory;
import io.usage4j.core.ServiceCategory;
import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusColumn;
import io.usage4j.dataset.internal.ReadOptions;
import io.usage4j.dataset.internal.FocusSchema;
import io.usage4j.dataset.internal.JsonText;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a FOCUS Parquet file written by {@link FocusParquetWriter} back, one row group at a time, with
 * parquet-java's own reader and no Hadoop: as {@link UsageRecord}s, or as FOCUS text per column (the
 * values a FOCUS CSV would hold, for {@link io.usage4j.core.focus.FocusValidator#validateRow}).
 * Decimals come back with trailing zeros stripped ({@code 1.5}, not {@code 1.50000000000000000}).
 */
public final class FocusParquetReader implements Closeable {
    private final Path file;
    private final ParquetFileReader reader;
    private final MessageType schema;
    private final Map<String, String> footer;
    private boolean iterated;

    private FocusParquetReader(Path file) throws IOException {
        this.file = file;
        this.reader = ParquetFileReader.open(new LocalInputFile(file), ReadOptions.create());
        this.schema = reader.getFooter().getFileMetaData().getSchema();
        this.footer = Map.copyOf(reader.getFooter().getFileMetaData().getKeyValueMetaData());
    }

    /**
     * Opens {@code file} and reads its footer.
     *
     * @throws UncheckedIOException if the file cannot be read or is not Parquet
     */
    public static FocusParquetReader open(Path file) {
        Objects.requireNonNull(file, "file is null");
        try {
            return new FocusParquetReader(file);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("cannot read Parquet file " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The footer's key-value metadata. */
    public Map<String, String> footer() {
        return footer;
    }

    /** The number of rows the footer declares. */
    public long recordCount() {
        return reader.getRecordCount();
    }

    /** The column names, in file order. */
    public List<String> columns() {
        return schema.getFields().stream().map(Type::getName).toList();
    }

    /** The {@code x_} extension columns, in file order. */
    public List<String> extensionColumns() {
        return columns().stream().filter(name -> FocusColumn.named(name).isEmpty()).toList();
    }

    /** The rows as FOCUS text keyed by column name, lazily; null for an absent value. Read once. */
    public Stream<Map<String, String>> rows() {
        return groups().map(this::text);
    }

    /** The rows as records, lazily. Read once. */
    public Stream<UsageRecord> records() {
        return groups().map(this::record);
    }

    private Stream<Group> groups() {
        if (iterated) {
            throw new IllegalStateException("the rows of " + file + " were already read; open the file again");
        }
        iterated = true;
        MessageColumnIO columnIo = new ColumnIOFactory().getColumnIO(schema);
        Iterator<Group> iterator = new Iterator<>() {
            private RecordReader<Group> rows;
            private long left;

            @Override
            public boolean hasNext() {
                while (left == 0) {
                    PageReadStore pages;
                    try {
                        pages = reader.readNextRowGroup();
                    } catch (IOException e) {
                        throw new UncheckedIOException("reading a row group of " + file + " failed", e);
                    }
                    if (pages == null) {
                        return false;
                    }
                    left = pages.getRowCount();
                    rows = columnIo.getRecordReader(pages, new GroupRecordConverter(schema));
                }
                return true;
            }

            @Override
            public Group next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                left--;
                return rows.read();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private Map<String, String> text(Group row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Type field : schema.getFields()) {
            String name = field.getName();
            Object value = value(row, field);
            String text;
            if (value == null) {
                text = null;
            } else if (value instanceof BigDecimal number) {
                text = number.toPlainString();
            } else if (value instanceof Instant instant) {
                text = DateTimeFormatter.ISO_INSTANT.format(instant);
            } else if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, String> tags = (Map<String, String>) map;
                text = JsonText.object(tags);
            } else {
                text = value.toString();
            }
            values.put(name, text);
        }
        return values;
    }

    /** The value of {@code field} in {@code row}: String, BigDecimal, Instant, Map or null. */
    private static Object value(Group row, Type field) {
        String name = field.getName();
        if (row.getFieldRepetitionCount(name) == 0) {
            return null;
        }
        if (!field.isPrimitive()) {
            GroupType map = field.asGroupType();
            Group entries = row.getGroup(name, 0);
            Map<String, String> result = new LinkedHashMap<>();
            String repeated = map.getType(0).getName();
            for (int i = 0; i < entries.getFieldRepetitionCount(repeated); i++) {
                Group entry = entries.getGroup(repeated, i);
                result.put(entry.getString("key", 0), entry.getFieldRepetitionCount("value") == 0 ? null : entry.getString("value", 0));
            }
            return result;
        }
        LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            BigDecimal value = new BigDecimal(new java.math.BigInteger(row.getBinary(name, 0).getBytes()), decimal.getScale());
            return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        }
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
            return FocusSchema.instantOf(row.getLong(name, 0));
        }
        return row.getString(name, 0);
    }

    private UsageRecord record(Group row) {
        var builder = UsageRecord.builder();
        for (Type field : schema.getFields()) {
            Object value = value(row, field);
            if (value == null) {
                continue;
            }
            FocusColumn column = FocusColumn.named(field.getName()).orElse(null);
            if (column == null) {
                builder.putExtensions(field.getName(), (String) value);
                continue;
            }
            switch (column) {
                case BILLED_COST -> builder.billedCost((BigDecimal) value);
                case BILLING_ACCOUNT_ID -> builder.billingAccountId((String) value);
                case BILLING_ACCOUNT_NAME -> builder.billingAccountName((String) value);
                case BILLING_CURRENCY -> builder.billingCurrency((String) value);
                case BILLING_PERIOD_END -> builder.billingPeriodEnd((Instant) value);
                case BILLING_PERIOD_START -> builder.billingPeriodStart((Instant) value);
                case CHARGE_CATEGORY -> builder.chargeCategory(ChargeCategory.fromFocusValue((String) value));
                case CHARGE_CLASS -> builder.chargeClass(ChargeClass.fromFocusValue((String) value));
                case CHARGE_DESCRIPTION -> builder.chargeDescription((String) value);
                case CHARGE_FREQUENCY -> builder.chargeFrequency(ChargeFrequency.fromFocusValue((String) value));
                case CHARGE_PERIOD_END -> builder.chargePeriodEnd((Instant) value);
                case CHARGE_PERIOD_START -> builder.chargePeriodStart((Instant) value);
                case CONSUMED_QUANTITY -> builder.consumedQuantity((BigDecimal) value);
                case CONSUMED_UNIT -> builder.consumedUnit((String) value);
                case CONTRACTED_COST -> builder.contractedCost((BigDecimal) value);
                case CONTRACTED_UNIT_PRICE -> builder.contractedUnitPrice((BigDecimal) value);
                case EFFECTIVE_COST -> builder.effectiveCost((BigDecimal) value);
                case HOST_PROVIDER_NAME -> builder.hostProviderName((String) value);
                case INVOICE_ID -> builder.invoiceId((String) value);
                case INVOICE_ISSUER_NAME -> builder.invoiceIssuerName((String) value);
                case LIST_COST -> builder.listCost((BigDecimal) value);
                case LIST_UNIT_PRICE -> builder.listUnitPrice((BigDecimal) value);
                case PRICING_CATEGORY -> builder.pricingCategory(PricingCategory.fromFocusValue((String) value));
                case PRICING_QUANTITY -> builder.pricingQuantity((BigDecimal) value);
                case PRICING_UNIT -> builder.pricingUnit((String) value);
                case PROVIDER_NAME -> builder.providerName((String) value);
                case PUBLISHER_NAME -> builder.publisherName((String) value);
                case REGION_ID -> builder.regionId((String) value);
                case REGION_NAME -> builder.regionName((String) value);
                case RESOURCE_ID -> builder.resourceId((String) value);
                case RESOURCE_NAME -> builder.resourceName((String) value);
                case RESOURCE_TYPE -> builder.resourceType((String) value);
                case SERVICE_CATEGORY -> builder.serviceCategory(ServiceCategory.fromFocusValue((String) value));
                case SERVICE_NAME -> builder.serviceName((String) value);
                case SERVICE_PROVIDER_NAME -> builder.serviceProviderName((String) value);
                case SERVICE_SUBCATEGORY -> builder.serviceSubcategory((String) value);
                case SKU_ID -> builder.skuId((String) value);
                case SKU_METER -> builder.skuMeter((String) value);
                case SUB_ACCOUNT_ID -> builder.subAccountId((String) value);
                case SUB_ACCOUNT_NAME -> builder.subAccountName((String) value);
                case TAGS -> {
                    @SuppressWarnings("unchecked")
                    Map<String, String> tags = (Map<String, String>) value;
                    builder.putAllTags(tags);
                }
            }
        }
        return builder.build();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing Parquet file " + file + " failed", e);
        }
    }

}
