package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.pushdown.PushedOrder.ValueClass;

import java.util.Set;

/** One part of a scan of runs: a fetch of one ordered segment, or the release of held rows. */
sealed interface ScanStep {
  /**
   * Page through {@code firstPage}'s runs; hold back rows whose order key is in {@code hold}.
   * {@code few} marks a segment expected to hold few runs (NULL, NaN, ±Infinity around the
   * sorted values): its first page is requested together with those of the fetches after it,
   * up to the next one that may be large, as it is usually empty and would otherwise cost a
   * round trip of its own.
   */
  record Fetch(String segment, RunsQuery firstPage, Set<ValueClass> hold, boolean few)
      implements ScanStep {}

  /** Emit the rows held back of one class. */
  record Release(ValueClass held) implements ScanStep {}
}
