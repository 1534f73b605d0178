package io.github.wandbjdbc.pushdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.common.collect.BoundType;
import com.google.common.collect.Range;

import io.github.wandbjdbc.columns.FilterKind;
import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.pushdown.FilterTranslator.Pushed;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Comparisons, IN lists and ranges of {@link FilterTranslator} on numbers, booleans and run
 * states: the columns whose values W&B compares exactly. Apart because only here can a pushed
 * condition be exact, and only here does NaN need care: SQL ranks it above every number, while a
 * server may fail every comparison with it, rank it below the numbers or store it as text.
 */
final class NumberFilters {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private NumberFilters() {}

  /**
   * A comparison of an INTEGER, FLOAT or BOOLEAN column with a value: exact for {@code =} with
   * a constant, and for a whole-number range; a floating-point range also takes the runs whose
   * value is not an ordinary number ({@link #notOrdinary}).
   */
  static Optional<Pushed> comparison(String key, FilterKind fk, SqlKind kind, Operand v) {
    if (fk == FilterKind.BOOLEAN && kind != SqlKind.EQUALS && kind != SqlKind.NOT_EQUALS) {
      return Optional.empty();
    }
    FilterExpr condition = numericCondition(key, kind, v);
    boolean open = kind != SqlKind.EQUALS && kind != SqlKind.NOT_EQUALS;
    if (fk == FilterKind.FLOAT && open) {
      return Optional.of(new Pushed(new FilterExpr.Any(List.of(condition, notOrdinary(key))),
          false));
    }
    boolean exact = v.isConstant() && (kind == SqlKind.EQUALS
        || fk == FilterKind.INTEGER && kind != SqlKind.NOT_EQUALS);
    return Optional.of(new Pushed(condition, exact));
  }

  private static FilterExpr numericCondition(String key, SqlKind kind, Operand v) {
    return switch (kind) {
      case EQUALS -> new FilterExpr.Condition(key, FilterOp.EQ, v);
      case NOT_EQUALS -> new FilterExpr.Condition(key, FilterOp.NIN,
          FilterValues.withNull(List.of(v)));
      case GREATER_THAN -> new FilterExpr.Condition(key, FilterOp.GT, v);
      case GREATER_THAN_OR_EQUAL -> new FilterExpr.Condition(key, FilterOp.GTE, v);
      case LESS_THAN -> new FilterExpr.Condition(key, FilterOp.LT, v);
      case LESS_THAN_OR_EQUAL -> new FilterExpr.Condition(key, FilterOp.LTE, v);
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  /**
   * The runs whose value is not an ordinary number — not null, not at least −MAX — wherever a
   * server puts NaN: failing every comparison, below −MAX (MongoDB's order), or as the string
   * {@code "NaN"}. (A server ranking it above the numbers gives it to {@code $gt} instead.) Also
   * ±Infinity stored as the strings {@code "Infinity"} and {@code "-Infinity"}, which a range open
   * on that side must take, and −Infinity as a number, which the SQL condition kept in Calcite
   * drops again where it does not belong.
   */
  static FilterExpr notOrdinary(String key) {
    return new FilterExpr.NoneOf(List.of(
        new FilterExpr.Condition(key, FilterOp.EQ, FilterValues.nul()),
        new FilterExpr.Condition(key, FilterOp.GTE,
            new Operand.Constant(JSON.numberNode(-Double.MAX_VALUE)))));
  }

  /**
   * Numbers, booleans and run states: point sets exactly for numbers and booleans (NOT IN as a
   * superset), ranges exactly for numbers where {@link #comparison} would be exact.
   */
  static Optional<Pushed> search(RunColumn c, Sarg<?> sarg, boolean nullsIn) {
    String key = c.filterKey().orElseThrow();
    FilterKind fk = c.filterKind();
    boolean exact = fk != FilterKind.LOWERCASE_ENUM;
    List<FilterExpr> parts = new ArrayList<>();
    if (sarg.isPoints() || sarg.isComplementedPoints()) {
      boolean complement = sarg.isComplementedPoints();
      List<Operand> points = new ArrayList<>();
      for (Range<?> r : complement ? sarg.rangeSet.complement().asRanges()
          : sarg.rangeSet.asRanges()) {
        Optional<JsonNode> v = FilterValues.constant((Comparable<?>) r.lowerEndpoint(), fk);
        if (v.isEmpty()) {
          return Optional.empty();
        }
        points.add(new Operand.Constant(v.get()));
      }
      if (complement) {
        // $nin with null keeps runs without the key out, as SQL's NOT IN does, if the server
        // counts them as null; a superset either way.
        parts.add(new FilterExpr.Condition(key, FilterOp.NIN,
            nullsIn ? new Operand.Many(points) : FilterValues.withNull(points)));
        exact = false;
      } else {
        parts.add(new FilterExpr.Condition(key, FilterOp.IN, new Operand.Many(points)));
      }
    } else {
      if (fk != FilterKind.INTEGER && fk != FilterKind.FLOAT) {
        return Optional.empty();
      }
      for (Range<?> r : sarg.rangeSet.asRanges()) {
        List<FilterExpr> bounds = new ArrayList<>();
        if (!r.hasLowerBound()) {
          exact &= fk == FilterKind.INTEGER;
        }
        if (!addBound(bounds, key, r, true, fk) || !addBound(bounds, key, r, false, fk)) {
          return Optional.empty();
        }
        FilterExpr range = FilterExpr.all(bounds);
        if (fk == FilterKind.FLOAT && !(r.hasUpperBound() && r.hasLowerBound())) {
          // NaN is above every number in SQL, wherever the server ranks it; ±Infinity may be
          // stored as text.
          range = new FilterExpr.Any(List.of(range, notOrdinary(key)));
          exact = false;
        }
        parts.add(range);
      }
    }
    if (nullsIn) {
      Pushed nulls = IsFilters.isNull(c);
      parts.add(nulls.filter());
      exact &= nulls.exact();
    }
    return Optional.of(new Pushed(parts.size() == 1 ? parts.get(0) : new FilterExpr.Any(parts),
        exact));
  }

  /**
   * Adds the range's lower or upper bound, if it has one, to {@code bounds}; false when its
   * endpoint is no value of the kind.
   */
  private static boolean addBound(List<FilterExpr> bounds, String key, Range<?> r, boolean lower,
      FilterKind fk) {
    if (!(lower ? r.hasLowerBound() : r.hasUpperBound())) {
      return true;
    }
    Optional<JsonNode> v = FilterValues.constant(
        (Comparable<?>) (lower ? r.lowerEndpoint() : r.upperEndpoint()), fk);
    if (v.isEmpty()) {
      return false;
    }
    boolean closed = (lower ? r.lowerBoundType() : r.upperBoundType()) == BoundType.CLOSED;
    FilterOp op = lower ? (closed ? FilterOp.GTE : FilterOp.GT)
        : (closed ? FilterOp.LTE : FilterOp.LT);
    bounds.add(new FilterExpr.Condition(key, op, new Operand.Constant(v.get())));
    return true;
  }
}
