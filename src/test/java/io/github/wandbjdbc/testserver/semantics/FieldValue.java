package io.github.wandbjdbc.testserver.semantics;

/**
 * The value of a filter or order key on one run: either missing (the path does not exist) or present
 * with a plain Java value that may be {@code null}. Mongo semantics distinguish the two only for
 * {@code $exists}; everything else treats missing like {@code null}.
 */
record FieldValue(boolean present, Object value, boolean keyPath) {

  static final FieldValue MISSING = new FieldValue(false, null, false);
  /** A config or summary path the run does not have. */
  static final FieldValue MISSING_KEY = new FieldValue(false, null, true);

  static FieldValue of(Object value) {
    return new FieldValue(true, value, true);
  }

  /** Run attributes are SQL columns on W&B's side: an attribute without a value counts as missing. */
  static FieldValue ofAttribute(Object value) {
    return value == null ? MISSING : new FieldValue(true, value, false);
  }

  /** A config or summary key the run lacks, as opposed to one holding null. */
  boolean missingKey() {
    return keyPath && !present;
  }
}
