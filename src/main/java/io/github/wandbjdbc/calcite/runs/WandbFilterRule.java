package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.RuleConfig;
import io.github.wandbjdbc.pushdown.FilterExpr;
import io.github.wandbjdbc.pushdown.FilterTranslator.Pushed;
import io.github.wandbjdbc.source.RunsPushdown;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTrait;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Folds the conditions of a WHERE that W&B can evaluate into the scan's filter. What W&B answers
 * exactly leaves the Filter; a superset keeps its SQL predicate in Calcite; what cannot be
 * translated stays in Calcite as it is.
 */
final class WandbFilterRule extends RelRule<RuleConfig> {
  static final WandbFilterRule INSTANCE = (WandbFilterRule) new RuleConfig(
      RelFactories.LOGICAL_BUILDER, "WandbFilterRule",
      b0 -> b0.operand(LogicalFilter.class).oneInput(
          b1 -> b1.operand(WandbTableScan.class).predicate(WandbTableScan::isLogical).noInputs()),
      WandbFilterRule::new).toRule();

  private WandbFilterRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    WandbTableScan scan = call.rel(1);
    ScanSpec spec = scan.spec();
    if (spec.isCount()) {
      return;
    }
    RunsPushdown pushdown = scan.pushdown();
    Set<String> parts = new HashSet<>(spec.pushedParts());
    List<FilterExpr> pushed = new ArrayList<>();
    boolean exact = spec.filter().map(Pushed::exact).orElse(true);
    List<RexNode> conjuncts = RelOptUtil.conjunctions(filter.getCondition());
    List<RexNode> residual = new ArrayList<>();
    for (RexNode conjunct : conjuncts) {
      Optional<Pushed> p = pushdown.filter(spec.columns(), conjunct);
      if (p.isEmpty()) {
        residual.add(conjunct);
        continue;
      }
      if (!p.get().exact()) {
        residual.add(conjunct);
      }
      // A condition pushed before (Calcite rebuilds Filters) is not pushed twice.
      if (parts.add(p.get().filter().describe().toString())) {
        pushed.add(p.get().filter());
        exact &= p.get().exact();
      }
    }
    if (pushed.isEmpty() && residual.size() == conjuncts.size()) {
      return;
    }
    RelNode input = scan;
    if (!pushed.isEmpty()) {
      List<FilterExpr> all = new ArrayList<>();
      spec.filter().ifPresent(f -> all.add(f.filter()));
      all.addAll(pushed);
      input = scan.withSpec(spec.withFilter(new Pushed(FilterExpr.all(all), exact), parts));
    }
    call.transformTo(residual.isEmpty() ? input : keepingOrder(input,
        RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), residual)));
  }

  /**
   * A Filter over a scan that says it is sorted. Calcite reads a scan's order from its table's
   * statistics, not its traits, so a plain Filter would claim none and the Sort above it would
   * stay: every run read and sorted in Calcite, however small the LIMIT.
   */
  static RelNode keepingOrder(RelNode scan, RexNode condition) {
    LogicalFilter filter = LogicalFilter.create(scan, condition);
    RelTrait order = scan.getTraitSet().getTrait(RelCollationTraitDef.INSTANCE);
    return order == null ? filter : filter.copy(filter.getTraitSet().replace(order), scan,
        condition);
  }
}
