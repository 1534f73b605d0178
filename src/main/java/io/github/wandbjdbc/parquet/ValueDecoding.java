package io.github.wandbjdbc.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the non-null values of one page in each encoding parquet-format defines for flat
 * columns (Encodings.md): PLAIN, the dictionary encodings, RLE booleans, DELTA_BINARY_PACKED,
 * DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT. Values come out as Java
 * objects: {@code Boolean}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, and
 * {@code String} for text columns or {@code byte[]} for other byte arrays.
 */
final class ValueDecoding {
  // parquet-format's Encoding enum.
  static final int PLAIN = 0;
  static final int PLAIN_DICTIONARY = 2;
  static final int RLE = 3;
  static final int BIT_PACKED = 4;
  static final int DELTA_BINARY_PACKED = 5;
  static final int DELTA_LENGTH_BYTE_ARRAY = 6;
  static final int DELTA_BYTE_ARRAY = 7;
  static final int RLE_DICTIONARY = 8;
  static final int BYTE_STREAM_SPLIT = 9;

  private ValueDecoding() {}

  static Object[] decode(int encoding, ParquetColumn column, ByteBuffer in, int count,
      Object[] dictionary) {
    ByteBuffer data = in.order(ByteOrder.LITTLE_ENDIAN);
    return switch (encoding) {
      case PLAIN -> plain(column, data, count);
      case PLAIN_DICTIONARY, RLE_DICTIONARY -> dictionary(column, data, count, dictionary);
      case RLE -> rleBooleans(column, data, count);
      case DELTA_BINARY_PACKED -> deltaIntegers(column, data, count);
      case DELTA_LENGTH_BYTE_ARRAY -> deltaLengthBytes(column, data, count);
      case DELTA_BYTE_ARRAY -> deltaBytes(column, data, count);
      case BYTE_STREAM_SPLIT -> byteStreamSplit(column, data, count);
      default -> throw new ParquetFormatException("column " + column.name()
          + " uses encoding " + encoding + ", which this reader does not decode");
    };
  }

  static Object[] plain(ParquetColumn column, ByteBuffer in, int count) {
    Object[] out = new Object[count];
    try {
      switch (column.type()) {
        case BOOLEAN -> {
          BitReader bits = new BitReader(in);
          for (int i = 0; i < count; i++) {
            out[i] = bits.read(1) == 1;
          }
        }
        case INT32 -> {
          for (int i = 0; i < count; i++) {
            out[i] = int32(column, in.getInt());
          }
        }
        case INT64 -> {
          for (int i = 0; i < count; i++) {
            out[i] = in.getLong();
          }
        }
        case FLOAT -> {
          for (int i = 0; i < count; i++) {
            out[i] = in.getFloat();
          }
        }
        case DOUBLE -> {
          for (int i = 0; i < count; i++) {
            out[i] = in.getDouble();
          }
        }
        case BYTE_ARRAY -> {
          for (int i = 0; i < count; i++) {
            int length = in.getInt();
            out[i] = bytes(column, in, length);
          }
        }
        case FIXED_LEN_BYTE_ARRAY -> {
          for (int i = 0; i < count; i++) {
            out[i] = bytes(column, in, column.typeLength());
          }
        }
        default -> throw new ParquetFormatException("column " + column.name() + " of type "
            + column.type() + ", which this reader does not read");
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw new ParquetFormatException("column " + column.name() + ": a page cut short");
    }
    return out;
  }

  private static Object[] dictionary(ParquetColumn column, ByteBuffer in, int count,
      Object[] dictionary) {
    if (dictionary == null) {
      throw new ParquetFormatException("column " + column.name()
          + ": a dictionary-encoded page without a dictionary page");
    }
    Object[] out = new Object[count];
    if (count == 0) {
      return out;
    }
    if (!in.hasRemaining()) {
      throw new ParquetFormatException("column " + column.name() + ": a page cut short");
    }
    RleHybridDecoder indices = new RleHybridDecoder(in, in.get() & 0xff);
    for (int i = 0; i < count; i++) {
      int index = indices.next();
      if (index < 0 || index >= dictionary.length) {
        throw new ParquetFormatException("column " + column.name() + ": dictionary index "
            + index + " of a dictionary of " + dictionary.length);
      }
      out[i] = dictionary[index];
    }
    return out;
  }

  private static Object[] rleBooleans(ParquetColumn column, ByteBuffer in, int count) {
    if (column.type() != PhysicalType.BOOLEAN) {
      throw new ParquetFormatException("column " + column.name() + ": RLE values of type "
          + column.type());
    }
    ByteBuffer runs = lengthPrefixed(column, in);
    RleHybridDecoder decoder = new RleHybridDecoder(runs, 1);
    Object[] out = new Object[count];
    for (int i = 0; i < count; i++) {
      out[i] = decoder.next() == 1;
    }
    return out;
  }

  /** A 4-byte little-endian length, then that many bytes (RLE values and v1 levels). */
  static ByteBuffer lengthPrefixed(ParquetColumn column, ByteBuffer in) {
    if (in.remaining() < 4) {
      throw new ParquetFormatException("column " + column.name() + ": a page cut short");
    }
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new ParquetFormatException("column " + column.name() + ": levels of " + length
          + " bytes in a page of " + in.remaining());
    }
    ByteBuffer part = in.slice().limit(length);
    in.position(in.position() + length);
    return part;
  }

