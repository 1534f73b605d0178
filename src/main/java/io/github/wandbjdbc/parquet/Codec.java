package io.github.wandbjdbc.parquet;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;

import java.util.zip.GZIPInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Parquet's compression codecs, numbered as in parquet-format's {@code CompressionCodec}. SNAPPY,
 * ZSTD and LZ4_RAW decompress with aircompressor's pure-Java code and GZIP with the JDK's, so no
 * native library is ever loaded (the jar runs inside DBeaver's and Spark's class loaders, where
 * native libraries are fragile). LZO, BROTLI and Hadoop-framed LZ4 are not read.
 */
public enum Codec {
  UNCOMPRESSED, SNAPPY, GZIP, LZO, BROTLI, LZ4, ZSTD, LZ4_RAW;

  static Codec of(int code) {
    Codec[] all = values();
    if (code < 0 || code >= all.length) {
      throw new ParquetFormatException("unknown parquet compression codec " + code);
    }
    return all[code];
  }

  /** {@code compressed} inflated to exactly {@code size} bytes. */
  byte[] decompress(byte[] compressed, int offset, int length, int size) {
    if (this == UNCOMPRESSED) {
      if (length != size) {
        throw new ParquetFormatException("an uncompressed page of " + length
            + " bytes that says it holds " + size);
      }
      byte[] copy = new byte[size];
      System.arraycopy(compressed, offset, copy, 0, size);
      return copy;
    }
    byte[] out = new byte[size];
    int written;
    try {
      written = switch (this) {
        case SNAPPY -> with(new SnappyDecompressor(), compressed, offset, length, out);
        case ZSTD -> with(new ZstdDecompressor(), compressed, offset, length, out);
        case LZ4_RAW -> with(new Lz4Decompressor(), compressed, offset, length, out);
        case GZIP -> gunzip(compressed, offset, length, out);
        default -> throw new ParquetFormatException("pages compressed with " + this
            + ", which this reader does not decompress (it reads SNAPPY, ZSTD, GZIP, LZ4_RAW)");
      };
    } catch (ParquetFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ParquetFormatException("a " + this + " page that does not decompress: " + e, e);
    }
    if (written != size) {
      throw new ParquetFormatException("a " + this + " page of " + written
          + " bytes that says it holds " + size);
    }
    return out;
  }

  private static int with(Decompressor d, byte[] in, int offset, int length, byte[] out) {
    return d.decompress(in, offset, length, out, 0, out.length);
  }

  private static int gunzip(byte[] in, int offset, int length, byte[] out) {
    try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(in, offset, length))) {
      int total = 0;
      while (total < out.length) {
        int n = gz.read(out, total, out.length - total);
        if (n < 0) {
          break;
        }
        total += n;
      }
      if (gz.read() >= 0) {
        throw new ParquetFormatException("a GZIP page longer than it says");
      }
      return total;
    } catch (IOException e) {
      throw new ParquetFormatException("a GZIP page that does not decompress: " + e.getMessage(),
          e);
    }
  }
}
