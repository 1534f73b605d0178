package io.github.wandbjdbc.calcite;

import io.github.wandbjdbc.pushdown.TimestampText;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's SQL-to-expression conversion, except that text cast to TIMESTAMP — explicitly, or
 * where the statement compares a timestamp with a string — is read by {@link TimestampText},
 * which takes the ISO forms PostgreSQL takes ({@code T}, a zone).
 */
final class WandbConvertlets implements SqlRexConvertletTable {
  static final WandbConvertlets INSTANCE = new WandbConvertlets();

  private WandbConvertlets() {}

  @Override
  public SqlRexConvertlet get(SqlCall call) {
    if (call.getKind() == SqlKind.CAST && call.operandCount() >= 2) {
      return (cx, cast) -> {
        RelDataType target = cx.getValidator().getValidatedNodeType(cast);
        RelDataType source = cx.getValidator().getValidatedNodeType(cast.operand(0));
        if (target.getSqlTypeName() != SqlTypeName.TIMESTAMP || !SqlTypeUtil.inCharFamily(source)
            || cast.operandCount() > 2) {
          return standard(cast).convertCall(cx, cast);
        }
        RexBuilder rex = cx.getRexBuilder();
        RexNode parsed = rex.makeCall(TimestampText.OPERATOR, cx.convertExpression(cast.operand(0)));
        RelDataType type = rex.getTypeFactory().createTypeWithNullability(target,
            parsed.getType().isNullable());
        return parsed.getType().equals(type) ? parsed : rex.makeCast(type, parsed);
      };
    }
    return StandardConvertletTable.INSTANCE.get(call);
  }

  private static SqlRexConvertlet standard(SqlCall call) {
    return java.util.Objects.requireNonNull(StandardConvertletTable.INSTANCE.get(call));
  }
}
