package io.github.wandbjdbc.columns;

import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunSelection;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Projection pushdown: the W&B fields and keys that a set of columns needs, and no more. */
public final class FieldSelection {
  private FieldSelection() {}

  public static RunSelection of(Collection<? extends RunColumn> columns) {
    Set<RunField> fields = EnumSet.noneOf(RunField.class);
    boolean allConfig = false;
    boolean allSummary = false;
    Set<String> configKeys = new LinkedHashSet<>();
    Set<String> summaryKeys = new LinkedHashSet<>();
    for (RunColumn column : columns) {
      if (column instanceof RunColumn.Key k) {
        (k.scope() == KeyScope.CONFIG ? configKeys : summaryKeys).add(k.topLevelKey());
      } else if (column instanceof RunColumn.Attribute a) {
        if (a.attribute() == RunAttribute.CONFIG) {
          allConfig = true;
        } else if (a.attribute() == RunAttribute.SUMMARY) {
          allSummary = true;
        } else if (a.attribute().field() != null) {
          fields.add(a.attribute().field());
        }
      }
    }
    return new RunSelection(fields, keys(allConfig, configKeys), keys(allSummary, summaryKeys));
  }

  private static KeySelection keys(boolean all, Set<String> keys) {
    return all ? KeySelection.ALL : KeySelection.subset(List.copyOf(keys));
  }
}
