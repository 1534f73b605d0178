package io.github.wandbjdbc.pushdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.common.collect.Range;

import io.github.wandbjdbc.columns.FilterKind;
import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.pushdown.FilterTranslator.Pushed;

import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conditions of {@link FilterTranslator} on text — comparisons, IN lists, LIKE — and on tags.
 * Apart because none of them can be exact: the server may ignore letter case, and nothing
 * guarantees run states are lower case, so each pushes a superset and Calcite keeps the SQL.
 */
final class TextFilters {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private TextFilters() {}

  /** A comparison of a text column with a value. */
  static Pushed comparison(String key, FilterKind fk, SqlKind kind, Operand v) {
    if (kind == SqlKind.EQUALS) {
      Operand value = fk == FilterKind.LOOSE_STRING ? new Operand.LooseString(v) : v;
      return new Pushed(new FilterExpr.Condition(key,
          fk == FilterKind.LOOSE_STRING ? FilterOp.IN : FilterOp.EQ, value), false);
    }
    // Ranges and <> on text: any answer needs a value.
    return new Pushed(new FilterExpr.Condition(key, FilterOp.NE, FilterValues.nul()), false);
  }

  /** Free text: IN as a superset; anything else needs at least a value. */
  static Optional<Pushed> search(RunColumn c, Sarg<?> sarg, boolean nullsIn) {
    String key = c.filterKey().orElseThrow();
    if (sarg.isPoints()) {
      List<Operand> points = new ArrayList<>();
      for (Range<?> r : sarg.rangeSet.asRanges()) {
        Optional<JsonNode> v = FilterValues.constant((Comparable<?>) r.lowerEndpoint(),
            c.filterKind());
        if (v.isEmpty()) {
          return Optional.empty();
        }
        Operand point = new Operand.Constant(v.get());
        points.add(c.filterKind() == FilterKind.LOOSE_STRING ? new Operand.LooseString(point)
            : point);
      }
      FilterExpr in = new FilterExpr.Condition(key, FilterOp.IN, new Operand.Many(points));
      return Optional.of(new Pushed(nullsIn
          ? new FilterExpr.Any(List.of(in, IsFilters.isNull(c).filter())) : in, false));
    }
    return nullsIn ? Optional.empty() : Optional.of(new Pushed(
        new FilterExpr.Condition(key, FilterOp.NE, FilterValues.nul()), false));
  }

  /**
   * {@code column LIKE pattern [ESCAPE e]} ({@code ops}) as a {@code $regex} on the pattern's
   * longest literal run; only on free text and run states.
   */
  static Optional<Pushed> like(RunColumn column, List<RexNode> ops) {
    if (column.filterKind() != FilterKind.STRING
        && column.filterKind() != FilterKind.LOWERCASE_ENUM) {
      return Optional.empty();
    }
    Character escape = null;
    if (ops.size() > 2) {
      String e = ops.get(2) instanceof RexLiteral l ? l.getValueAs(String.class) : null;
      if (e == null || e.length() != 1) {
        return Optional.empty();
      }
      escape = e.charAt(0);
    }
    String key = column.filterKey().orElseThrow();
    RexNode pattern = ops.get(1);
    if (pattern instanceof RexDynamicParam p) {
      return Optional.of(new Pushed(new FilterExpr.Condition(key, FilterOp.REGEX,
          new Operand.LikeRegex(new Operand.Parameter(p.getIndex(), FilterKind.STRING), escape)),
          false));
    }
    if (!(pattern instanceof RexLiteral literal) || literal.getValueAs(String.class) == null) {
      return Optional.empty();
    }
    return LikePatterns.supersetRegex(literal.getValueAs(String.class), escape)
        .map(regex -> new Pushed(new FilterExpr.Condition(key, FilterOp.REGEX,
            new Operand.Constant(JSON.textNode(regex))), false));
  }

  /** {@code ARRAY_CONTAINS(tags, 'x')}: W&B matches an array field that holds the value. */
  static Optional<Pushed> arrayContains(RunColumn column, RexNode element) {
    if (column.filterKind() != FilterKind.TAGS) {
      return Optional.empty();
    }
    return FilterValues.operand(element, FilterKind.TAGS).map(v -> new Pushed(
        new FilterExpr.Condition(column.filterKey().orElseThrow(), FilterOp.EQ, v), false));
  }
}
