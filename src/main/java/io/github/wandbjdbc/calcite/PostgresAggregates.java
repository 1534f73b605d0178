package io.github.wandbjdbc.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableAggregateBase;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * GROUP BY, DISTINCT arguments, MIN and MAX under {@link PostgresSemantics}: group keys see −0.0
 * as 0.0, and MIN and MAX of doubles and strings aggregate their order keys (Calcite's MIN and
 * MAX of doubles skipped or kept NaN depending on the rows' order, and started MIN at
 * Double.MAX_VALUE, which beat +Infinity). Apart because it rebuilds the aggregate's input, its
 * calls and the projection above it.
 */
final class PostgresAggregates {
  private PostgresAggregates() {}

  /**
   * Group keys and DISTINCT arguments with −0.0 as 0.0; MIN and MAX of doubles and strings over
   * their order keys, turned back into values above the aggregate.
   */
  static RelNode aggregate(EnumerableAggregate aggregate, RexBuilder rex) {
    RelNode input = aggregate.getInput();
    List<RelDataTypeField> fields = input.getRowType().getFieldList();
    Set<Integer> normalized = new HashSet<>();
    aggregate.getGroupSet().forEach(i -> {
      if (PostgresComparisons.isFloatingPoint(fields.get(i).getType())) {
        normalized.add(i);
      }
    });
    for (AggregateCall c : aggregate.getAggCallList()) {
      if (c.isDistinct()) {
        for (int a : c.getArgList()) {
          if (PostgresComparisons.isFloatingPoint(fields.get(a).getType())) {
            normalized.add(a);
          }
        }
      }
    }
    List<RexNode> exprs = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      RexNode ref = rex.makeInputRef(input, i);
      exprs.add(normalized.contains(i) ? PostgresRels.zeroAsZero(ref, rex) : ref);
    }
    List<Integer> keyedCalls = new ArrayList<>();
    List<Integer> keyColumns = new ArrayList<>();
    List<AggregateCall> calls = aggregate.getAggCallList();
    for (int n = 0; n < calls.size(); n++) {
      AggregateCall c = calls.get(n);
      if ((c.getAggregation().getKind() == SqlKind.MIN
          || c.getAggregation().getKind() == SqlKind.MAX) && c.getArgList().size() == 1) {
        RexNode ref = rex.makeInputRef(input, c.getArgList().get(0));
        RexNode key = PostgresComparisons.orderKey(rex, ref);
        if (key != ref) {
          exprs.add(key);
          keyedCalls.add(n);
          keyColumns.add(exprs.size() - 1);
        }
      }
    }
    if (normalized.isEmpty() && keyedCalls.isEmpty()) {
      return PostgresTies.withinGroupTies(aggregate);
    }
    RelNode widened = PostgresRels.project(input, exprs, rex);
    List<AggregateCall> newCalls = new ArrayList<>();
    for (int n = 0; n < calls.size(); n++) {
      AggregateCall c = calls.get(n);
      int k = keyedCalls.indexOf(n);
      newCalls.add(k < 0 ? c : AggregateCall.create(c.getParserPosition(), c.getAggregation(),
          c.isDistinct(), c.isApproximate(), c.ignoreNulls(), c.rexList,
          List.of(keyColumns.get(k)), c.filterArg, c.distinctKeys, c.collation,
          aggregate.getGroupCount(), widened, null, c.name));
    }
    EnumerableAggregateBase grouped = (EnumerableAggregateBase) aggregate.copy(
        aggregate.getTraitSet(), widened, aggregate.getGroupSet(), aggregate.getGroupSets(),
        newCalls);
    if (keyedCalls.isEmpty()) {
      return PostgresTies.withinGroupTies(grouped);
    }
    List<RelDataTypeField> out = aggregate.getRowType().getFieldList();
    List<RexNode> decoded = new ArrayList<>();
    int groupCount = aggregate.getGroupCount();
    for (int i = 0; i < out.size(); i++) {
      RexNode ref = rex.makeInputRef(grouped, i);
      int call = i - groupCount;
      if (call >= 0 && keyedCalls.contains(call)) {
        decoded.add(PostgresRels.fromOrderKey(ref, out.get(i).getType(), rex));
      } else {
        decoded.add(ref);
      }
    }
    return PostgresRels.project(PostgresTies.withinGroupTies(grouped), decoded,
        aggregate.getRowType().getFieldNames(), rex);
  }
}
