package io.github.wandbjdbc.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads Thrift's compact protocol, the encoding of a parquet file's footer and page headers
 * (parquet-format's {@code parquet.thrift}). Only what those structures use: structs with field
 * ids, varint integers, binaries, lists and booleans; anything else is skipped by its type, so
 * fields a newer writer adds are ignored as Thrift intends.
 *
 * <p>Damaged input (a length past the end, a varint longer than ten bytes, an unknown type)
 * throws {@link ParquetFormatException}, never a runtime exception of the buffer.
 */
final class CompactProtocol {
  static final int STOP = 0;
  static final int TRUE = 1;
  static final int FALSE = 2;
  static final int BYTE = 3;
  static final int I16 = 4;
  static final int I32 = 5;
  static final int I64 = 6;
  static final int DOUBLE = 7;
  static final int BINARY = 8;
  static final int LIST = 9;
  static final int SET = 10;
  static final int MAP = 11;
  static final int STRUCT = 12;
  /** Nesting a footer never reaches; a deeper one is damaged or hostile. */
  private static final int MAX_DEPTH = 64;

  private final ByteBuffer in;
  private final short[] lastIds = new short[MAX_DEPTH];
  private int depth = -1;
  private int fieldType;
  private Boolean pendingBoolean;

  CompactProtocol(ByteBuffer in) {
    this.in = in.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Bytes consumed so far, e.g. a page header's length. */
  int position() {
    return in.position();
  }

  void beginStruct() {
    if (++depth >= MAX_DEPTH) {
      throw new ParquetFormatException("thrift structures nested deeper than " + MAX_DEPTH);
    }
    lastIds[depth] = 0;
  }

  void endStruct() {
    depth--;
  }

  /** The next field's id, or {@code -1} at the struct's end; its type is {@link #fieldType()}. */
  int nextField() {
    int header = readByte() & 0xff;
    int type = header & 0x0f;
    if (type == STOP) {
      return -1;
    }
    int delta = header >>> 4;
    short id = delta == 0 ? (short) zigzag32(readVarint()) : (short) (lastIds[depth] + delta);
    lastIds[depth] = id;
    fieldType = type;
    pendingBoolean = type == TRUE ? Boolean.TRUE : type == FALSE ? Boolean.FALSE : null;
    return id;
  }

  int fieldType() {
    return fieldType;
  }

  boolean readBool() {
    if (pendingBoolean != null) {
      boolean value = pendingBoolean;
      pendingBoolean = null;
      return value;
    }
    return readByte() == TRUE;
  }

  int readI32() {
    return zigzag32(readVarint());
  }

  long readI64() {
    long raw = readVarint();
    return (raw >>> 1) ^ -(raw & 1);
  }

  byte[] readBinary() {
    int length = length(readVarint());
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  String readString() {
    return new String(readBinary(), StandardCharsets.UTF_8);
  }

  /** A list's header: its size; the element type is {@link #fieldType()} afterwards. */
  int readListHeader() {
    int header = readByte() & 0xff;
    int size = header >>> 4;
    if (size == 15) {
      size = length(readVarint());
    }
    fieldType = header & 0x0f;
    pendingBoolean = null;
    return size;
  }

  /** Skips one value of {@code type}. */
  void skip(int type) {
    switch (type) {
      case TRUE, FALSE -> {
        if (pendingBoolean != null) {
          pendingBoolean = null;
        } else {
          readByte();
        }
      }
      case BYTE -> readByte();
      case I16, I32, I64 -> readVarint();
      case DOUBLE -> need(8).position(in.position() + 8);
      case BINARY -> {
        int length = length(readVarint());
        need(length).position(in.position() + length);
      }
      case LIST, SET -> {
        int size = readListHeader();
        int element = fieldType;
        for (int i = 0; i < size; i++) {
          skip(element == TRUE || element == FALSE ? BYTE : element);
        }
      }
      case MAP -> {
        int size = length(readVarint());
        if (size > 0) {
          int types = readByte() & 0xff;
          for (int i = 0; i < size; i++) {
            skip(types >>> 4);
            skip(types & 0x0f);
          }
        }
      }
      case STRUCT -> {
        beginStruct();
        while (nextField() >= 0) {
          skip(fieldType);
        }
        endStruct();
      }
      default -> throw new ParquetFormatException("unknown thrift type " + type);
    }
  }

  private byte readByte() {
    return need(1).get();
  }

  private long readVarint() {
    long value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      byte b = readByte();
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new ParquetFormatException("a thrift varint longer than ten bytes");
  }

  private int length(long raw) {
    if (raw < 0 || raw > in.remaining()) {
      throw new ParquetFormatException("a thrift length of " + raw + " past the end of its data");
    }
    return (int) raw;
  }

  private ByteBuffer need(int bytes) {
    if (in.remaining() < bytes) {
      throw new ParquetFormatException("thrift data cut short");
    }
    return in;
  }

  private static int zigzag32(long raw) {
    int n = (int) raw;
    return (n >>> 1) ^ -(n & 1);
  }
}
