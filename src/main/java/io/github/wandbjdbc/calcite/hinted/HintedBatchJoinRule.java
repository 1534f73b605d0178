package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.calcite.common.RuleConfig;
import io.github.wandbjdbc.pushdown.HintExtractor;
import io.github.wandbjdbc.pushdown.HintKind;
import io.github.wandbjdbc.pushdown.ScanHints;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plans {@code outer ⋈ t ON outer.x = t.k}, where {@code k} is a column a {@link HintedTable}
 * reads by (such as {@code history.run_id}), as Calcite's batched nested-loop join: for each batch
 * of {@value #BATCH} outer rows, the inner scan reads only the rows of those keys — the history of
 * 100 runs, not of every run. The inner side is built here directly as a filter on the scan with
 * the batch's keys folded in as hints; the filter stays, so the join's result is unchanged.
 *
 * <p>Only joins into such a column are planned this way: elsewhere the inner table would be
 * re-read from W&B once per batch, which Calcite's cost model cannot see.
 */
final class HintedBatchJoinRule extends RelRule<RuleConfig> {
  static final int BATCH = 100;
  static final HintedBatchJoinRule INSTANCE = (HintedBatchJoinRule) new RuleConfig(
      RelFactories.LOGICAL_BUILDER, "HintedBatchNestedLoopJoinRule",
      b -> b.operand(LogicalJoin.class).anyInputs(), HintedBatchJoinRule::new).toRule();

  private static final Set<JoinRelType> SUPPORTED =
      Set.of(JoinRelType.INNER, JoinRelType.LEFT, JoinRelType.SEMI, JoinRelType.ANTI);

  private HintedBatchJoinRule(RuleConfig config) {
    super(config);
  }

  /**
   * The inner side as the rule rebuilds it: a scan, a filter already on it (a WHERE on the inner
   * table), and a projection of its columns above (fields the query does not use trimmed away).
   */
  private record Inner(HintedTableScan scan, Optional<RexNode> filter, Optional<Project> project) {
    Inner withProject(Project p) {
      return new Inner(scan, filter, Optional.of(p));
    }
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Join join = call.rel(0);
    if (!SUPPORTED.contains(join.getJoinType())) {
      return;
    }
    JoinInfo info = join.analyzeCondition();
    Optional<Inner> inner = keyedInner(join.getRight(), info.rightKeys);
    if (inner.isEmpty()) {
      return;
    }
    RexBuilder rexBuilder = join.getCluster().getRexBuilder();
    int leftFields = join.getLeft().getRowType().getFieldCount();
    Set<CorrelationId> ids = new LinkedHashSet<>();
    List<RexNode> perOuterRow = new ArrayList<>();
    ImmutableBitSet.Builder required = ImmutableBitSet.builder();
    for (int i = 0; i < BATCH; i++) {
      CorrelationId id = join.getCluster().createCorrel();
      ids.add(id);
      RexNode outerRow = rexBuilder.makeCorrel(join.getLeft().getRowType(), id);
      perOuterRow.add(join.getCondition().accept(new RexShuttle() {
        @Override
        public RexNode visitInputRef(RexInputRef ref) {
          if (ref.getIndex() < leftFields) {
            required.set(ref.getIndex());
            return rexBuilder.makeFieldAccess(outerRow, ref.getIndex());
          }
          return rexBuilder.makeInputRef(ref.getType(), ref.getIndex() - leftFields);
        }
      }));
    }
    RexNode anyOuterRow = RexUtil.composeDisjunction(rexBuilder, perOuterRow);
    // In the scan's columns: through the projection, then with the inner table's own filter.
    RexNode onScan = inner.get().project()
        .map(p -> RelOptUtil.pushPastProject(anyOuterRow, p)).orElse(anyOuterRow);
    RexNode condition = inner.get().filter()
        .map(f -> RexUtil.composeConjunction(rexBuilder, List.of(f, onScan)))
        .orElse(onScan);
    HintedTableScan scan = inner.get().scan();
    ScanHints hints = HintExtractor.extract(rexBuilder, condition, scan.hintedTable.hintable());
    RelNode filtered = LogicalFilter.create(scan.withHints(hints), condition);
    RelNode right = inner.get().project()
        .<RelNode>map(p -> p.copy(p.getTraitSet(), filtered, p.getProjects(), p.getRowType()))
        .orElse(filtered);
    RelOptPlanner planner = call.getPlanner();
    call.transformTo(HashedBatchJoin.of(
        planner.changeTraits(join.getLeft(),
            join.getLeft().getTraitSet().replace(EnumerableConvention.INSTANCE)),
        planner.changeTraits(right, right.getTraitSet().replace(EnumerableConvention.INSTANCE)),
        join.getCondition(), required.build(), ids, join.getJoinType()));
  }

  /**
   * The inner input as a scan of a table that reads by one of the join keys, possibly under a
   * filter and a projection of plain columns; empty when it is anything else.
   */
  private static Optional<Inner> keyedInner(RelNode right, List<Integer> rightKeys) {
    for (RelNode rel : members(right)) {
      if (rel instanceof Project p && p.getConvention() == Convention.NONE) {
        List<Integer> below = new ArrayList<>();
        for (int k : rightKeys) {
          if (p.getProjects().get(k) instanceof RexInputRef ref) {
            below.add(ref.getIndex());
          }
        }
        for (RelNode input : members(p.getInput())) {
          Optional<Inner> inner = filteredScan(input, below);
          if (inner.isPresent()) {
            return Optional.of(inner.get().withProject(p));
          }
        }
      }
      Optional<Inner> inner = filteredScan(rel, rightKeys);
      if (inner.isPresent()) {
        return inner;
      }
    }
    return Optional.empty();
  }

  private static Optional<Inner> filteredScan(RelNode rel, List<Integer> keys) {
    if (rel.getConvention() != Convention.NONE) {
      return Optional.empty();
    }
    Optional<Inner> inner = unhintedScan(rel).map(s -> new Inner(s, Optional.empty(), Optional.empty()));
    if (inner.isEmpty() && rel instanceof Filter f && !RexUtil.containsCorrelation(f.getCondition())) {
      inner = members(f.getInput()).stream().map(HintedBatchJoinRule::unhintedScan)
          .flatMap(Optional::stream).findFirst()
          .map(s -> new Inner(s, Optional.of(f.getCondition()), Optional.empty()));
    }
    return inner.filter(i -> readsByKey(i.scan(), keys));
  }

  private static List<RelNode> members(RelNode rel) {
    return rel instanceof RelSubset subset ? subset.getRelList() : List.of(rel);
  }

  private static boolean readsByKey(HintedTableScan scan, List<Integer> keys) {
    return keys.stream().anyMatch(k -> scan.hintedTable.hintable().get(k) == HintKind.ANY_OF);
  }

  private static Optional<HintedTableScan> unhintedScan(RelNode rel) {
    return rel instanceof HintedTableScan s && s.getConvention() == Convention.NONE
        && s.hints.isEmpty() ? Optional.of(s) : Optional.empty();
  }
}
