package io.github.wandbjdbc.pushdown;

/** What a column of a run-child, artifact or sweep table lets its scan narrow on. */
public enum HintKind {
  /** {@code col = v} and {@code col IN (…)}: read only rows whose column is one of the values. */
  ANY_OF,
  /** Comparisons and {@code BETWEEN} on an integral step: read only a step window. */
  STEP_RANGE,
  /** {@code = v} and {@code LIKE p}: read only names matching a pattern (W&B's MySQL LIKE). */
  PATTERN
}
