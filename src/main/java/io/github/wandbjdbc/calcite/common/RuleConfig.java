package io.github.wandbjdbc.calcite.common;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.tools.RelBuilderFactory;

import java.util.function.Function;

/**
 * A {@link RelRule.Config} written out by hand: Calcite generates these with the Immutables
 * annotation processor, which this project does not need for a handful of rules.
 *
 * @param relBuilderFactory builder factory used by the rule
 * @param description the rule's description (unique per planner)
 * @param operandSupplier the rule's operands
 * @param factory creates the rule from this config
 */
public record RuleConfig(RelBuilderFactory relBuilderFactory, String description,
    RelRule.OperandTransform operandSupplier, Function<RuleConfig, RelOptRule> factory)
    implements RelRule.Config {

  @Override
  public RelOptRule toRule() {
    return factory.apply(this);
  }

  @Override
  public RuleConfig withRelBuilderFactory(RelBuilderFactory f) {
    return new RuleConfig(f, description, operandSupplier, factory);
  }

  @Override
  public RuleConfig withDescription(String d) {
    return new RuleConfig(relBuilderFactory, d, operandSupplier, factory);
  }

  @Override
  public RuleConfig withOperandSupplier(RelRule.OperandTransform t) {
    return new RuleConfig(relBuilderFactory, description, t, factory);
  }
}
