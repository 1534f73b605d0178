package io.github.wandbjdbc.model;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The part of a {@code Run} to fetch: plain fields plus config and summary keys. */
public record RunSelection(Set<RunField> fields, KeySelection config, KeySelection summary) {
  public RunSelection {
    fields = fields.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fields));
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
    return new RunSelection(both, union(config, other.config), union(summary, other.summary));
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
