package io.github.wandbjdbc.testserver.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metric history of one run ({@code Run.history}, {@code Run.sampledHistory}). Rows are keyed by
 * {@code _step}, unique per run and ascending; steps need not be contiguous. Implementations build
 * rows on demand so that a run with 100,000 steps costs no memory until someone reads it.
 */
public interface HistoryData {

  /** {@code historyKeys.lastStep}: the highest step, -1 without history. */
  long lastStep();

  /** Number of rows ({@code Run.historyLineCount}). */
  long rowCount();

  /** The steps with {@code minStepInclusive <= step < maxStepExclusive}, ascending. */
  long[] steps(long minStepInclusive, long maxStepExclusive);

  /** The row logged at {@code step} (a fresh, mutable map); only for steps {@link #steps} lists. */
  Map<String, Object> row(long step);

  /** The rows with {@code minStepInclusive <= _step < maxStepExclusive}, in step order. */
  default List<Map<String, Object>> rows(long minStepInclusive, long maxStepExclusive) {
    long[] steps = steps(minStepInclusive, maxStepExclusive);
    List<Map<String, Object>> rows = new ArrayList<>(steps.length);
    for (long step : steps) {
      rows.add(row(step));
    }
    return rows;
  }

  /** Every row, in step order. */
  default List<Map<String, Object>> rows() {
    return rows(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** {@code Run.historyKeys} computed from the rows: last step and per-key type counts. */
  default Map<String, Object> historyKeys() {
    HistoryKeys keys = new HistoryKeys();
    for (long step : steps(Long.MIN_VALUE, Long.MAX_VALUE)) {
      keys.addRow(row(step));
    }
    keys.lastStep(lastStep());
    return keys.build();
  }

  /** A run without history. */
  static HistoryData empty() {
    return StoredHistory.EMPTY;
  }

  /** A history held as the given rows; each needs a numeric {@code _step}, unique. */
  static HistoryData of(List<Map<String, Object>> rows) {
    return StoredHistory.ofRows(rows, new JsonValues());
  }
}
