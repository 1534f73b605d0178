package io.github.wandbjdbc.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The building blocks that the rewrites of {@link PostgresSemantics} share: projections that
 * append key columns and drop them again, −0.0 as 0.0, and order keys turned back into values.
 * Apart so that sorts, aggregates, windows and joins build their plans alike.
 */
final class PostgresRels {
  /** The name of an appended key column. */
  private static final String KEY_NAME = "$pg_key";

  private PostgresRels() {}

  /** An order key of MIN or MAX turned back into the value, of {@code valueType}. */
  static RexNode fromOrderKey(RexNode key, RelDataType valueType, RexBuilder rex) {
    RexNode value = PostgresComparisons.isFloatingPoint(valueType)
        ? rex.makeCall(PostgresFunctions.DOUBLE_FROM_ORDER, key)
        : rex.makeCall(PostgresFunctions.TEXT_FROM_ORDER, key);
    return retype(value, valueType, rex);
  }

  /** {@code input} with the chosen floating-point fields' −0.0 as 0.0, types unchanged. */
  static RelNode zeroAsZero(RelNode input, IntPredicate chosen, RexBuilder rex) {
    List<RexNode> exprs = new ArrayList<>();
    int n = input.getRowType().getFieldCount();
    for (int i = 0; i < n; i++) {
      RexNode ref = rex.makeInputRef(input, i);
      exprs.add(chosen.test(i) ? zeroAsZero(ref, rex) : ref);
    }
    return project(input, exprs, input.getRowType().getFieldNames(), rex);
  }

  static RexNode zeroAsZero(RexNode ref, RexBuilder rex) {
    RelDataType type = ref.getType();
    RexNode asDouble = type.getSqlTypeName() == SqlTypeName.DOUBLE
        ? ref : rex.makeCast(rex.getTypeFactory().createTypeWithNullability(
            rex.getTypeFactory().createSqlType(SqlTypeName.DOUBLE),
            type.isNullable()), ref);
    return retype(rex.makeCall(PostgresFunctions.ZERO_AS_ZERO, asDouble), type, rex);
  }

  private static RexNode retype(RexNode node, RelDataType type, RexBuilder rex) {
    return node.getType().equals(type) ? node : rex.makeAbstractCast(type, node, false);
  }

  /** {@code exprs} over {@code input}, the columns beyond the input's named as keys. */
  static RelNode project(RelNode input, List<RexNode> exprs, RexBuilder rex) {
    List<String> names = new ArrayList<>(input.getRowType().getFieldNames());
    while (names.size() < exprs.size()) {
      names.add(KEY_NAME);
    }
    return project(input, exprs, names, rex);
  }

  static RelNode project(RelNode input, List<RexNode> exprs, List<String> names,
      RexBuilder rex) {
    return EnumerableCalc.create(input, RexProgram.create(input.getRowType(), exprs, null,
        SqlValidatorUtil.uniquify(names, false), rex));
  }

  /** The first {@code count} fields of {@code rel}. */
  static RelNode firstFields(RelNode rel, int count, RexBuilder rex) {
    List<RexNode> exprs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      exprs.add(rex.makeInputRef(rel, i));
    }
    return project(rel, exprs, rel.getRowType().getFieldNames().subList(0, count), rex);
  }
}
