package io.github.wandbjdbc.testserver.generate;

import java.util.Arrays;

/**
 * Which steps a generated run logged: every {@code stride}-th step from 0 and always
 * {@code lastStep}, except the steps strictly between {@code gapAfter} and {@code gapUntil} (a run
 * that jumped from step 99 to 500 has gapAfter 99, gapUntil 500). No gap: both -1.
 */
public record StepSchedule(long lastStep, long stride, long gapAfter, long gapUntil) {

  public StepSchedule {
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be positive");
    }
  }

  public static StepSchedule none() {
    return new StepSchedule(-1, 1, -1, -1);
  }

  public static StepSchedule every(long stride, long lastStep) {
    return new StepSchedule(lastStep, stride, -1, -1);
  }

  public StepSchedule withGap(long after, long until) {
    return new StepSchedule(lastStep, stride, after, until);
  }

  /** The logged steps in {@code [min, max)}, ascending. */
  public long[] steps(long min, long max) {
    long from = Math.max(0, min);
    long to = Math.min(max, lastStep + 1); // exclusive
    if (from >= to) {
      return new long[0];
    }
    long[] out = new long[(int) Math.min(Integer.MAX_VALUE - 8, (to - from) / stride + 2)];
    int n = 0;
    for (long step = (from + stride - 1) / stride * stride; step < to; step += stride) {
      if (!inGap(step)) {
        out[n++] = step;
      }
    }
    if (lastStep >= from && lastStep < to && lastStep % stride != 0 && !inGap(lastStep)) {
      out[n++] = lastStep;
    }
    return Arrays.copyOf(out, n);
  }

  private boolean inGap(long step) {
    return step > gapAfter && step < gapUntil;
  }
}
