package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.ValueReader;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.pushdown.PushedOrder;

import java.util.Comparator;

/** SQL's order of a pushed ORDER BY, applied in the driver (see {@link Fallback}). */
final class LocalOrder {
  private LocalOrder() {}

  /**
   * By the column's SQL value: numbers as SQL orders them (NaN above +Infinity), NULLs where the
   * query wants them whatever the direction.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Comparator<RunNode> of(PushedOrder order) {
    Comparator<Comparable> values = Comparator.naturalOrder();
    if (order.descending()) {
      values = values.reversed();
    }
    Comparator<Comparable> withNulls = order.nullsFirst() ? Comparator.nullsFirst(values)
        : Comparator.nullsLast(values);
    return Comparator.comparing(run -> (Comparable) ValueReader.read(order.column(), run),
        withNulls);
  }
}
