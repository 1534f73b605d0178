package io.github.wandbjdbc.model;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of a {@code Run} to fetch: plain fields, config and summary keys, and
 * {@code parquetHistory(liveKeys: …)} when {@code liveKeys} is not empty (the history exports of
 * docs/WIRE.md, RunParquetHistory, with the live rows' values of those keys).
 */
public record RunSelection(Set<RunField> fields, KeySelection config, KeySelection summary,
    List<String> liveKeys) {
  public RunSelection {
    fields = fields.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fields));
    liveKeys = List.copyOf(liveKeys);
  }

  public RunSelection(Set<RunField> fields, KeySelection config, KeySelection summary) {
    this(fields, config, summary, List.of());
  }

  /** This selection with {@code parquetHistory(liveKeys: keys)} too. */
  public RunSelection withParquetHistory(List<String> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("parquetHistory needs at least one live key (_step)");
    }
    return new RunSelection(fields, config, summary, keys);
  }

  public boolean hasParquetHistory() {
    return !liveKeys.isEmpty();
  }

  /** Everything, as the official client's full run fragment. */
  public static RunSelection all() {
    return new RunSelection(EnumSet.allOf(RunField.class), KeySelection.ALL, KeySelection.ALL);
  }

  public boolean has(RunField field) {
    return fields.contains(field);
  }

  /** Everything either selection fetches. */
  public RunSelection union(RunSelection other) {
    Set<RunField> both = EnumSet.noneOf(RunField.class);
    both.addAll(fields);
    both.addAll(other.fields);
    Set<String> live = new LinkedHashSet<>(liveKeys);
    live.addAll(other.liveKeys);
    return new RunSelection(both, union(config, other.config), union(summary, other.summary),
        List.copyOf(live));
  }

  private static KeySelection union(KeySelection a, KeySelection b) {
    if (a.mode() == KeySelection.Mode.ALL || b.mode() == KeySelection.Mode.ALL) {
      return KeySelection.ALL;
    }
    Set<String> keys = new LinkedHashSet<>(a.keys());
    keys.addAll(b.keys());
    return KeySelection.subset(List.copyOf(keys));
  }
}
