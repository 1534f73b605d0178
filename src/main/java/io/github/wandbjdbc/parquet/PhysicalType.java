package io.github.wandbjdbc.parquet;

/** Parquet's physical types, numbered as in parquet-format's {@code Type} enum. */
public enum PhysicalType {
  BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY;

  static PhysicalType of(int code) {
    PhysicalType[] all = values();
    if (code < 0 || code >= all.length) {
      throw new ParquetFormatException("unknown parquet physical type " + code);
    }
    return all[code];
  }
}
