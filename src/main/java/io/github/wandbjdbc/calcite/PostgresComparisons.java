package io.github.wandbjdbc.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.Sarg;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites expressions to PostgreSQL's semantics where Java's differ (pure, on a finished plan).
 *
 * <ul>
 *   <li>A comparison ({@code =}, {@code <>}, {@code <}, {@code <=}, {@code >}, {@code >=},
 *       {@code IS [NOT] DISTINCT FROM}, and the ranges and lists Calcite folds into
 *       {@code SEARCH}) of floating-point values compares their {@link PostgresOrder} keys, so
 *       NaN equals NaN and exceeds +Infinity, and −0.0 equals 0.0. Java's IEEE comparisons made
 *       every comparison with NaN false, while Calcite's planner simplifies as if the order were
 *       total ({@code NOT (x < 0.5)} to {@code x >= 0.5}): one query, two semantics.</li>
 *   <li>An ordering comparison of strings compares their code-point keys.</li>
 *   <li>{@code CHAR_LENGTH} counts code points.</li>
 * </ul>
 */
final class PostgresComparisons extends RexShuttle {
  private final RexBuilder rex;

  PostgresComparisons(RexBuilder rex) {
    this.rex = rex;
  }

  static boolean isFloatingPoint(RelDataType type) {
    return SqlTypeName.APPROX_TYPES.contains(type.getSqlTypeName());
  }

  static boolean isText(RelDataType type) {
    return SqlTypeUtil.inCharFamily(type);
  }

  /** The order key of a value of {@code type}, or the value itself when Java's order is right. */
  static RexNode orderKey(RexBuilder rex, RexNode value) {
    RelDataType type = value.getType();
    if (isFloatingPoint(type)) {
      return rex.makeCall(PostgresFunctions.DOUBLE_ORDER, asDouble(rex, value));
    }
    if (isText(type)) {
      return rex.makeCall(PostgresFunctions.TEXT_ORDER, value);
    }
    return value;
  }

  private static RexNode asDouble(RexBuilder rex, RexNode value) {
    if (value.getType().getSqlTypeName() == SqlTypeName.DOUBLE) {
      return value;
    }
    RelDataType d = rex.getTypeFactory().createTypeWithNullability(
        rex.getTypeFactory().createSqlType(SqlTypeName.DOUBLE), value.getType().isNullable());
    return rex.makeCast(d, value);
  }

  @Override
  public RexNode visitCall(RexCall call) {
    if (call.getKind() == SqlKind.SEARCH && needsExpansion(call)) {
      return RexUtil.expandSearch(rex, null, call).accept(this);
    }
    RexCall visited = (RexCall) super.visitCall(call);
    if (visited.getOperator() == SqlStdOperatorTable.CHAR_LENGTH
        || visited.getOperator() == SqlStdOperatorTable.CHARACTER_LENGTH) {
      return retype(rex.makeCall(PostgresFunctions.CODE_POINT_LENGTH, visited.getOperands()),
          call.getType());
    }
    if (!isComparison(visited.getKind()) || visited.getOperands().size() != 2) {
      return visited;
    }
    RexNode left = visited.getOperands().get(0);
    RexNode right = visited.getOperands().get(1);
    boolean floating = isFloatingPoint(left.getType()) || isFloatingPoint(right.getType());
    boolean ordering = visited.getKind() != SqlKind.EQUALS
        && visited.getKind() != SqlKind.NOT_EQUALS
        && visited.getKind() != SqlKind.IS_DISTINCT_FROM
        && visited.getKind() != SqlKind.IS_NOT_DISTINCT_FROM;
    if (floating) {
      return retype(rex.makeCall(visited.getOperator(),
          rex.makeCall(PostgresFunctions.DOUBLE_ORDER, asDouble(rex, left)),
          rex.makeCall(PostgresFunctions.DOUBLE_ORDER, asDouble(rex, right))), call.getType());
    }
    if (ordering && isText(left.getType()) && isText(right.getType())) {
      return retype(rex.makeCall(visited.getOperator(),
          rex.makeCall(PostgresFunctions.TEXT_ORDER, left),
          rex.makeCall(PostgresFunctions.TEXT_ORDER, right)), call.getType());
    }
    return visited;
  }

  /** Whether a SEARCH must become comparisons: any floating-point one, text ranges. */
  private static boolean needsExpansion(RexCall search) {
    RelDataType type = search.getOperands().get(0).getType();
    if (isFloatingPoint(type)) {
      return true;
    }
    if (!isText(type) || !(search.getOperands().get(1) instanceof RexLiteral literal)) {
      return false;
    }
    Sarg<?> sarg = literal.getValueAs(Sarg.class);
    return sarg != null && !sarg.isPoints() && !sarg.isComplementedPoints();
  }

  private static boolean isComparison(SqlKind kind) {
    return switch (kind) {
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN,
          GREATER_THAN_OR_EQUAL, IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> true;
      default -> false;
    };
  }

  /** {@code node} with exactly {@code type}, which only its nullability can differ from. */
  private RexNode retype(RexNode node, RelDataType type) {
    return node.getType().equals(type) ? node : rex.makeAbstractCast(type, node, false);
  }

  /** Applies the rewrite to each expression. */
  List<RexNode> applyAll(List<RexNode> nodes) {
    List<RexNode> out = new ArrayList<>(nodes.size());
    for (RexNode n : nodes) {
      out.add(n.accept(this));
    }
    return out;
  }
}
