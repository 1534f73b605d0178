package io.github.wandbjdbc.pushdown;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ORDER BY one column, fetched from W&B in exactly SQL's order. W&B sorts on one key and places
 * NULLs (and, for floating-point keys, NaN and ±Infinity) its own way, which SQL does not share;
 * so the runs are fetched in segments whose filters separate those values, only the ordinary
 * values are sorted by W&B, and the segments are emitted in SQL's order ({@link #steps()}).
 *
 * <p>SQL's order (PostgreSQL's, as the driver configures Calcite): ascending is −Infinity,
 * numbers, +Infinity, NaN; NULLs last ascending and first descending unless the query says
 * otherwise. The segment filters mean the same whether the server treats NaN as failing every
 * comparison or as lower than every number (MongoDB's sort order).
 *
 * @param column the column ordered by
 * @param descending DESC
 * @param nullsFirst where SQL wants the NULLs
 */
public record PushedOrder(RunColumn column, boolean descending, boolean nullsFirst) {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Where a value belongs in the order. */
  public enum ValueClass { NULL, NEG_INFINITY, FINITE, POS_INFINITY, NAN }

  /** One part of the plan: fetch a segment, or emit the rows held back from earlier ones. */
  public sealed interface Step {
    /**
     * Fetch the runs matching {@code segment} (besides the query's own filter), sorted by W&B if
     * {@code sorted}; rows of the classes in {@code hold} wait for a later {@link Release}.
     */
    record Fetch(String name, Optional<FilterExpr> segment, boolean sorted,
        Set<ValueClass> hold) implements Step {}

    /** Emit the rows of {@code held} kept back so far. */
    record Release(ValueClass held) implements Step {}
  }

  /** The order, if W&B can help produce it exactly. */
  public static Optional<PushedOrder> of(RunColumn column, boolean descending,
      boolean nullsFirst) {
    return isPushable(column) ? Optional.of(new PushedOrder(column, descending, nullsFirst))
        : Optional.empty();
  }

  /**
   * Numbers and booleans of config or summary keys, and the creation time: their order is the
   * same in SQL and on the server. NULLs must be separable with a filter, or impossible.
   */
  public static boolean isPushable(RunColumn column) {
    if (column.orderKey().isEmpty()) {
      return false;
    }
    return switch (column.filterKind()) {
      case INTEGER, FLOAT, BOOLEAN -> column.filterKey().isPresent();
      case TIMESTAMP -> column.neverNull();
      default -> false;
    };
  }

  /** The {@code order} argument, e.g. {@code +summary_metrics.loss}. */
  public String wireOrder() {
    return (descending ? "-" : "+") + column.orderKey().orElseThrow();
  }

  /** The fetches, in emission order. */
  public List<Step> steps() {
    if (column.neverNull()) {
      return List.of(new Step.Fetch("all", Optional.empty(), true, Set.of()));
    }
    String key = column.filterKey().orElseThrow();
    Step nulls = new Step.Fetch("null", Optional.of(condition(key, FilterOp.EQ, null)), false,
        Set.of());
    List<Step> steps = new ArrayList<>();
    if (nullsFirst) {
      steps.add(nulls);
    }
    steps.addAll(column.filterKind() == FilterKind.FLOAT ? floatSteps(key)
        : List.of(new Step.Fetch("value", Optional.of(condition(key, FilterOp.NE, null)), true,
            Set.of())));
    if (!nullsFirst) {
      steps.add(nulls);
    }
    return List.copyOf(steps);
  }

  /**
   * −Infinity lies below −MAX, +Infinity above MAX, and the ordinary numbers between; NaN is in
   * "below" (if the server ranks it under every number) or in "odd" (if it fails every
   * comparison), so it is held back from "below" and emitted with "odd".
   */
  private List<Step> floatSteps(String key) {
    FilterExpr below = condition(key, FilterOp.LT, -Double.MAX_VALUE);
    FilterExpr finite = FilterExpr.all(List.of(condition(key, FilterOp.GTE, -Double.MAX_VALUE),
        condition(key, FilterOp.LTE, Double.MAX_VALUE)));
    FilterExpr above = condition(key, FilterOp.GT, Double.MAX_VALUE);
    FilterExpr odd = new FilterExpr.NoneOf(List.of(condition(key, FilterOp.EQ, null), below,
        condition(key, FilterOp.GTE, -Double.MAX_VALUE)));
    Step.Fetch finiteSorted = new Step.Fetch("finite", Optional.of(finite), true, Set.of());
    Step.Fetch aboveAll = new Step.Fetch("+infinity", Optional.of(above), false, Set.of());
    Step.Fetch oddAll = new Step.Fetch("nan", Optional.of(odd), false, Set.of());
    if (!descending) {
      return List.of(
          new Step.Fetch("-infinity", Optional.of(below), false, Set.of(ValueClass.NAN)),
          finiteSorted, aboveAll, new Step.Release(ValueClass.NAN), oddAll);
    }
    return List.of(oddAll,
        new Step.Fetch("-infinity", Optional.of(below), false, Set.of(ValueClass.NEG_INFINITY)),
        aboveAll, finiteSorted, new Step.Release(ValueClass.NEG_INFINITY));
  }

  private static FilterExpr condition(String key, FilterOp op, Double value) {
    return new FilterExpr.Condition(key, op, new Operand.Constant(
        value == null ? NullNode.getInstance() : JSON.numberNode(value)));
  }

  /** Where a fetched value belongs; non-numbers count as ordinary (they fail when read). */
  public static ValueClass classify(Object value) {
    if (value == null) {
      return ValueClass.NULL;
    }
    if (value instanceof Double d) {
      if (d.isNaN()) {
        return ValueClass.NAN;
      }
      if (d.isInfinite()) {
        return d > 0 ? ValueClass.POS_INFINITY : ValueClass.NEG_INFINITY;
      }
    }
    return ValueClass.FINITE;
  }

  /** For EXPLAIN, e.g. {@code +summary_metrics.loss NULLS LAST}. */
  public String describe() {
    return wireOrder() + (column.neverNull() ? "" : nullsFirst ? " NULLS FIRST" : " NULLS LAST")
        + (column.filterKind() == FilterKind.FLOAT ? " (NaN, ±Infinity apart)" : "");
  }
}
