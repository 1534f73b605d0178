package io.github.wandbjdbc.parquet;

import java.nio.ByteBuffer;

/**
 * Parquet's RLE / bit-packing hybrid (parquet-format's Encodings.md): runs of one repeated value
 * ({@code header & 1 == 0}, count {@code header >>> 1}) and groups of eight values bit-packed
 * least significant bit first ({@code header >>> 1} groups). Definition levels and dictionary
 * indices use it.
 */
final class RleHybridDecoder {
  private final ByteBuffer in;
  private final int bitWidth;
  private final BitReader packed;
  private int runLeft;
  private boolean repeating;
  private int repeated;

  RleHybridDecoder(ByteBuffer in, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new ParquetFormatException("an RLE bit width of " + bitWidth);
    }
    this.in = in;
    this.bitWidth = bitWidth;
    this.packed = new BitReader(in);
  }

  int next() {
    while (runLeft == 0) {
      startRun();
    }
    runLeft--;
    return repeating ? repeated : (int) packed.read(bitWidth);
  }

  private void startRun() {
    long header = BitReader.unsignedVarint(in);
    if ((header & 1) == 0) {
      repeating = true;
      long count = header >>> 1;
      repeated = (int) littleEndian((bitWidth + 7) / 8);
      runLeft = checkedCount(count);
    } else {
      repeating = false;
      long values = (header >>> 1) * 8;
      packed.startGroup();
      runLeft = checkedCount(values);
    }
  }

  private int checkedCount(long count) {
    // A run longer than the page's bytes could hold is damage; a page holds under 2^31 values.
    if (count < 0 || count > Integer.MAX_VALUE) {
      throw new ParquetFormatException("an RLE run of " + count + " values");
    }
    return (int) count;
  }

  private long littleEndian(int bytes) {
    if (in.remaining() < bytes) {
      throw new ParquetFormatException("RLE data cut short");
    }
    long value = 0;
    for (int i = 0; i < bytes; i++) {
      value |= (long) (in.get() & 0xff) << (8 * i);
    }
    return value;
  }
}
