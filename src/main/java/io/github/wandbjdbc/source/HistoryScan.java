package io.github.wandbjdbc.source;

import java.util.List;
import java.util.Optional;

/**
 * What a scan of {@code history} reads of each run: whole rows, or only some logged keys, in a
 * window of steps. Immutable, and the same for every run the scan visits.
 *
 * @param keys the logged keys the query uses besides {@code _step} ({@code _timestamp},
 *     {@code _runtime} and metric names), or empty when it needs whole rows (the {@code row}
 *     column, or more keys than one request should name)
 * @param minStep the first step wanted
 * @param maxStep the step after the last one wanted ({@code Long.MAX_VALUE} for no bound)
 */
public record HistoryScan(String entity, String project, Optional<List<String>> keys,
    long minStep, long maxStep) {
  public static final String STEP_KEY = "_step";

  public HistoryScan {
    keys = keys.map(List::copyOf);
    // A reversed window (step BETWEEN 10 AND 5) holds no step.
    maxStep = Math.max(minStep, maxStep);
  }

  /** Whether the scan reads whole rows rather than some keys. */
  public boolean wholeRows() {
    return keys.isEmpty();
  }

  /**
   * The steps of a run whose last logged step is {@code lastStep} (-1: none) that the scan reads,
   * as {@code [from, to)}; empty ({@code from == to}) when there are none.
   */
  public long[] stepsOf(long lastStep) {
    long from = Math.max(0, minStep);
    long to = lastStep < 0 ? 0 : Math.min(lastStep + 1, maxStep);
    return new long[] {from, Math.max(from, to)};
  }
}
