package io.usage4j.dataset;

/** The page compression of a FOCUS Parquet file; all three are read by DuckDB, Spark and pyarrow. */
public enum ParquetCodec {
    /** No compression. */
    UNCOMPRESSED,
    /** Snappy: fastest, larger files. */
    SNAPPY,
    /** Zstandard at level 3: the default; the smallest files at about Snappy's speed. */
    ZSTD
}
