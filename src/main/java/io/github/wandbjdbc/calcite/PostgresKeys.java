package io.github.wandbjdbc.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hash-join keys and the rows of UNION, INTERSECT and EXCEPT, which Java compares by hashing
 * ({@link PostgresSemantics}): their floating-point values see −0.0 as 0.0 (NaN already equals
 * NaN in Java's hashing). Apart because these rewrite the inputs, not the comparison.
 */
final class PostgresKeys {
  private PostgresKeys() {}

  /**
   * Equality of keys stays as it is, for the hash join to find it, over inputs whose
   * floating-point keys see −0.0 as 0.0; the rest of the condition is rewritten.
   */
  static RelNode hashJoin(EnumerableHashJoin join, RexBuilder rex) {
    int leftCount = join.getLeft().getRowType().getFieldCount();
    Set<Integer> leftKeys = new HashSet<>();
    Set<Integer> rightKeys = new HashSet<>();
    List<RexNode> conjuncts = new ArrayList<>();
    PostgresComparisons rewrite = new PostgresComparisons(rex);
    for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
      if (isKeyEquality(c, leftCount)) {
        RexCall eq = (RexCall) c;
        for (RexNode o : eq.getOperands()) {
          int i = ((RexInputRef) o).getIndex();
          if (PostgresComparisons.isFloatingPoint(o.getType())) {
            (i < leftCount ? leftKeys : rightKeys).add(i < leftCount ? i : i - leftCount);
          }
        }
        conjuncts.add(c);
      } else {
        conjuncts.add(c.accept(rewrite));
      }
    }
    RelNode left = leftKeys.isEmpty() ? join.getLeft()
        : PostgresRels.zeroAsZero(join.getLeft(), leftKeys::contains, rex);
    RelNode right = rightKeys.isEmpty() ? join.getRight()
        : PostgresRels.zeroAsZero(join.getRight(), rightKeys::contains, rex);
    return join.copy(join.getTraitSet(), RexUtil.composeConjunction(rex, conjuncts), left, right,
        join.getJoinType(), join.isSemiJoinDone());
  }

  private static boolean isKeyEquality(RexNode c, int leftCount) {
    if (!(c instanceof RexCall call) || (call.getKind() != SqlKind.EQUALS
        && call.getKind() != SqlKind.IS_NOT_DISTINCT_FROM)) {
      return false;
    }
    if (!(call.getOperands().get(0) instanceof RexInputRef a)
        || !(call.getOperands().get(1) instanceof RexInputRef b)) {
      return false;
    }
    return (a.getIndex() < leftCount) != (b.getIndex() < leftCount);
  }

  /** UNION (not ALL), INTERSECT and EXCEPT over inputs that see −0.0 as 0.0. */
  static RelNode setOp(SetOp setOp, RexBuilder rex) {
    List<RelDataTypeField> fields = setOp.getRowType().getFieldList();
    if (fields.stream().noneMatch(f -> PostgresComparisons.isFloatingPoint(f.getType()))) {
      return setOp;
    }
    List<RelNode> inputs = new ArrayList<>();
    for (RelNode input : setOp.getInputs()) {
      List<RelDataTypeField> in = input.getRowType().getFieldList();
      inputs.add(PostgresRels.zeroAsZero(input,
          i -> PostgresComparisons.isFloatingPoint(in.get(i).getType()), rex));
    }
    return setOp.copy(setOp.getTraitSet(), inputs);
  }
}
