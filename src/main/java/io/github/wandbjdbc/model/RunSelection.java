package io.github.wandbjdbc.model;

import java.util.EnumSet;
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
}
