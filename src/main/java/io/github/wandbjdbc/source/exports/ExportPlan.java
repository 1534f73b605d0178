package io.github.wandbjdbc.source.exports;

import io.github.wandbjdbc.model.ParquetHistory;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.source.HistoryScan;

import java.util.OptionalLong;

/**
 * Which of a run's steps a scan reads from its exports and which live, from the run's last step,
 * its exports and the scan's step window: exported {@code [from, exportEnd)}, live
 * {@code [liveFrom, to)}. Pure, so that the reads and the downloads started ahead agree.
 *
 * @param exported whether the run has export files at all
 * @param liveFrom where the live rows start, {@code to} when none are needed
 */
record ExportPlan(long from, long exportEnd, long liveFrom, long to, boolean exported,
    boolean live) {

  static ExportPlan of(HistoryScan scan, RunNode run) {
    long[] steps = scan.stepsOf(run.lastHistoryStep().orElse(-1));
    long from = steps[0];
    long to = steps[1];
    ParquetHistory exports = run.parquetHistory();
    OptionalLong boundary = exports.liveBoundary();
    boolean files = !exports.parquetUrls().isEmpty();
    // A run without files is all live; with files, everything below the live boundary is exported.
    long exportEnd = !files ? from
        : boundary.isPresent() ? Math.max(from, Math.min(to, boundary.getAsLong())) : to;
    long liveFrom = boundary.isPresent() ? Math.max(from, Math.min(to, boundary.getAsLong())) : to;
    if (!files && boundary.isPresent()) {
      liveFrom = from;
    }
    return new ExportPlan(from, exportEnd, liveFrom, to, files, boundary.isPresent());
  }

  /** Whether the scan reads any of the run's exported files. */
  boolean readsFiles() {
    return exported && from < exportEnd;
  }

  /** Whether the scan reads live rows. */
  boolean readsLive() {
    return liveFrom < to;
  }
}
