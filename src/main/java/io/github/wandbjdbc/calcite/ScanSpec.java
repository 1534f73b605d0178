package io.github.wandbjdbc.calcite;

import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.pushdown.FieldSelection;
import io.github.wandbjdbc.pushdown.RunColumn;

import java.util.List;

/**
 * What one scan of {@code runs} asks W&B for; immutable, held by {@link WandbTableScan} and
 * narrowed by the planner rules.
 *
 * @param columns the columns the scan produces, in row order
 * @param pageSize runs per request
 */
public record ScanSpec(List<RunColumn> columns, int pageSize) {
  public ScanSpec {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a scan produces at least one column");
    }
  }

  public ScanSpec withColumns(List<RunColumn> newColumns) {
    return new ScanSpec(newColumns, pageSize);
  }

  /** The W&B fields this scan selects. */
  public RunSelection selection() {
    return FieldSelection.of(columns);
  }
}
