package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.ScanSettings;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** The planner rules of the W&B convention. */
final class WandbRules {
  /**
   * Makes the logical scan a W&B one. The scan stays logical (convention NONE) while rules fold
   * Filters, Sorts and Aggregates into it: Volcano matches a rule's child operand only among
   * nodes of the parent's input convention, so a folded scan must be logical for the logical
   * nodes above it to see it.
   */
  static final ConverterRule SCAN_TO_WANDB = ConverterRule.Config.INSTANCE
      .withConversion(WandbTableScan.class, Convention.NONE, WandbRel.CONVENTION,
          "WandbScanRule")
      .withRuleFactory(WandbScanRule::new)
      .toRule(ConverterRule.class);

  /** Hands a W&B scan to Calcite's enumerable engine. */
  static final ConverterRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
      .withConversion(RelNode.class, WandbRel.CONVENTION, EnumerableConvention.INSTANCE,
          "WandbToEnumerableConverterRule")
      .withRuleFactory(WandbToEnumerableConverterRule::new)
      .toRule(ConverterRule.class);

  private WandbRules() {}

  /** Adds the rules; with pushdown off only the converter, so that Calcite evaluates all. */
  static void register(RelOptPlanner planner, ScanSettings settings) {
    planner.addRule(SCAN_TO_WANDB);
    planner.addRule(TO_ENUMERABLE);
    if (settings.pushdown()) {
      planner.addRule(WandbProjectRule.INSTANCE);
      planner.addRule(WandbFilterRule.INSTANCE);
      planner.addRule(WandbSortRule.ON_SCAN);
      planner.addRule(WandbSortRule.ON_FILTER);
      planner.addRule(WandbCountRule.ON_SCAN);
      planner.addRule(WandbCountRule.ON_PROJECT);
    }
  }

  /** Copies a logical {@link WandbTableScan} into the W&B convention. */
  static final class WandbScanRule extends ConverterRule {
    WandbScanRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return rel.copy(rel.getTraitSet().replace(WandbRel.CONVENTION), rel.getInputs());
    }
  }

  /** Converts any {@link WandbRel} into a {@link WandbToEnumerableConverter}. */
  static final class WandbToEnumerableConverterRule extends ConverterRule {
    WandbToEnumerableConverterRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return new WandbToEnumerableConverter(rel.getCluster(),
          rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel);
    }
  }
}
