package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.RuleConfig;
import io.github.wandbjdbc.columns.RunAttribute;
import io.github.wandbjdbc.columns.RunColumn;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds the columns a {@code Project} uses into the scan below it, so that W&B is asked for those
 * fields only. The projection's expressions stay in Calcite, rewritten onto the narrower scan.
 */
final class WandbProjectRule extends RelRule<RuleConfig> {
  static final WandbProjectRule INSTANCE = (WandbProjectRule) new RuleConfig(
      RelFactories.LOGICAL_BUILDER, "WandbProjectRule",
      b0 -> b0.operand(LogicalProject.class).oneInput(
          b1 -> b1.operand(WandbTableScan.class).predicate(WandbTableScan::isLogical).noInputs()),
      WandbProjectRule::new).toRule();

  private WandbProjectRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalProject project = call.rel(0);
    WandbTableScan scan = call.rel(1);
    if (scan.spec().isCount() || scan.spec().order().isPresent()) {
      // A count has no columns to narrow; an ordered scan keeps its sort key, which it needs.
      return;
    }
    List<RunColumn> columns = scan.spec().columns();
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
    List<Integer> kept = new ArrayList<>(used.asList());
    if (kept.isEmpty()) {
      // COUNT(*) and constants still need one row per run: the id is always fetched anyway.
      kept.add(indexOfRunId(columns));
    }
    if (kept.size() == columns.size()) {
      return;
    }
    List<RunColumn> narrowed = new ArrayList<>();
    kept.forEach(i -> narrowed.add(columns.get(i)));
    Mappings.TargetMapping mapping = Mappings.target(kept, columns.size());
    List<RexNode> rewritten = RexPermuteInputsShuttle.of(mapping).visitList(project.getProjects());
    call.transformTo(call.builder()
        .push(scan.withSpec(scan.spec().withColumns(narrowed)))
        .project(rewritten, project.getRowType().getFieldNames())
        .build());
  }

  private static int indexOfRunId(List<RunColumn> columns) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i) instanceof RunColumn.Attribute a && a.attribute() == RunAttribute.RUN_ID) {
        return i;
      }
    }
    return 0;
  }
}
