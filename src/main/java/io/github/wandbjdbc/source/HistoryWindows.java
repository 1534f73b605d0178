package io.github.wandbjdbc.source;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.model.RunNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * A run's history read in step windows of {@value #WINDOW_STEPS} through a source's
 * {@code history} (whole rows) or {@code sampledHistory} (some keys, one key set per key,
 * merged by step: W&B returns only rows holding every key of a set, so {@code ["_step"]} alone
 * lists every step and each other set one key). Each window asks for as many samples as it has
 * steps, so W&B never down-samples (docs/WIRE.md, RunHistory), and windows go on past empty ones
 * (steps need not be contiguous) up to the run's last step.
 */
public final class HistoryWindows implements Iterator<Supplier<LoggedRows>> {
  public static final int WINDOW_STEPS = 1000;

  private final WandbSource source;
  private final HistoryScan scan;
  private final String runId;
  private final CallControl control;
  private final long stop;
  private long offset;

  private HistoryWindows(WandbSource source, HistoryScan scan, String runId, long from, long to,
      CallControl control) {
    this.source = source;
    this.scan = scan;
    this.runId = runId;
    this.offset = from;
    this.stop = to;
    this.control = control;
  }

  /** The windows of {@code run}'s steps that {@code scan} reads. */
  public static HistoryWindows of(WandbSource source, HistoryScan scan, RunNode run,
      CallControl control) {
    long[] steps = scan.stepsOf(run.lastHistoryStep().orElse(-1));
    return between(source, scan, run.name(), steps[0], steps[1], control);
  }

  /** The windows of steps {@code [from, to)} of run {@code runId}. */
  public static HistoryWindows between(WandbSource source, HistoryScan scan, String runId,
      long from, long to, CallControl control) {
    return new HistoryWindows(source, scan, runId, from, Math.max(from, to), control);
  }

  @Override
  public boolean hasNext() {
    return offset < stop;
  }

  @Override
  public Supplier<LoggedRows> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    long from = offset;
    long to = Math.min(stop, offset + WINDOW_STEPS);
    offset = to;
    return () -> LoggedRows.of(window(from, to));
  }

  /**
   * One window's rows, each step at most once and none outside the window (a row W&B sent
   * outside it would be read twice).
   */
  private List<ObjectNode> window(long from, long to) {
    List<ObjectNode> rows = scan.keys().isPresent()
        ? HistoryMerge.byStep(source.sampledHistory(scan.entity(), scan.project(), runId,
            keySets(scan.keys().get()), from, to, control))
        : HistoryMerge.distinctSteps(runId, source.history(scan.entity(), scan.project(), runId,
            from, to, control));
    List<ObjectNode> inWindow = new ArrayList<>(rows.size());
    for (ObjectNode row : rows) {
      Long step = HistoryMerge.step(row);
      if (step == null || step >= from && step < to) {
        inWindow.add(row);
      }
    }
    return inWindow;
  }

  /** {@code [["_step"], ["_step", k1], ["_step", k2], …]}. */
  static List<List<String>> keySets(List<String> keys) {
    List<List<String>> sets = new ArrayList<>();
    sets.add(List.of(HistoryScan.STEP_KEY));
    for (String key : keys) {
      sets.add(List.of(HistoryScan.STEP_KEY, key));
    }
    return sets;
  }
}
