package io.github.wandbjdbc.pushdown;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds {@link ScanHints} in a filter condition. Pure: no I/O. Only top-level conjuncts give hints,
 * each one a superset of the rows the conjunct keeps, so the hints of the whole condition are too.
 * A conjunct that gives no hint is simply skipped; nothing is ever "not pushable" here because the
 * filter itself always stays above the scan.
 */
public final class HintExtractor {
  private static final Set<SqlKind> STEP_COMPARISONS = EnumSet.of(SqlKind.EQUALS,
      SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN,
      SqlKind.GREATER_THAN_OR_EQUAL);

  private HintExtractor() {}

  public static ScanHints extract(RexBuilder rexBuilder, RexNode condition,
      Map<Integer, HintKind> columns) {
    RexNode expanded = RexUtil.expandSearch(rexBuilder, null, condition);
    Map<Integer, List<RexNode>> anyOf = new HashMap<>();
    List<ScanHints.StepBound> steps = new ArrayList<>();
    Map<Integer, ScanHints.Pattern> patterns = new HashMap<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(expanded)) {
      anyOf(conjunct, columns).ifPresent(h -> anyOf.merge(h.column(), h.values(),
          (a, b) -> a.size() <= b.size() ? a : b));
      stepBound(conjunct, columns).ifPresent(steps::add);
      pattern(conjunct, columns).ifPresent(p -> patterns.putIfAbsent(p.column(), p.pattern()));
    }
    return new ScanHints(anyOf, steps, patterns);
  }

  private record AnyOf(int column, List<RexNode> values) {}

  private record ColumnPattern(int column, ScanHints.Pattern pattern) {}

  /**
   * {@code c = v}, or a disjunction each of whose branches requires {@code c = v_i} for one column
   * {@code c} — the shape of {@code IN} lists and of the filter a batched nested-loop join puts on
   * its inner input ({@code $cor0.id = c OR $cor1.id = c …}).
   */
  private static Optional<AnyOf> anyOf(RexNode conjunct, Map<Integer, HintKind> columns) {
    Integer column = null;
    List<RexNode> values = new ArrayList<>();
    for (RexNode branch : RelOptUtil.disjunctions(conjunct)) {
      Optional<AnyOf> eq = Optional.empty();
      for (RexNode part : RelOptUtil.conjunctions(branch)) {
        eq = equality(part, columns, HintKind.ANY_OF);
        if (eq.isPresent() && (column == null || column == eq.get().column())) {
          break;
        }
        eq = Optional.empty();
      }
      if (eq.isEmpty()) {
        return Optional.empty();
      }
      column = eq.get().column();
      values.addAll(eq.get().values());
    }
    return column == null ? Optional.empty() : Optional.of(new AnyOf(column, values));
  }

  private static Optional<AnyOf> equality(RexNode node, Map<Integer, HintKind> columns,
      HintKind kind) {
    if (node.getKind() != SqlKind.EQUALS) {
      return Optional.empty();
    }
    RexCall call = (RexCall) node;
    for (int side = 0; side < 2; side++) {
      Integer column = column(call.getOperands().get(side), columns, kind);
      RexNode value = call.getOperands().get(1 - side);
      if (column != null && isValue(value)) {
        return Optional.of(new AnyOf(column, List.of(value)));
      }
    }
    return Optional.empty();
  }

  private static Optional<ScanHints.StepBound> stepBound(RexNode node,
      Map<Integer, HintKind> columns) {
    SqlKind kind = node.getKind();
    if (!STEP_COMPARISONS.contains(kind)) {
      return Optional.empty();
    }
    RexCall call = (RexCall) node;
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    if (numericColumn(left, columns) && isValue(right) && isNumeric(right)) {
      return Optional.of(new ScanHints.StepBound(kind, right));
    }
    if (numericColumn(right, columns) && isValue(left) && isNumeric(left)) {
      return Optional.of(new ScanHints.StepBound(kind.reverse(), left));
    }
    return Optional.empty();
  }

  /** {@code c LIKE p [ESCAPE e]} or {@code c = v} on a pattern column. */
  private static Optional<ColumnPattern> pattern(RexNode node, Map<Integer, HintKind> columns) {
    // Only plain LIKE: NOT LIKE shares its kind, and ILIKE is case-insensitive.
    if (node.getKind() == SqlKind.LIKE && node instanceof RexCall call
        && call.getOperator().getName().equals("LIKE")) {
      List<RexNode> ops = call.getOperands();
      Integer column = column(ops.get(0), columns, HintKind.PATTERN);
      if (column != null && isValue(ops.get(1)) && (ops.size() < 3 || isValue(ops.get(2)))) {
        Optional<RexNode> escape = ops.size() < 3 ? Optional.empty() : Optional.of(ops.get(2));
        return Optional.of(new ColumnPattern(column,
            new ScanHints.Pattern(ops.get(1), escape, true)));
      }
      return Optional.empty();
    }
    return equality(node, columns, HintKind.PATTERN).map(eq -> new ColumnPattern(eq.column(),
        new ScanHints.Pattern(eq.values().get(0), Optional.empty(), false)));
  }

  private static Integer column(RexNode node, Map<Integer, HintKind> columns, HintKind kind) {
    if (node instanceof RexInputRef ref && columns.get(ref.getIndex()) == kind) {
      return ref.getIndex();
    }
    return null;
  }

  /** The step column, bare or cast to another numeric type (as in {@code step > 1.5}). */
  private static boolean numericColumn(RexNode node, Map<Integer, HintKind> columns) {
    RexNode bare = node.getKind() == SqlKind.CAST && isNumeric(node)
        ? ((RexCall) node).getOperands().get(0) : node;
    return column(bare, columns, HintKind.STEP_RANGE) != null;
  }

  private static boolean isNumeric(RexNode node) {
    return SqlTypeFamily.NUMERIC.contains(node.getType());
  }

  /**
   * A value known before the scan starts: a literal, a {@code ?} parameter, a field of a
   * correlation variable, or a cast of one of these.
   */
  static boolean isValue(RexNode node) {
    if (node instanceof RexLiteral || node instanceof RexDynamicParam) {
      return true;
    }
    if (node instanceof RexFieldAccess access) {
      return access.getReferenceExpr() instanceof RexCorrelVariable;
    }
    if (node.getKind() == SqlKind.CAST) {
      return isValue(((RexCall) node).getOperands().get(0));
    }
    return false;
  }
}
