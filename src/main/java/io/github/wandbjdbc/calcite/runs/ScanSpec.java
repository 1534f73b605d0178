package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.columns.FieldSelection;
import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.pushdown.FilterTranslator.Pushed;
import io.github.wandbjdbc.pushdown.PushedOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What one scan of {@code runs} asks W&B for; immutable, held by {@link WandbTableScan} and
 * extended by the planner rules.
 *
 * @param columns the columns the scan produces, in row order
 * @param filter the pushed filter; exact when W&B returns exactly SQL's rows for it
 * @param pushedParts descriptions of the conditions pushed so far, so that a rule never pushes
 *     the same condition twice
 * @param order the pushed ORDER BY; its column is one of {@code columns}
 * @param limitHint about how many rows the query needs, for the first page's size
 * @param pageSize runs per request otherwise
 * @param countNames when not empty, the scan answers {@code COUNT(*)} with {@code runCount},
 *     one BIGINT column per name
 */
public record ScanSpec(
    List<RunColumn> columns,
    Optional<Pushed> filter,
    Set<String> pushedParts,
    Optional<PushedOrder> order,
    OptionalLong limitHint,
    int pageSize,
    List<String> countNames) {

  public ScanSpec {
    columns = List.copyOf(columns);
    pushedParts = Set.copyOf(pushedParts);
    countNames = List.copyOf(countNames);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a scan produces at least one column");
    }
  }

  /** A scan of all of {@code columns}, nothing pushed yet. */
  public static ScanSpec of(List<RunColumn> columns, int pageSize) {
    return new ScanSpec(columns, Optional.empty(), Set.of(), Optional.empty(),
        OptionalLong.empty(), pageSize, List.of());
  }

  public ScanSpec withColumns(List<RunColumn> newColumns) {
    return new ScanSpec(newColumns, filter, pushedParts, order, limitHint, pageSize, countNames);
  }

  public ScanSpec withFilter(Pushed newFilter, Set<String> parts) {
    return new ScanSpec(columns, Optional.of(newFilter), parts, order, limitHint, pageSize,
        countNames);
  }

  public ScanSpec withOrder(PushedOrder newOrder) {
    return new ScanSpec(columns, filter, pushedParts, Optional.of(newOrder), limitHint, pageSize,
        countNames);
  }

  public ScanSpec withLimitHint(long rows) {
    return new ScanSpec(columns, filter, pushedParts, order, OptionalLong.of(rows), pageSize,
        countNames);
  }

  public ScanSpec asCount(List<String> names) {
    return new ScanSpec(columns, filter, pushedParts, order, limitHint, pageSize, names);
  }

  public boolean isCount() {
    return !countNames.isEmpty();
  }

  /** The W&B fields this scan selects: its columns, and the order's column, needed to sort. */
  public RunSelection selection() {
    List<RunColumn> needed = new ArrayList<>(columns);
    order.ifPresent(o -> needed.add(o.column()));
    return FieldSelection.of(needed);
  }
}
