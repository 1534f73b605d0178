package io.github.wandbjdbc.calcite;

import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * The functions of {@link PostgresOrder} as Calcite operators, for the plans that
 * {@link PostgresSemantics} rewrites; never visible to SQL. Each returns NULL for NULL.
 */
final class PostgresFunctions {
  static final SqlOperator DOUBLE_ORDER =
      function("PG_ORDER", "doubleOrder", ReturnTypes.BIGINT_NULLABLE);
  static final SqlOperator DOUBLE_FROM_ORDER =
      function("PG_FROM_ORDER", "doubleFromOrder", ReturnTypes.DOUBLE_NULLABLE);
  static final SqlOperator ZERO_AS_ZERO =
      function("PG_ZERO", "zeroAsZero", ReturnTypes.DOUBLE_NULLABLE);
  static final SqlOperator TEXT_ORDER =
      function("PG_TEXT_ORDER", "textOrder", ReturnTypes.VARCHAR_NULLABLE);
  static final SqlOperator TEXT_FROM_ORDER =
      function("PG_TEXT_FROM_ORDER", "textFromOrder", ReturnTypes.VARCHAR_NULLABLE);
  static final SqlOperator CODE_POINT_LENGTH =
      function("CHAR_LENGTH", "codePointLength", ReturnTypes.INTEGER_NULLABLE);

  private PostgresFunctions() {}

  private static SqlOperator function(String name, String method,
      SqlReturnTypeInference returnType) {
    ScalarFunction implementation = ScalarFunctionImpl.create(PostgresOrder.class, method);
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION, returnType, InferTypes.FIRST_KNOWN, null, implementation);
  }
}
