package io.github.wandbjdbc.source.exports;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.model.ParquetHistory;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.source.HistoryMerge;
import io.github.wandbjdbc.source.HistoryScan;
import io.github.wandbjdbc.source.HistoryWindows;
import io.github.wandbjdbc.source.LoggedRows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The reads of one run's history from its exports, stitched at the live boundary (the smallest
 * step W&B has not exported, docs/WIRE.md, RunParquetHistory): exported rows for the steps below
 * it, live rows from it on, either the {@code liveData} that came with the run (when the scan
 * reads some keys, which were asked as live keys) or GraphQL windows (whole rows). No step is
 * read from both sides, and every step from one.
 *
 * <p>A run W&B has not exported yet (no files) is all live. What to read is decided on the first
 * {@link #hasNext()}, after the run's files are downloaded and opened; when that fails, or W&B
 * reports neither files nor live rows, the whole run is read through GraphQL windows, with a
 * warning ({@link ExportedHistorySource#fallBack}), before any of its rows was given.
 */
final class RunExportReads implements Iterator<Supplier<LoggedRows>> {
  private static final Comparator<ObjectNode> BY_STEP = Comparator.comparing(HistoryMerge::step);

  private final ExportedHistorySource source;
  private final HistoryScan scan;
  private final RunNode run;
  private final CallControl control;
  private Iterator<Supplier<LoggedRows>> reads;

  RunExportReads(ExportedHistorySource source, HistoryScan scan, RunNode run, CallControl control) {
    this.source = source;
    this.scan = scan;
    this.run = run;
    this.control = control;
  }

  @Override
  public boolean hasNext() {
    if (reads == null) {
      reads = plan();
    }
    return reads.hasNext();
  }

  @Override
  public Supplier<LoggedRows> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return reads.next();
  }

  private Iterator<Supplier<LoggedRows>> plan() {
    ExportPlan plan = ExportPlan.of(scan, run);
    if (plan.from() >= plan.to()) {
      return Collections.emptyIterator();
    }
    ParquetHistory exports = run.parquetHistory();
    if (!plan.exported() && !plan.live()) {
      // With neither files nor live rows, W&B's own reader asks the live endpoints (#12073).
      return source.fallBack(scan, run, control, "W&B reported neither exported files nor"
          + " live rows for run '" + run.name() + "'");
    }
    List<Supplier<LoggedRows>> exported = new ArrayList<>();
    if (plan.readsFiles()) {
      try {
        ExportedRun files = source.exportedRun(scan, run, plan, control);
        exported.addAll(files.reads(scan.keys().orElse(null), plan.from(), plan.exportEnd()));
      } catch (ExportUnreadable e) {
        return source.fallBack(scan, run, control, e.getMessage());
      }
    }
    if (!plan.readsLive()) {
      return exported.iterator();
    }
    Iterator<Supplier<LoggedRows>> live = scan.keys().isPresent()
        ? List.<Supplier<LoggedRows>>of(
            () -> LoggedRows.of(liveRows(exports, plan.liveFrom(), plan.to()))).iterator()
        : HistoryWindows.between(source.delegate(), scan, run.name(), plan.liveFrom(), plan.to(),
            control);
    return concat(exported.iterator(), live);
  }

  /** The live rows W&B sent with the run, those in {@code [from, to)}, one per step, in order. */
  private List<ObjectNode> liveRows(ParquetHistory exports, long from, long to) {
    List<ObjectNode> rows = new ArrayList<>();
    for (ObjectNode row : exports.liveData()) {
      Long step = HistoryMerge.step(row);
      if (step != null && step >= from && step < to) {
        rows.add(row.deepCopy());
      }
    }
    HistoryMerge.distinctSteps(run.name(), rows);
    rows.sort(BY_STEP);
    source.counted(rows.size());
    return rows;
  }

  private static <T> Iterator<T> concat(Iterator<T> first, Iterator<T> second) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return first.hasNext() || second.hasNext();
      }

      @Override
      public T next() {
        return first.hasNext() ? first.next() : second.next();
      }
    };
  }
}
