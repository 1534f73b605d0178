package io.github.wandbjdbc.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** The planner rules of the W&B convention. */
final class WandbRules {
  /** Hands a W&B scan to Calcite's enumerable engine. */
  static final ConverterRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
      .withConversion(RelNode.class, WandbRel.CONVENTION, EnumerableConvention.INSTANCE,
          "WandbToEnumerableConverterRule")
      .withRuleFactory(WandbToEnumerableConverterRule::new)
      .toRule(ConverterRule.class);

  private WandbRules() {}

  /** Adds the rules; with pushdown off only the converter, so that Calcite evaluates all. */
  static void register(RelOptPlanner planner, ScanSettings settings) {
    planner.addRule(TO_ENUMERABLE);
    if (settings.pushdown()) {
      planner.addRule(WandbProjectRule.INSTANCE);
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
