package org.apache.calcite.adapter.enumerable;

import org.apache.calcite.linq4j.JoinType;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

import java.util.List;

/**
 * wandb-jdbc's window on the code generation helpers Calcite's own joins use. There is no public
 * way to them: {@code EnumUtils.toLinq4jJoinType}, {@code joinSelector} and
 * {@code generatePredicate} are package-private in Calcite (1.42), and the alternative is a copy
 * of their code generation that would drift from Calcite's. Living in Calcite's package
 * (relocated with it in the driver jar) lets {@code io.github.wandbjdbc.calcite.hinted.HashedBatchJoin}
 * generate its result rows and join predicate exactly as Calcite's batched join does.
 */
public final class WandbEnumUtils {
  private WandbEnumUtils() {}

  public static JoinType joinType(JoinRelType type) {
    return EnumUtils.toLinq4jJoinType(type);
  }

  public static Expression joinSelector(JoinRelType type, PhysType physType,
      List<PhysType> inputs) {
    return EnumUtils.joinSelector(type, physType, inputs);
  }

  public static Expression joinPredicate(EnumerableRelImplementor implementor,
      RexBuilder rexBuilder, RelNode left, RelNode right, PhysType leftType, PhysType rightType,
      RexNode condition) {
    return EnumUtils.generatePredicate(implementor, rexBuilder, left, right, leftType, rightType,
        condition);
  }
}
