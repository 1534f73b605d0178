package io.github.wandbjdbc.pushdown;

import io.github.wandbjdbc.columns.FilterKind;
import io.github.wandbjdbc.columns.RunColumn;

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
    Step nulls = new Step.Fetch("null", Optional.of(nullOrMissing(key)), false, Set.of());
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
   * −Infinity lies below −MAX, +Infinity above MAX, and the ordinary numbers between; a server
   * that stores them as the strings {@code "-Infinity"} and {@code "Infinity"} finds them by
   * equality instead, so each infinity segment asks for both forms. NaN is in "below" (if the
   * server ranks it under every number), "above" (if over every number) or "odd" (if it fails
   * every comparison, or is stored as text); wherever it turns up before SQL's order reaches it,
   * it is held back until then, and so are the infinities of a segment that may hold NaN ahead of
   * them. "odd" is NaN only, and the sorted numbers come in one segment between the others, so
   * that ORDER BY ... LIMIT reads the few ahead of the numbers and the numbers' first page only.
   */
  private List<Step> floatSteps(String key) {
    FilterExpr below = new FilterExpr.Any(List.of(condition(key, FilterOp.LT, -Double.MAX_VALUE),
        text(key, "-Infinity")));
    FilterExpr finite = FilterExpr.all(List.of(condition(key, FilterOp.GTE, -Double.MAX_VALUE),
        condition(key, FilterOp.LTE, Double.MAX_VALUE)));
    FilterExpr above = new FilterExpr.Any(List.of(condition(key, FilterOp.GT, Double.MAX_VALUE),
        text(key, "Infinity")));
    FilterExpr odd = new FilterExpr.NoneOf(List.of(nullOrMissing(key), below,
        condition(key, FilterOp.GTE, -Double.MAX_VALUE), text(key, "Infinity")));
    Step.Fetch finiteSorted = new Step.Fetch("finite", Optional.of(finite), true, Set.of());
    Step.Fetch nan = new Step.Fetch("nan", Optional.of(odd), false, Set.of());
    if (!descending) {
      return List.of(
          new Step.Fetch("-infinity", Optional.of(below), false, Set.of(ValueClass.NAN)),
          finiteSorted,
          new Step.Fetch("+infinity", Optional.of(above), false, Set.of(ValueClass.NAN)),
          nan, new Step.Release(ValueClass.NAN));
    }
    return List.of(nan,
        new Step.Fetch("-infinity", Optional.of(below), false, Set.of(ValueClass.NEG_INFINITY)),
        new Step.Fetch("+infinity", Optional.of(above), false, Set.of(ValueClass.POS_INFINITY)),
        new Step.Release(ValueClass.POS_INFINITY), finiteSorted,
        new Step.Release(ValueClass.NEG_INFINITY));
  }

  private static FilterExpr text(String key, String value) {
    return new FilterExpr.Condition(key, FilterOp.EQ, new Operand.Constant(JSON.textNode(value)));
  }

  /**
   * The runs SQL sees NULL in: a null value, and for config and summary keys also a run without
   * the key, which {@code $exists: false} finds whether or not the server counts it as null.
   */
  private FilterExpr nullOrMissing(String key) {
    FilterExpr isNull = condition(key, FilterOp.EQ, null);
    return column instanceof RunColumn.Key ? new FilterExpr.Any(List.of(isNull,
        new FilterExpr.Condition(key, FilterOp.EXISTS,
            new Operand.Constant(JSON.booleanNode(false))))) : isNull;
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
