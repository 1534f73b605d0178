package io.github.wandbjdbc.model;

import java.util.List;

/**
 * Which top-level keys of a JSONString field ({@code config}, {@code summaryMetrics}) to fetch:
 * none, all, or a subset through W&B's {@code keys:} argument.
 */
public record KeySelection(Mode mode, List<String> keys) {
  public enum Mode { NONE, ALL, SUBSET }

  public static final KeySelection NONE = new KeySelection(Mode.NONE, List.of());
  public static final KeySelection ALL = new KeySelection(Mode.ALL, List.of());

  public KeySelection {
    keys = List.copyOf(keys);
    if ((mode == Mode.SUBSET) == keys.isEmpty()) {
      throw new IllegalArgumentException("a subset needs keys, and only a subset has keys");
    }
  }

  public static KeySelection subset(List<String> keys) {
    return keys.isEmpty() ? NONE : new KeySelection(Mode.SUBSET, keys);
  }
}
