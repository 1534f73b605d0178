package io.github.wandbjdbc.calcite.hinted;

import org.apache.calcite.adapter.enumerable.EnumerableBatchNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.WandbEnumUtils;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMdCollation;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.util.BuiltInMethod;
import org.apache.calcite.util.ImmutableBitSet;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;

/**
 * Calcite's batched nested-loop join, but matching each batch's inner rows to its outer rows by
 * a hash of the equi-join keys ({@link BatchHashJoin}) rather than by the predicate over every
 * pair: the same rows in the same order, in time linear in the rows. Used when every key pair is
 * of character type, where SQL equality is Java's {@code equals} (run and artifact ids); other
 * joins run as Calcite plans them.
 */
final class HashedBatchJoin extends EnumerableBatchNestedLoopJoin {
  private static final Method JOIN = Types.lookupMethod(BatchHashJoin.class, "join",
      org.apache.calcite.linq4j.JoinType.class, org.apache.calcite.linq4j.Enumerable.class,
      org.apache.calcite.linq4j.function.Function1.class,
      org.apache.calcite.linq4j.function.Function1.class,
      org.apache.calcite.linq4j.function.Function1.class,
      org.apache.calcite.linq4j.function.Function2.class,
      org.apache.calcite.linq4j.function.Predicate2.class, int.class);

  private final ImmutableBitSet required;

  private HashedBatchJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right,
      RexNode condition, Set<CorrelationId> variables, ImmutableBitSet required,
      JoinRelType joinType) {
    super(cluster, traits, left, right, condition, variables, required, joinType);
    this.required = required;
  }

  /** This join, or Calcite's when its keys are not all of character type. */
  static EnumerableBatchNestedLoopJoin of(RelNode left, RelNode right, RexNode condition,
      ImmutableBitSet required, Set<CorrelationId> variables, JoinRelType joinType) {
    EnumerableBatchNestedLoopJoin calcites = EnumerableBatchNestedLoopJoin.create(left, right,
        condition, required, variables, joinType);
    if (!hashable(calcites)) {
      return calcites;
    }
    RelOptCluster cluster = left.getCluster();
    RelTraitSet traits = cluster.traitSetOf(EnumerableConvention.INSTANCE)
        .replaceIfs(RelCollationTraitDef.INSTANCE, () -> RelMdCollation
            .enumerableBatchNestedLoopJoin(cluster.getMetadataQuery(), left, right, joinType));
    return new HashedBatchJoin(cluster, traits, left, right, condition, variables, required,
        joinType);
  }

  private static boolean hashable(EnumerableBatchNestedLoopJoin join) {
    JoinInfo info = join.analyzeCondition();
    if (info.leftKeys.isEmpty()) {
      return false;
    }
    for (int i = 0; i < info.leftKeys.size(); i++) {
      if (!isCharacter(join.getLeft(), info.leftKeys.get(i))
          || !isCharacter(join.getRight(), info.rightKeys.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCharacter(RelNode input, int field) {
    return SqlTypeFamily.CHARACTER.contains(input.getRowType().getFieldList().get(field).getType());
  }

  @Override
  public HashedBatchJoin copy(RelTraitSet traitSet, RexNode condition, RelNode left,
      RelNode right, JoinRelType joinType, boolean semiJoinDone) {
    return new HashedBatchJoin(getCluster(), traitSet, left, right, condition, variablesSet,
        required, joinType);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result outer = implementor.visitChild(this, 0, (EnumerableRel) left, pref);
    Type outerRow = outer.physType.getJavaRowType();
    if (Primitive.is(outerRow)) {
      return super.implement(implementor, pref);
    }
    Expression outerRows = builder.append("left", outer.block);

    // The inner side reads the batch's outer rows as correlation variables, one per list item.
    ParameterExpression batch = Expressions.parameter(Modifier.FINAL, List.class,
        "batch" + Integer.toUnsignedString(getId()));
    BlockBuilder innerBlock = new BlockBuilder();
    int c = 0;
    for (CorrelationId id : variablesSet) {
      ParameterExpression row = Expressions.parameter(Modifier.FINAL, outerRow, id.getName());
      innerBlock.add(Expressions.declare(Modifier.FINAL, row, Expressions.convert_(
          Expressions.call(batch, BuiltInMethod.LIST_GET.method, Expressions.constant(c++)),
          outerRow)));
      implementor.registerCorrelVariable(id.getName(), row, innerBlock, outer.physType);
    }
    Result inner = implementor.visitChild(this, 1, (EnumerableRel) right, pref);
    innerBlock.add(inner.block);
    variablesSet.forEach(id -> implementor.clearCorrelVariable(id.getName()));

    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.prefer(JavaRowFormat.CUSTOM));
    JoinInfo info = analyzeCondition();
    builder.append(Expressions.call(JOIN,
        Expressions.constant(WandbEnumUtils.joinType(joinType)),
        outerRows,
        Expressions.lambda(innerBlock.toBlock(), batch),
        outer.physType.generateAccessor(info.leftKeys),
        inner.physType.generateAccessor(info.rightKeys),
        WandbEnumUtils.joinSelector(joinType, physType, List.of(outer.physType, inner.physType)),
        WandbEnumUtils.joinPredicate(implementor, getCluster().getRexBuilder(), left, right,
            outer.physType, inner.physType, condition),
        Expressions.constant(variablesSet.size())));
    return implementor.result(physType, builder.toBlock());
  }
}
