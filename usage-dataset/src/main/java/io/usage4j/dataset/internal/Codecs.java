package io.usage4j.dataset.internal;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop: parquet-java's default codec factory loads Hadoop's
 * codec classes even for SNAPPY and ZSTD, so this one calls snappy-java and zstd-jni (both already
 * dependencies of parquet-hadoop) directly. UNCOMPRESSED, SNAPPY and ZSTD; any other codec is refused.
 */
public final class Codecs implements CompressionCodecFactory {
    /** The zstd level: zstd's own default, a good balance of speed and size. */
    static final int ZSTD_LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) {
                    return bytes;
                }
            };
            case SNAPPY -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    return BytesInput.from(Snappy.compress(bytesOf(bytes)));
                }
            };
            case ZSTD -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    return BytesInput.from(Zstd.compress(bytesOf(bytes), ZSTD_LEVEL));
                }
            };
            default -> throw unsupported(codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Decompressor() {
                @Override
                byte[] decompress(byte[] compressed, int size) {
                    return compressed;
                }
            };
            case SNAPPY -> new Decompressor() {
                @Override
                byte[] decompress(byte[] compressed, int size) throws IOException {
                    return Snappy.uncompress(compressed);
                }
            };
            case ZSTD -> new Decompressor() {
                @Override
                byte[] decompress(byte[] compressed, int size) {
                    return Zstd.decompress(compressed, size);
                }
            };
            default -> throw unsupported(codec);
        };
    }

    @Override
    public void release() {
        // nothing pooled
    }

    /** The bytes of {@code input} ({@code BytesInput.toByteArray()} is deprecated in parquet-java 1.14+). */
    static byte[] bytesOf(BytesInput input) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.toIntExact(input.size()));
        input.writeAllTo(out);
        return out.toByteArray();
    }

    private static IllegalArgumentException unsupported(CompressionCodecName codec) {
        return new IllegalArgumentException("Parquet codec " + codec
                + " is not supported without Hadoop; use UNCOMPRESSED, SNAPPY or ZSTD");
    }

    private abstract static class Compressor implements BytesInputCompressor {
        private final CompressionCodecName codec;

        Compressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            // nothing pooled
        }
    }

    private abstract static class Decompressor implements BytesInputDecompressor {
        abstract byte[] decompress(byte[] compressed, int size) throws IOException;

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(checked(decompress(bytesOf(bytes), uncompressedSize), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] compressed = new byte[compressedSize];
            input.get(compressed);
            output.put(checked(decompress(compressed, uncompressedSize), uncompressedSize));
        }

        @Override
        public void release() {
            // nothing pooled
        }

        private static byte[] checked(byte[] bytes, int expected) throws IOException {
            if (bytes.length != expected) {
                throw new IOException("a Parquet page decompressed to " + bytes.length + " bytes, its header says "
                        + expected + ": the file is corrupt");
            }
            return bytes;
        }
    }
}