  private static Object[] deltaIntegers(ParquetColumn column, ByteBuffer in, int count) {
    if (column.type() != PhysicalType.INT32 && column.type() != PhysicalType.INT64) {
      throw new ParquetFormatException("column " + column.name()
          + ": DELTA_BINARY_PACKED values of type " + column.type());
    }
    long[] values = deltaBinaryPacked(in, count);
    Object[] out = new Object[count];
    for (int i = 0; i < count; i++) {
      out[i] = column.type() == PhysicalType.INT32 ? int32(column, (int) values[i]) : values[i];
    }
    return out;
  }

  /**
   * DELTA_BINARY_PACKED: a header (block size, miniblocks per block, value count, first value),
   * then blocks of a minimum delta, one bit width per miniblock and the packed deltas. Sums
   * wrap around as the format says (two's complement).
   */
  static long[] deltaBinaryPacked(ByteBuffer in, int count) {
    long blockSize = BitReader.unsignedVarint(in);
    long miniblocks = BitReader.unsignedVarint(in);
    long total = BitReader.unsignedVarint(in);
    long value = BitReader.zigzagVarint(in);
    if (blockSize <= 0 || blockSize % 128 != 0 || miniblocks <= 0 || blockSize % miniblocks != 0
        || (blockSize / miniblocks) % 32 != 0 || total < count) {
      throw new ParquetFormatException("a DELTA_BINARY_PACKED header that does not add up");
    }
    int perMiniblock = (int) (blockSize / miniblocks);
    long[] out = new long[count];
    if (count == 0) {
      return out;
    }
    out[0] = value;
    int produced = 1;
    BitReader bits = new BitReader(in);
    int[] widths = new int[(int) miniblocks];
    while (produced < total) {
      long minDelta = BitReader.zigzagVarint(in);
      for (int m = 0; m < miniblocks; m++) {
        if (!in.hasRemaining()) {
          throw new ParquetFormatException("a DELTA_BINARY_PACKED block cut short");
        }
        widths[m] = in.get() & 0xff;
        if (widths[m] > 64) {
          throw new ParquetFormatException("a DELTA_BINARY_PACKED bit width of " + widths[m]);
        }
      }
      for (int m = 0; m < miniblocks && produced < total; m++) {
        bits.startGroup();
        int body = in.position();
        for (int i = 0; i < perMiniblock && produced < total; i++) {
          value += minDelta + bits.read(widths[m]);
          if (produced < count) {
            out[produced] = value;
          }
          produced++;
        }
        // A miniblock is padded to its full size (the last used one too); the miniblocks a
        // block does not need have no body at all.
        in.position(Math.min(in.limit(), body + perMiniblock / 8 * widths[m]));
        bits.startGroup();
      }
    }
    return out;
  }

  private static Object[] deltaLengthBytes(ParquetColumn column, ByteBuffer in, int count) {
    long[] lengths = deltaBinaryPacked(in, count);
    Object[] out = new Object[count];
    for (int i = 0; i < count; i++) {
      out[i] = bytes(column, in, lengths[i]);
    }
    return out;
  }

  private static Object[] deltaBytes(ParquetColumn column, ByteBuffer in, int count) {
    long[] prefixes = deltaBinaryPacked(in, count);
    long[] suffixes = deltaBinaryPacked(in, count);
    Object[] out = new Object[count];
    byte[] previous = new byte[0];
    for (int i = 0; i < count; i++) {
      if (prefixes[i] < 0 || prefixes[i] > previous.length || suffixes[i] < 0
          || suffixes[i] > in.remaining()) {
        throw new ParquetFormatException("column " + column.name()
            + ": a DELTA_BYTE_ARRAY value that does not add up");
      }
      byte[] value = new byte[(int) (prefixes[i] + suffixes[i])];
      System.arraycopy(previous, 0, value, 0, (int) prefixes[i]);
      in.get(value, (int) prefixes[i], (int) suffixes[i]);
      previous = value;
      out[i] = column.text() ? new String(value, StandardCharsets.UTF_8) : value;
    }
    return out;
  }

  private static Object[] byteStreamSplit(ParquetColumn column, ByteBuffer in, int count) {
    int width = switch (column.type()) {
      case FLOAT, INT32 -> 4;
      case DOUBLE, INT64 -> 8;
      case FIXED_LEN_BYTE_ARRAY -> column.typeLength();
      default -> throw new ParquetFormatException("column " + column.name()
          + ": BYTE_STREAM_SPLIT values of type " + column.type());
    };
    if ((long) width * count > in.remaining()) {
      throw new ParquetFormatException("column " + column.name() + ": a page cut short");
    }
    byte[] joined = new byte[width * count];
    int base = in.position();
    for (int i = 0; i < count; i++) {
      for (int b = 0; b < width; b++) {
        joined[i * width + b] = in.get(base + b * count + i);
      }
    }
    in.position(base + width * count);
    return plain(column, ByteBuffer.wrap(joined).order(ByteOrder.LITTLE_ENDIAN), count);
  }

  private static Object int32(ParquetColumn column, int value) {
    return column.unsigned() ? (Object) Integer.toUnsignedLong(value) : (Object) value;
  }

  private static Object bytes(ParquetColumn column, ByteBuffer in, long length) {
    if (length < 0 || length > in.remaining()) {
      throw new ParquetFormatException("column " + column.name() + ": a value of " + length
          + " bytes in a page with " + in.remaining() + " left");
    }
    byte[] value = new byte[(int) length];
    in.get(value);
    return column.text() ? new String(value, StandardCharsets.UTF_8) : value;
  }
}
