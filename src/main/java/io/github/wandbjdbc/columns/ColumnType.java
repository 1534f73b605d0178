package io.github.wandbjdbc.columns;

/** The SQL types of W&B columns (docs/ARCHITECTURE.md, Columns and types). */
public enum ColumnType {
  VARCHAR,
  BIGINT,
  DOUBLE,
  BOOLEAN,
  /** UTC wall-clock time. */
  TIMESTAMP,
  /** {@code VARCHAR ARRAY}, for tags. */
  VARCHAR_ARRAY,
  /** {@code VARCHAR} holding a JSON document: objects, lists and media values. */
  JSON,
  /**
   * {@code VARCHAR} for a key whose sampled values had several types: every value as its JSON
   * text, strings quoted ({@code "1"} and {@code 1} differ).
   */
  MIXED
}
