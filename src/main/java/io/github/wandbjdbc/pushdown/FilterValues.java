package io.github.wandbjdbc.pushdown;

import io.github.wandbjdbc.columns.FilterKind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The values a condition compares a column with, read for {@link FilterTranslator}: literals and
 * parameters as JSON of the column's kind, and the casts that change no value. Apart from the
 * filters built with them, so that each kind of condition reads its values alike.
 */
final class FilterValues {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private FilterValues() {}

  /**
   * Whether a cast keeps the value as W&B would compare it: widening of numbers (not BIGINT to
   * DOUBLE), and text or timestamps without shortening. DECIMAL to DOUBLE counts: the JSON number
   * sent is the decimal, which the server reads as a double just as the cast does.
   */
  static boolean isLossless(RelDataType from, RelDataType to) {
    SqlTypeName f = from.getSqlTypeName();
    SqlTypeName t = to.getSqlTypeName();
    if (f == t && (f == SqlTypeName.BIGINT || f == SqlTypeName.DOUBLE
        || f == SqlTypeName.BOOLEAN)) {
      return true;
    }
    if (SqlTypeName.INT_TYPES.contains(f) || f == SqlTypeName.DECIMAL) {
      if (t == SqlTypeName.DOUBLE) {
        // Not BIGINT: above 2^53 distinct integers meet in one double, so SQL's comparison in
        // DOUBLE matches more runs than the server's exact one (found by the oracle corpus:
        // "summary.n" = 9.007199254740993E15 is true for 2^53 and 2^53 + 1).
        return f != SqlTypeName.BIGINT;
      }
      if (SqlTypeName.INT_TYPES.contains(f) && (t == SqlTypeName.BIGINT
          || t == SqlTypeName.DECIMAL && to.getScale() >= 0)) {
        return f != SqlTypeName.BIGINT || to.getPrecision() >= 19;
      }
    }
    if (f == SqlTypeName.VARCHAR) {
      return (t == SqlTypeName.VARCHAR || t == SqlTypeName.CHAR)
          && to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED;
    }
    if (f == SqlTypeName.TIMESTAMP) {
      return t == SqlTypeName.TIMESTAMP && to.getPrecision() >= from.getPrecision();
    }
    return false;
  }

  /**
   * A constant or parameter value of the comparison, as JSON of the column's kind. A literal under
   * a cast counts only when the cast cannot change its value (Calcite folds the others).
   */
  static Optional<Operand> operand(RexNode node, FilterKind kind) {
    RexNode n = node;
    while (n instanceof RexCall cast && cast.getKind() == SqlKind.CAST) {
      RexNode inner = cast.getOperands().get(0);
      if (!(inner instanceof RexDynamicParam) && !isLossless(inner.getType(), cast.getType())) {
        return Optional.empty();
      }
      n = inner;
    }
    if (n instanceof RexDynamicParam p) {
      return Optional.of(new Operand.Parameter(p.getIndex(), kind));
    }
    if (n instanceof RexLiteral literal && !literal.isNull()) {
      return constant(literal.getValueAs(Comparable.class), kind).map(Operand.Constant::new);
    }
    return Optional.empty();
  }

  /** A Calcite value (literal or Sarg point) as JSON, when it fits the kind. */
  static Optional<JsonNode> constant(Comparable<?> value, FilterKind kind) {
    if (value == null) {
      return Optional.empty();
    }
    switch (kind) {
      case FLOAT:
        // SQL compares a DOUBLE column with the literal cast to DOUBLE: send that double.
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
          return Optional.of(JSON.numberNode(n.doubleValue()));
        }
        return Optional.empty();
      case INTEGER:
        if (value instanceof Number n && !(value instanceof BigDecimal)
            && !Double.isFinite(n.doubleValue())) {
          return Optional.empty();
        }
        if (value instanceof Number n) {
          BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
          // Whole numbers are written as such (1, not 1.0); the server compares by value.
          return Optional.of(JSON.numberNode(d.stripTrailingZeros().scale() <= 0
              ? d.setScale(0, java.math.RoundingMode.UNNECESSARY) : d));
        }
        return Optional.empty();
      case BOOLEAN:
        return value instanceof Boolean b ? Optional.of(JSON.booleanNode(b)) : Optional.empty();
      case LOWERCASE_ENUM:
      case STRING:
      case LOOSE_STRING:
      case TAGS:
        if (value instanceof NlsString s) {
          return Optional.of(JSON.textNode(s.getValue()));
        }
        return value instanceof String s ? Optional.of(JSON.textNode(s)) : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  static RexNode stripCasts(RexNode node) {
    RexNode n = node;
    while (n instanceof RexCall call && call.getKind() == SqlKind.CAST) {
      n = call.getOperands().get(0);
    }
    return n;
  }

  static boolean isNullLiteral(RexNode node) {
    RexNode n = stripCasts(node);
    return n instanceof RexLiteral l && l.isNull();
  }

  static Operand nul() {
    return new Operand.Constant(NullNode.getInstance());
  }

  static Operand withNull(List<Operand> values) {
    List<Operand> all = new ArrayList<>(values);
    all.add(nul());
    return new Operand.Many(all);
  }
}
