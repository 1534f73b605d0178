package io.github.wandbjdbc.testserver.semantics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * W&B's {@code samples} argument: when a request finds more rows than {@code samples} (default
 * {@value #DEFAULT}), it gets {@code samples} of them, evenly spread and always the same ones. So a
 * client asking for too few samples silently misses rows, exactly the mistake tests must catch.
 */
public final class Samples {

  static final int DEFAULT = 500;

  private Samples() {
  }

  static int resolve(Integer samples) {
    if (samples != null && samples < 0) {
      throw new RequestRejectedException("samples must not be negative");
    }
    return samples == null ? DEFAULT : samples;
  }

  /** Keeps {@code samples} of the rows: positions {@code i * size / samples}. */
  public static <T> List<T> of(List<T> rows, Integer samples) {
    int n = resolve(samples);
    if (rows.size() <= n) {
      return rows;
    }
    List<T> kept = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      kept.add(rows.get((int) ((long) i * rows.size() / n)));
    }
    return kept;
  }

  /** {@link #of} for steps, so only the kept rows need to be built. */
  public static long[] of(long[] steps, Integer samples) {
    int n = resolve(samples);
    if (steps.length <= n) {
      return steps;
    }
    long[] kept = new long[n];
    for (int i = 0; i < n; i++) {
      kept[i] = steps[(int) ((long) i * steps.length / n)];
    }
    return Arrays.copyOf(kept, n);
  }
}
