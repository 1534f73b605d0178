package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.pushdown.ScanHints;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.util.ImmutableBitSet;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * A {@link HintedTableScan} in Calcite's enumerable engine. The generated code evaluates the hint
 * values — literals, {@code ?} parameters, and the outer rows' fields when the scan is the inner
 * side of a batched nested-loop join — and hands them to {@link HintedScanRuntime}.
 */
final class EnumerableHintedScan extends HintedTableScan implements EnumerableRel {
  private static final Method ROWS = Types.lookupMethod(HintedScanRuntime.class, "rows",
      DataContext.class, Object[].class);
  private static final Method VALUES = Types.lookupMethod(HintedScanRuntime.class, "values",
      DataContext.class, Object[].class);

  EnumerableHintedScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      HintedTable hintedTable, ScanHints hints, ImmutableBitSet columns) {
    super(cluster, traits, table, hintedTable, hints, columns);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableHintedScan(getCluster(), traitSet, getTable(), hintedTable, hints,
        columns);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    JavaTypeFactory typeFactory = implementor.getTypeFactory();
    // Calcite represents a one-column row as the bare value (SCALAR), wider rows as arrays.
    PhysType physType = PhysTypeImpl.of(typeFactory, getRowType(),
        pref.prefer(JavaRowFormat.ARRAY));
    BlockBuilder block = new BlockBuilder();
    Expression values = hintValues(implementor, typeFactory, block);
    Expression runtime = implementor.stash(new HintedScanRuntime(hintedTable, hints,
        readsAllColumns() ? Optional.empty() : Optional.of(columns)),
        HintedScanRuntime.class);
    Method method = physType.getFormat() == JavaRowFormat.SCALAR ? VALUES : ROWS;
    block.add(Expressions.return_(null,
        Expressions.call(runtime, method, DataContext.ROOT, values)));
    return implementor.result(physType, block.toBlock());
  }

  /** {@code new Object[] {v0, v1, …}}: the hint values, boxed, in ScanHints' order. */
  private Expression hintValues(EnumerableRelImplementor implementor, JavaTypeFactory typeFactory,
      BlockBuilder block) {
    List<RexNode> expressions = hints.valueExpressions();
    if (expressions.isEmpty()) {
      return Expressions.newArrayBounds(Object.class, 1, Expressions.constant(0));
    }
    RexProgramBuilder program = new RexProgramBuilder(typeFactory.builder().build(),
        getCluster().getRexBuilder());
    expressions.forEach(e -> program.addProject(e, null));
    List<Expression> translated = RexToLixTranslator.translateProjects(program.getProgram(),
        typeFactory, implementor.getConformance(), block, null, DataContext.ROOT,
        new RexToLixTranslator.InputGetterImpl(List.of()), implementor::getCorrelVariableGetter);
    return Expressions.newArrayInit(Object.class, translated.stream()
        .map(e -> Primitive.is(e.getType()) ? Expressions.box(e) : e).toList());
  }
}
