package io.github.wandbjdbc.testserver.generate;

import io.github.wandbjdbc.testserver.data.HistoryData;

import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A history computed from the step: nothing is stored but the schedule and the row function, so a
 * run with 100,000 steps costs no memory until it is read (and none after).
 */
public final class GeneratedHistory implements HistoryData {

  private final StepSchedule schedule;
  private final LongFunction<Map<String, Object>> rowOf;
  private final long rowCount;

  /** {@code rowOf} must be a pure function of the step; it is called for scheduled steps only. */
  public GeneratedHistory(StepSchedule schedule, LongFunction<Map<String, Object>> rowOf) {
    this.schedule = schedule;
    this.rowOf = rowOf;
    this.rowCount = schedule.steps(0, Long.MAX_VALUE).length;
  }

  @Override
  public long lastStep() {
    return rowCount == 0 ? -1 : schedule.lastStep();
  }

  @Override
  public long rowCount() {
    return rowCount;
  }

  @Override
  public long[] steps(long minStepInclusive, long maxStepExclusive) {
    return schedule.steps(minStepInclusive, maxStepExclusive);
  }

  @Override
  public Map<String, Object> row(long step) {
    return rowOf.apply(step);
  }

  /** Equal schedules and equal row functions (records) mean equal rows: generations compare equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof GeneratedHistory that && schedule.equals(that.schedule) && rowOf.equals(that.rowOf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schedule, rowOf);
  }

  @Override
  public String toString() {
    return "GeneratedHistory[rows=" + rowCount + ", " + schedule + "]";
  }
}
