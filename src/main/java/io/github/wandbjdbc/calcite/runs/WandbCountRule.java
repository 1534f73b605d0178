package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.RuleConfig;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.sql.SqlKind;

/**
 * Answers {@code SELECT COUNT(*) FROM runs [WHERE …]} with one {@code runCount} request when W&B
 * evaluates the whole WHERE exactly: the Aggregate must sit right on the scan, no residual
 * Filter between them.
 */
final class WandbCountRule extends RelRule<RuleConfig> {
  static final WandbCountRule ON_SCAN = (WandbCountRule) new RuleConfig(
      RelFactories.LOGICAL_BUILDER, "WandbCountRule",
      b0 -> b0.operand(LogicalAggregate.class).oneInput(
          b1 -> b1.operand(WandbTableScan.class).predicate(WandbTableScan::isLogical).noInputs()),
      WandbCountRule::new).toRule();

  static final WandbCountRule ON_PROJECT = (WandbCountRule) new RuleConfig(
      RelFactories.LOGICAL_BUILDER, "WandbCountRule:project",
      b0 -> b0.operand(LogicalAggregate.class).oneInput(
          b1 -> b1.operand(LogicalProject.class).oneInput(
              b2 -> b2.operand(WandbTableScan.class).predicate(WandbTableScan::isLogical).noInputs())),
      WandbCountRule::new).toRule();

  private WandbCountRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalAggregate aggregate = call.rel(0);
    WandbTableScan scan = call.rel(call.rels.length - 1);
    ScanSpec spec = scan.spec();
    if (!scan.pushdown().counts() || aggregate.getGroupCount() != 0
        || aggregate.getGroupSets().size() != 1
        || aggregate.getAggCallList().isEmpty() || spec.isCount() || spec.order().isPresent()
        || spec.limitHint().isPresent() || spec.filter().map(f -> !f.exact()).orElse(false)) {
      return;
    }
    for (AggregateCall c : aggregate.getAggCallList()) {
      boolean countStar = c.getAggregation().getKind() == SqlKind.COUNT
          && c.getArgList().isEmpty() && !c.isDistinct() && c.filterArg < 0;
      if (!countStar) {
        return;
      }
    }
    call.transformTo(scan.withSpec(spec.asCount(aggregate.getRowType().getFieldNames())));
  }
}
