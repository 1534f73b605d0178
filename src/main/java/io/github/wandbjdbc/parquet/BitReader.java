package io.github.wandbjdbc.parquet;

import java.nio.ByteBuffer;

/** Values bit-packed least significant bit first, as parquet packs them; and ULEB128 varints. */
final class BitReader {
  private final ByteBuffer in;
  private long current;
  private int bits;

  BitReader(ByteBuffer in) {
    this.in = in;
  }

  /** Forgets leftover bits: a new group starts at a byte boundary. */
  void startGroup() {
    bits = 0;
    current = 0;
  }

  /** The next {@code width} bits (0 to 64) as an unsigned value. */
  long read(int width) {
    long result = 0;
    int got = 0;
    while (got < width) {
      if (bits == 0) {
        if (!in.hasRemaining()) {
          throw new ParquetFormatException("bit-packed data cut short");
        }
        current = in.get() & 0xff;
        bits = 8;
      }
      int take = Math.min(bits, width - got);
      result |= (current & ((1L << take) - 1)) << got;
      current >>>= take;
      bits -= take;
      got += take;
    }
    return result;
  }

  static long unsignedVarint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (!in.hasRemaining()) {
        throw new ParquetFormatException("a varint cut short");
      }
      byte b = in.get();
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new ParquetFormatException("a varint longer than ten bytes");
  }

  static long zigzagVarint(ByteBuffer in) {
    long raw = unsignedVarint(in);
    return (raw >>> 1) ^ -(raw & 1);
  }
}
