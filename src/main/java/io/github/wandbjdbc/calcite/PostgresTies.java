package io.github.wandbjdbc.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableAggregateBase;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The constant second key that a single floating-point key of a window or WITHIN GROUP order
 * gets ({@link PostgresSemantics}): Calcite compares one key through BigDecimal, which fails on
 * NaN and Infinity, and two or more with {@code compareTo}, which orders them as PostgreSQL does.
 * Apart because aggregates and windows both need it, and every aggregate the other rewrites
 * leave alone too.
 */
final class PostgresTies {
  private PostgresTies() {}

  /** Aggregates ordered WITHIN GROUP by one floating-point key get a constant second key. */
  static RelNode withinGroupTies(EnumerableAggregateBase aggregate) {
    RelNode input = aggregate.getInput();
    boolean needs = aggregate.getAggCallList().stream()
        .anyMatch(c -> needsTie(c.collation, input));
    if (!needs) {
      return aggregate;
    }
    int tie = input.getRowType().getFieldCount();
    List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall c : aggregate.getAggCallList()) {
      calls.add(needsTie(c.collation, input) ? c.withCollation(withTie(c.collation, tie)) : c);
    }
    return aggregate.copy(aggregate.getTraitSet(), withTieColumn(input), aggregate.getGroupSet(),
        aggregate.getGroupSets(), calls);
  }

  /** One key, on a FLOAT, REAL or DOUBLE column. */
  static boolean needsTie(RelCollation collation, RelNode input) {
    List<RelFieldCollation> keys = collation.getFieldCollations();
    if (keys.size() != 1) {
      return false;
    }
    return PostgresComparisons.isFloatingPoint(
        input.getRowType().getFieldList().get(keys.get(0).getFieldIndex()).getType());
  }

  private static RelCollation withTie(RelCollation collation, int tieField) {
    List<RelFieldCollation> keys = new ArrayList<>(collation.getFieldCollations());
    keys.add(new RelFieldCollation(tieField));
    return RelCollations.of(keys);
  }

  /** The input's fields plus a constant integer column at the end. */
  private static RelNode withTieColumn(RelNode input) {
    RexBuilder rex = input.getCluster().getRexBuilder();
    List<RexNode> exprs = new ArrayList<>(rex.identityProjects(input.getRowType()));
    exprs.add(rex.makeExactLiteral(BigDecimal.ZERO));
    return PostgresRels.project(input, exprs, rex);
  }
}
