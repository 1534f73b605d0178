package io.github.wandbjdbc.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The encodings DuckDB does not write (ParquetFileTest covers the others against DuckDB), on
 * bytes laid out by hand as parquet-format's Encodings.md describes them.
 */
class ValueDecodingTest {
  private static final ParquetColumn TEXT =
      new ParquetColumn("t", 0, PhysicalType.BYTE_ARRAY, true, false, false, true, false, 0);
  private static final ParquetColumn FLAG =
      new ParquetColumn("f", 0, PhysicalType.BOOLEAN, true, false, false, false, false, 0);

  /** Encodings.md's own example: axis, axle, babble, babyhood. */
  @Test
  void deltaByteArrayRebuildsPrefixes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    deltaBinaryPacked(out, 0, 2, 0, 3);
    deltaBinaryPacked(out, 4, 2, 6, 5);
    out.writeBytes("axislebabbleyhood".getBytes(StandardCharsets.UTF_8));
    Object[] values = ValueDecoding.decode(ValueDecoding.DELTA_BYTE_ARRAY, TEXT,
        ByteBuffer.wrap(out.toByteArray()), 4, null);
    assertArrayEquals(new Object[] {"axis", "axle", "babble", "babyhood"}, values);
  }

  @Test
  void deltaByteArrayRefusesAPrefixLongerThanThePreviousValue() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    deltaBinaryPacked(out, 0, 9);
    deltaBinaryPacked(out, 1, 1);
    out.writeBytes("ab".getBytes(StandardCharsets.UTF_8));
    assertThrows(ParquetFormatException.class, () -> ValueDecoding.decode(
        ValueDecoding.DELTA_BYTE_ARRAY, TEXT, ByteBuffer.wrap(out.toByteArray()), 2, null));
  }

  /** v2 pages' RLE booleans: a 4-byte length, then a run of five trues and a packed group. */
  @Test
  void rleBooleans() {
    byte[] runs = {(byte) (5 << 1), 1, (byte) ((1 << 1) | 1), (byte) 0b10110010};
    ByteBuffer page = ByteBuffer.allocate(4 + runs.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    page.putInt(runs.length).put(runs).flip();
    Object[] values = ValueDecoding.decode(ValueDecoding.RLE, FLAG, page, 13, null);
    assertArrayEquals(new Object[] {true, true, true, true, true,
        false, true, false, false, true, true, false, true}, values);
  }

  @Test
  void rleBooleansCutShort() {
    byte[] page = {8, 0, 0, 0, (byte) (5 << 1), 1};
    assertThrows(ParquetFormatException.class,
        () -> ValueDecoding.decode(ValueDecoding.RLE, FLAG, ByteBuffer.wrap(page), 5, null));
  }

  /**
   * DELTA_BINARY_PACKED with one block of 128 values in four miniblocks of 32, the way
   * Encodings.md lays it out: header, then the minimum delta, four bit widths and the packed
   * deltas of the miniblocks that hold values (the last one padded to 32 values).
   */
  private static void deltaBinaryPacked(ByteArrayOutputStream out, long... values) {
    varint(out, 128);
    varint(out, 4);
    varint(out, values.length);
    varint(out, zigzag(values[0]));
    if (values.length == 1) {
      return;
    }
    long[] deltas = new long[values.length - 1];
    long min = Long.MAX_VALUE;
    for (int i = 1; i < values.length; i++) {
      deltas[i - 1] = values[i] - values[i - 1];
      min = Math.min(min, deltas[i - 1]);
    }
    long max = 0;
    for (int i = 0; i < deltas.length; i++) {
      deltas[i] -= min;
      max = Math.max(max, deltas[i]);
    }
    int width = 64 - Long.numberOfLeadingZeros(max);
    varint(out, zigzag(min));
    out.write(width);
    out.write(0);
    out.write(0);
    out.write(0);
    long buffer = 0;
    int bits = 0;
    for (int i = 0; i < 32; i++) {
      long delta = i < deltas.length ? deltas[i] : 0;
      buffer |= delta << bits;
      bits += width;
      while (bits >= 8) {
        out.write((int) (buffer & 0xff));
        buffer >>>= 8;
        bits -= 8;
      }
    }
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
