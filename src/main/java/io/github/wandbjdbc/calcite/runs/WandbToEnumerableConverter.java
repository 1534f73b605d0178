package io.github.wandbjdbc.calcite.runs;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Runs a W&B scan inside Calcite's enumerable engine: the generated code fetches the
 * {@link RunsScan} built at planning time from the data context and asks it for rows.
 */
final class WandbToEnumerableConverter extends ConverterImpl implements EnumerableRel {
  private static final Method ROWS = Types.lookupMethod(RunsScan.class, "rows", DataContext.class);
  private static final Method VALUES =
      Types.lookupMethod(RunsScan.class, "values", DataContext.class);

  WandbToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new WandbToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return super.computeSelfCost(planner, mq).multiplyBy(0.1);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    WandbTableScan scan = (WandbTableScan) getInput();
    // Calcite represents a one-column row as the bare value (SCALAR), wider rows as arrays.
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.prefer(JavaRowFormat.ARRAY));
    Method method = physType.getFormat() == JavaRowFormat.SCALAR ? VALUES : ROWS;
    Expression runsScan = implementor.stash(scan.toScan(), RunsScan.class);
    BlockBuilder block = new BlockBuilder();
    block.add(Expressions.return_(null, Expressions.call(runsScan, method, DataContext.ROOT)));
    return implementor.result(physType, block.toBlock());
  }
}
