package io.github.wandbjdbc.support;

import java.util.List;
import java.util.Optional;

/** Compares rows read with {@link SqlRows}, for the bad-input corpus. */
final class ResultRows {
  private ResultRows() {}

  /** Empty when equal (in order when {@code ordered}, else as multisets), else the difference. */
  static Optional<String> difference(List<List<Object>> actual, List<List<Object>> expected,
      boolean ordered) {
    List<List<Object>> a = ordered ? actual : SqlRows.sorted(actual);
    List<List<Object>> e = ordered ? expected : SqlRows.sorted(expected);
    if (a.equals(e)) {
      return Optional.empty();
    }
    if (a.size() != e.size()) {
      return Optional.of(a.size() + " rows where pushdown=false gives " + e.size());
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(e.get(i))) {
        return Optional.of("row " + i + " is " + CorpusTally.shorten(a.get(i).toString())
            + ", pushdown=false gives " + CorpusTally.shorten(e.get(i).toString()));
      }
    }
    return Optional.of("rows differ");
  }
}
