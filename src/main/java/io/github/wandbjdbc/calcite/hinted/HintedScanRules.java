package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.calcite.common.RuleConfig;
import io.github.wandbjdbc.calcite.common.ScanSettings;
import io.github.wandbjdbc.pushdown.HintExtractor;
import io.github.wandbjdbc.pushdown.ScanHints;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.List;

/**
 * Planner rules of the {@link HintedTable}s: one folds the hints of a Filter into the scan below
 * it (the Filter stays, so results never depend on the hints), one makes the scan enumerable.
 */
final class HintedScanRules {

  static final ConverterRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
      .withConversion(HintedTableScan.class, Convention.NONE, EnumerableConvention.INSTANCE,
          "HintedScanToEnumerableRule")
      .withRuleFactory(ToEnumerable::new)
      .toRule(ConverterRule.class);

  private HintedScanRules() {}

  /**
   * With pushdown on, hints are folded and joins into a hinted table may run as batched
   * nested-loop joins, whose inner side then reads only the outer rows' keys (for example the
   * history of 100 runs at a time instead of every run's).
   */
  static void register(RelOptPlanner planner, ScanSettings settings) {
    planner.addRule(TO_ENUMERABLE);
    if (settings.pushdown()) {
      planner.addRule(FilterIntoScan.INSTANCE);
      planner.addRule(ProjectIntoScan.DIRECT);
      planner.addRule(ProjectIntoScan.THROUGH_FILTER);
      planner.addRule(HintedBatchJoinRule.INSTANCE);
    }
  }

  static final class ToEnumerable extends ConverterRule {
    ToEnumerable(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      HintedTableScan scan = (HintedTableScan) rel;
      return new EnumerableHintedScan(scan.getCluster(),
          scan.getTraitSet().replace(EnumerableConvention.INSTANCE), scan.getTable(),
          scan.hintedTable, scan.hints, scan.columns);
    }
  }

  /** {@code Filter(scan)} → {@code Filter(scan with the filter's hints)}. */
  static final class FilterIntoScan extends RelRule<RuleConfig> {
    static final FilterIntoScan INSTANCE = (FilterIntoScan) new RuleConfig(
        RelFactories.LOGICAL_BUILDER, "HintedFilterIntoScanRule",
        b0 -> b0.operand(Filter.class).predicate(f -> f.getConvention() == Convention.NONE)
            .oneInput(b1 -> b1.operand(HintedTableScan.class)
                .predicate(s -> s.getConvention() == Convention.NONE && s.hints.isEmpty())
                .noInputs()),
        FilterIntoScan::new).toRule();

    private FilterIntoScan(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      HintedTableScan scan = call.rel(1);
      ScanHints hints = HintExtractor.extract(filter.getCluster().getRexBuilder(),
          filter.getCondition(), scan.hintedTable.hintable());
      if (hints.isEmpty()) {
        return;
      }
      call.transformTo(filter.copy(filter.getTraitSet(), scan.withHints(hints),
          filter.getCondition()));
    }
  }

  /**
   * {@code Project(scan)} and {@code Project(Filter(scan))} → the same with a scan that fills only
   * the columns the Project and Filter use. The Project stays, so the row type does not change.
   */
  static final class ProjectIntoScan extends RelRule<RuleConfig> {
    static final ProjectIntoScan DIRECT = (ProjectIntoScan) new RuleConfig(
        RelFactories.LOGICAL_BUILDER, "HintedProjectIntoScanRule",
        b0 -> b0.operand(Project.class).predicate(p -> p.getConvention() == Convention.NONE)
            .oneInput(b1 -> b1.operand(HintedTableScan.class).predicate(ProjectIntoScan::narrowable)
                .noInputs()),
        ProjectIntoScan::new).toRule();

    static final ProjectIntoScan THROUGH_FILTER = (ProjectIntoScan) new RuleConfig(
        RelFactories.LOGICAL_BUILDER, "HintedProjectThroughFilterIntoScanRule",
        b0 -> b0.operand(Project.class).predicate(p -> p.getConvention() == Convention.NONE)
            .oneInput(b1 -> b1.operand(Filter.class).predicate(f -> f.getConvention() == Convention.NONE)
                .oneInput(b2 -> b2.operand(HintedTableScan.class)
                    .predicate(ProjectIntoScan::narrowable).noInputs())),
        ProjectIntoScan::new).toRule();

    private ProjectIntoScan(RuleConfig config) {
      super(config);
    }

    private static boolean narrowable(HintedTableScan scan) {
      return scan.getConvention() == Convention.NONE && scan.readsAllColumns();
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Project project = call.rel(0);
      boolean throughFilter = call.rels.length == 3;
      Filter filter = throughFilter ? call.rel(1) : null;
      HintedTableScan scan = call.rel(throughFilter ? 2 : 1);
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(),
          filter == null ? null : filter.getCondition());
      if (used.cardinality() == scan.getRowType().getFieldCount()) {
        return;
      }
      RelNode narrowed = scan.withColumns(used);
      if (filter != null) {
        narrowed = filter.copy(filter.getTraitSet(), narrowed, filter.getCondition());
      }
      call.transformTo(project.copy(project.getTraitSet(), List.of(narrowed)));
    }
  }
}
