package io.github.wandbjdbc.parquet;

/**
 * One top-level column of a file's schema. {@code text} says a byte array holds UTF-8 text
 * (the {@code STRING}, {@code ENUM} or {@code JSON} annotations, or the legacy {@code UTF8}
 * converted type); unannotated byte arrays are raw bytes, which W&B's exports use for JSON
 * documents. {@code nested} marks a group column, which this reader does not read.
 *
 * @param index the column's position among the schema's top-level fields
 */
public record ParquetColumn(String name, int index, PhysicalType type, boolean optional,
    boolean repeated, boolean nested, boolean text, boolean unsigned, int typeLength) {

  /** Whether this reader reads the column: a flat, non-repeated primitive. */
  public boolean readable() {
    return !nested && !repeated && type != PhysicalType.INT96;
  }
}
