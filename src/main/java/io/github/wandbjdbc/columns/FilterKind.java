package io.github.wandbjdbc.columns;

/**
 * How a column's values behave in W&B's filters, which decides what can be pushed and whether the
 * pushed filter returns exactly SQL's rows or only a superset of them (docs/WIRE.md, Filters).
 */
public enum FilterKind {
  /** No filter key: nothing is pushed. */
  NONE,
  /**
   * Strings from a fixed vocabulary (run state): pushed like free text, as a superset, since the
   * server may ignore case and nothing guarantees the values are lower case.
   */
  LOWERCASE_ENUM,
  /** Free text: equality and LIKE push as a superset (the server may ignore case). */
  STRING,
  /** A config or summary key whose sampled values were strings; values of other types may exist. */
  LOOSE_STRING,
  /** Whole numbers: comparisons are exact. */
  INTEGER,
  /** Floating-point numbers, with NaN and ±Infinity. */
  FLOAT,
  BOOLEAN,
  /** Instants; pushed as widened ranges, always a superset. */
  TIMESTAMP,
  /** Tag lists: membership pushes as a superset. */
  TAGS
}
