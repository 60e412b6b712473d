package io.usage4j.dataset.internal;

import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetMetricsCallback;

/**
 * Read options for parquet-java's file reader without Hadoop. Every public way to build
 * {@link ParquetReadOptions} in parquet-java 1.18 creates Hadoop's codec factory first (the builder's
 * constructors call {@code HadoopCodecs.newFactory}, which needs {@code hadoop-common} classes), even
 * when a codec factory is supplied afterwards. The options object itself needs no Hadoop, so it is
 * built here through its constructor, with {@link Codecs} as the codec factory and the builder's
 * defaults otherwise. The constructor's signature is pinned by the parquet-java version in the parent
 * pom; the reader tests fail at once if an upgrade changes it.
 */
public final class ReadOptions {
    private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

    private ReadOptions() {}

    /** Options with the builder's defaults and the Hadoop-free codecs. */
    public static ParquetReadOptions create() {
        try {
            Constructor<ParquetReadOptions> constructor = ParquetReadOptions.class.getDeclaredConstructor(
                    boolean.class, boolean.class, boolean.class, boolean.class, boolean.class, boolean.class, boolean.class,
                    boolean.class, boolean.class, FilterCompat.Filter.class, ParquetMetadataConverter.MetadataFilter.class,
                    CompressionCodecFactory.class, ByteBufferAllocator.class, int.class, Map.class,
                    FileDecryptionProperties.class, ParquetMetricsCallback.class, ParquetConfiguration.class);
            constructor.setAccessible(true);
            return constructor.newInstance(
                    false, // useSignedStringMinMax
                    true, // useStatsFilter
                    true, // useDictionaryFilter
                    true, // useRecordFilter
                    true, // useColumnIndexFilter
                    false, // usePageChecksumVerification
                    true, // useBloomFilter
                    false, // useOffHeapDecryptBuffer
                    false, // useHadoopVectoredIo: there is no Hadoop file system here
                    FilterCompat.NOOP, ParquetMetadataConverter.NO_FILTER, new Codecs(), new HeapByteBufferAllocator(),
                    MAX_ALLOCATION, new HashMap<String, String>(), null, null, new PlainParquetConfiguration());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot build parquet-java read options without Hadoop (parquet-java's"
                    + " ParquetReadOptions constructor changed?): " + e, e);
        }
    }
}
