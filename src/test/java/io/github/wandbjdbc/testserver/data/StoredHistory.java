package io.github.wandbjdbc.testserver.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A history held as row texts with their steps (loaded run folders, hand-made test rows). The
 * served row is the stored one with {@code _step} set to the step it is filed under.
 */
public final class StoredHistory implements HistoryData {

  static final StoredHistory EMPTY = new StoredHistory(new long[0], new JsonLines(List.of(), new JsonValues()));

  private final long[] steps;
  private final JsonLines rows;

  /** {@code steps} ascending and unique; {@code rows.get(i)} is the row of {@code steps[i]}. */
  public StoredHistory(long[] steps, JsonLines rows) {
    if (steps.length != rows.size()) {
      throw new IllegalArgumentException("one step per row");
    }
    for (int i = 1; i < steps.length; i++) {
      if (steps[i] <= steps[i - 1]) {
        throw new IllegalArgumentException("steps must be ascending and unique: " + steps[i - 1] + ", " + steps[i]);
      }
    }
    this.steps = steps.clone();
    this.rows = rows;
  }

  static StoredHistory ofRows(List<Map<String, Object>> rows, JsonValues json) {
    List<Map<String, Object>> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> Long.compare(stepOf(a), stepOf(b)));
    long[] steps = new long[sorted.size()];
    List<String> texts = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      steps[i] = stepOf(sorted.get(i));
      texts.add(json.toJsonString(sorted.get(i)));
    }
    return new StoredHistory(steps, new JsonLines(texts, json));
  }

  private static long stepOf(Map<String, Object> row) {
    if (row.get("_step") instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException("row without a numeric _step: " + row);
  }

  @Override
  public long lastStep() {
    return steps.length == 0 ? -1 : steps[steps.length - 1];
  }

  @Override
  public long rowCount() {
    return steps.length;
  }

  @Override
  public long[] steps(long minStepInclusive, long maxStepExclusive) {
    int from = lowerBound(minStepInclusive);
    int to = lowerBound(maxStepExclusive);
    return from >= to ? new long[0] : Arrays.copyOfRange(steps, from, to);
  }

  @Override
  public Map<String, Object> row(long step) {
    int i = Arrays.binarySearch(steps, step);
    if (i < 0) {
      throw new NoSuchElementException("no history row at step " + step);
    }
    Map<String, Object> row = rows.get(i);
    row.put("_step", step);
    return row;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredHistory that && Arrays.equals(steps, that.steps) && rows.equals(that.rows);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(steps);
  }

  @Override
  public String toString() {
    return "StoredHistory[rows=" + steps.length + ", lastStep=" + lastStep() + "]";
  }

  /** The index of the first step {@code >= value}. */
  private int lowerBound(long value) {
    int i = Arrays.binarySearch(steps, value);
    return i >= 0 ? i : -i - 1;
  }
}
