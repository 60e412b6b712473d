package io.usage4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.core.UsageRecord;
import io.usage4j.core.focus.FocusColumn;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("FocusParquetWriter")
class FocusParquetWriterTest {
    @TempDir
    Path dir;

    private UsageRecord roundTrip(UsageRecord record, ParquetCodec codec) {
        Path file = dir.resolve("rows-" + codec + ".parquet");
        try (FocusParquetWriter writer = FocusParquetWriter.builder(file).extensionColumns(List.of(Rows.EXTENSION)).codec(codec).build()) {
            writer.write(record);
        }
        try (FocusParquetReader reader = FocusParquetReader.open(file)) {
            List<UsageRecord> read = reader.records().toList();
            assertThat(read).hasSize(1);
            return read.get(0);
        }
    }

    @Nested
    @DisplayName("parquet-java's reader gives back")
    class RoundTrip {
        @ParameterizedTest(name = "every column of every type, with {0} pages")
        @EnumSource(ParquetCodec.class)
        void everyColumn(ParquetCodec codec) {
            UsageRecord written = Rows.everyColumn();
            UsageRecord read = roundTrip(written, codec);
            for (FocusColumn column : FocusColumn.values()) {
                Optional<String> expected = column.render(written);
                assertThat(expected).as("the test record fills %s", column.columnName()).isPresent();
                if (column.type() == FocusColumn.FocusType.DECIMAL) {
                    assertThat(new BigDecimal(column.render(read).orElseThrow()))
                            .as(column.columnName()).isEqualByComparingTo(new BigDecimal(expected.get()));
                } else {
                    assertThat(column.render(read)).as(column.columnName()).isEqualTo(expected);
                }
            }
            assertThat(read.tags()).containsExactlyEntriesOf(written.tags());
            assertThat(read.extensions()).containsExactlyEntriesOf(written.extensions());
            assertThat(read.chargePeriodEnd()).isEqualTo(Instant.parse("2025-01-05T01:00:00.123456Z"));
        }

        @Test
        @DisplayName("absent values as absent, never as zero or empty")
        void absent() {
            UsageRecord minimal = Rows.day("a", LocalDate.parse("2025-01-01"), "1", "2").billedCost(Optional.empty())
                    .consumedQuantity(Optional.empty()).build();
            UsageRecord read = roundTrip(minimal, ParquetCodec.ZSTD);
            assertThat(read).isEqualTo(minimal);
        }
    }

    @Nested
    @DisplayName("the schema")
    class Schema {
        @Test
        @DisplayName("names the FOCUS columns in CSV order, then the extensions; money is DECIMAL(38,17), periods UTC micros, Tags a map")
        void types() throws Exception {
            Path file = dir.resolve("schema.parquet");
            try (FocusParquetWriter writer = FocusParquetWriter.builder(file).extensionColumns(List.of(Rows.EXTENSION)).build()) {
                writer.write(Rows.everyColumn());
            }
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), io.usage4j.dataset.internal.ReadOptions.create())) {
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                List<String> expected = new java.util.ArrayList<>(java.util.Arrays.stream(FocusColumn.values()).map(FocusColumn::columnName).toList());
                expected.add(Rows.EXTENSION);
                assertThat(schema.getFields()).extracting(org.apache.parquet.schema.Type::getName).containsExactlyElementsOf(expected);
                var cost = schema.getType("BilledCost").asPrimitiveType();
                assertThat(cost.getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);
                assertThat(cost.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.decimalType(17, 38));
                assertThat(schema.getType("ChargePeriodStart").getLogicalTypeAnnotation())
                        .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
                assertThat(schema.getType("Tags").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.mapType());
                assertThat(schema.getType("BillingAccountId").isRepetition(org.apache.parquet.schema.Type.Repetition.REQUIRED)).isTrue();
                assertThat(reader.getFooter().getFileMetaData().getKeyValueMetaData())
                        .containsEntry("usage4j.records", "1").containsKey("usage4j.sha256");
            }
        }
    }

    @Nested
    @DisplayName("refuses, never rounds,")
    class Exactness {
        private void refuses(Function<io.usage4j.core.ImmutableUsageRecord.Builder, io.usage4j.core.ImmutableUsageRecord.Builder> change,
                String column, String why) {
            Path file = dir.resolve(column + ".parquet");
            UsageRecord record = change.apply(Rows.day("acct-7", LocalDate.parse("2025-01-01"), "1", "1")).build();
            try (FocusParquetWriter writer = FocusParquetWriter.create(file, List.of())) {
                assertThatThrownBy(() -> writer.write(record)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(column).hasMessageContaining("acct-7").hasMessageContaining(why);
            } catch (RuntimeException closingAfterFailure) {
                // the file is abandoned; the caller deletes it
            }
        }

        @Test
        @DisplayName("a value with more than 17 decimals")
        void tooManyDecimals() {
            refuses(b -> b.billedCost(new BigDecimal("0.000000000000000001")), "BilledCost", "decimal places");
        }

        @Test
        @DisplayName("a value with more than 21 integer digits")
        void tooLarge() {
            refuses(b -> b.consumedQuantity(new BigDecimal("1000000000000000000000")), "ConsumedQuantity", "integer digits");
        }

        @Test
        @DisplayName("an instant finer than a microsecond")
        void nanos() {
            refuses(b -> b.chargePeriodEnd(Instant.parse("2025-01-02T00:00:00.000000001Z")), "ChargePeriodEnd", "microsecond");
        }

        @Test
        @DisplayName("an extension column that was not declared")
        void undeclared() {
            Path file = dir.resolve("undeclared.parquet");
            try (FocusParquetWriter writer = FocusParquetWriter.create(file, List.of())) {
                assertThatThrownBy(() -> writer.write(Rows.everyColumn())).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(Rows.EXTENSION);
            }
        }
    }

    @Nested
    @DisplayName("the content hash")
    class ContentHash {
        private String hash(String name, List<UsageRecord> rows) {
            FocusParquetWriter writer = FocusParquetWriter.create(dir.resolve(name), List.of());
            rows.forEach(writer::write);
            writer.close();
            return writer.contentHash();
        }

        @Test
        @DisplayName("is equal for equal rows and differs when one value changes")
        void equalAndDifferent() {
            LocalDate day = LocalDate.parse("2025-03-01");
            String a = hash("a.parquet", List.of(Rows.day("x", day, "1.50", "3").build()));
            String b = hash("b.parquet", List.of(Rows.day("x", day, "1.5", "3").build()));
            String c = hash("c.parquet", List.of(Rows.day("x", day, "1.51", "3").build()));
            assertThat(a).isEqualTo(b).hasSize(64);
            assertThat(c).isNotEqualTo(a);
        }
    }

    @Test
    @DisplayName("needs no Hadoop class at run time")
    void noHadoop() throws Exception {
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration")).isInstanceOf(ClassNotFoundException.class);
        Path file = dir.resolve("plain.parquet");
        try (FocusParquetWriter writer = FocusParquetWriter.create(file, List.of())) {
            writer.write(Rows.day("a", LocalDate.parse("2025-01-01"), "1", "1").build());
        }
        assertThat(Files.size(file)).isPositive();
        assertThat(Map.of()).isEmpty();
    }
}
