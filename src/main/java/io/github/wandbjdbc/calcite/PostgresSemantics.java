package io.github.wandbjdbc.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableAggregateBase;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableIntersect;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableMinus;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives a finished physical plan PostgreSQL's semantics for floating-point values and strings,
 * where Calcite's generated Java code has IEEE's and UTF-16's (README, "SQL semantics"):
 *
 * <ul>
 *   <li>comparisons, in filters, projections and join conditions ({@link PostgresComparisons});</li>
 *   <li>ORDER BY sorts on {@link PostgresOrder} keys: NaN above +Infinity, −0.0 with 0.0, strings
 *       by code point;</li>
 *   <li>MIN and MAX of doubles and strings aggregate their keys (Calcite's MIN and MAX of doubles
 *       skipped or kept NaN depending on the rows' order, and started MIN at Double.MAX_VALUE,
 *       which beat +Infinity);</li>
 *   <li>GROUP BY, DISTINCT, set operations, hash-join keys and window partitions see −0.0 as 0.0
 *       (NaN already equals NaN in Java's hashing);</li>
 *   <li>window ORDER BYs and MIN and MAX over windows as above; a single floating-point key of a
 *       window or WITHIN GROUP order gets a constant second key:
 *       Calcite compares one key through BigDecimal, which fails on NaN and Infinity, and two or
 *       more with {@code compareTo}, which orders them as PostgreSQL does.</li>
 * </ul>
 *
 * <p>Run after planning, so that the pushdown rules see the SQL's own operators. Calcite's
 * simplifications during planning already assume a total order (they turn
 * {@code NOT (x < 0.5)} into {@code x >= 0.5}), so they agree with these semantics.
 *
 * <p>This class visits the plan and rewrites expressions and sorts itself; joins and set
 * operations are {@link PostgresKeys}'s, aggregates {@link PostgresAggregates}'s and
 * {@link PostgresTies}'s, windows {@link PostgresWindows}'s, and {@link PostgresRels} holds what
 * they build with.
 */
final class PostgresSemantics extends RelHomogeneousShuttle {
  static RelNode apply(RelNode plan) {
    return plan.accept(new PostgresSemantics());
  }

  @Override
  public RelNode visit(RelNode other) {
    RelNode rel = super.visit(other);
    RexBuilder rex = rel.getCluster().getRexBuilder();
    if (rel instanceof EnumerableCalc calc) {
      return calc(calc, rex);
    }
    if (rel instanceof EnumerableFilter || rel instanceof EnumerableProject
        || rel instanceof EnumerableNestedLoopJoin) {
      return rel.accept(new PostgresComparisons(rex));
    }
    if (rel instanceof EnumerableHashJoin join) {
      return PostgresKeys.hashJoin(join, rex);
    }
    if ((rel instanceof EnumerableSort || rel instanceof EnumerableLimitSort)
        && !((Sort) rel).collation.getFieldCollations().isEmpty()) {
      return sort((Sort) rel, rex);
    }
    if (rel instanceof EnumerableAggregate aggregate) {
      return PostgresAggregates.aggregate(aggregate, rex);
    }
    if (rel instanceof EnumerableAggregateBase aggregate) {
      return PostgresTies.withinGroupTies(aggregate);
    }
    if (rel instanceof EnumerableWindow window) {
      return PostgresWindows.window(window, rex);
    }
    if (rel instanceof EnumerableUnion union && !union.all
        || rel instanceof EnumerableIntersect || rel instanceof EnumerableMinus) {
      return PostgresKeys.setOp((SetOp) rel, rex);
    }
    return rel;
  }

  // ---- expressions ----------------------------------------------------------------------------

  private static RelNode calc(EnumerableCalc calc, RexBuilder rex) {
    RexProgram program = calc.getProgram();
    PostgresComparisons rewrite = new PostgresComparisons(rex);
    List<RexNode> projects = new ArrayList<>();
    for (RexLocalRef ref : program.getProjectList()) {
      projects.add(program.expandLocalRef(ref).accept(rewrite));
    }
    RexNode condition = program.getCondition() == null ? null
        : program.expandLocalRef(program.getCondition()).accept(rewrite);
    RexProgram rewritten = RexProgram.create(program.getInputRowType(), projects, condition,
        program.getOutputRowType(), rex);
    return EnumerableCalc.create(calc.getInput(), rewritten);
  }

  // ---- ordering -------------------------------------------------------------------------------

  /** Sorts on order keys of the floating-point and text keys, appended and dropped again. */
  private static RelNode sort(Sort sort, RexBuilder rex) {
    RelNode input = sort.getInput();
    List<RelDataTypeField> fields = input.getRowType().getFieldList();
    List<RexNode> exprs = new ArrayList<>(rex.identityProjects(input.getRowType()));
    List<RelFieldCollation> keys = new ArrayList<>();
    for (RelFieldCollation k : sort.collation.getFieldCollations()) {
      RexNode ref = rex.makeInputRef(input, k.getFieldIndex());
      RexNode key = PostgresComparisons.orderKey(rex, ref);
      if (key == ref) {
        keys.add(k);
      } else {
        exprs.add(key);
        keys.add(k.withFieldIndex(exprs.size() - 1));
      }
    }
    if (exprs.size() == fields.size()) {
      return sort;
    }
    RelNode widened = PostgresRels.project(input, exprs, rex);
    RelCollation collation = RelCollations.of(keys);
    RelNode sorted = sort instanceof EnumerableLimitSort
        ? EnumerableLimitSort.create(widened, collation, sort.offset, sort.fetch)
        : EnumerableSort.create(widened, collation, sort.offset, sort.fetch);
    return PostgresRels.firstFields(sorted, fields.size(), rex);
  }
}
