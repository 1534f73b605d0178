package io.github.wandbjdbc.calcite.common;

import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.columns.RunAttribute;
import io.github.wandbjdbc.columns.RunColumn;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.List;

/** Calcite types of W&B columns. */
public final class SqlTypes {
  /** Millisecond precision, what W&B's timestamps carry into Calcite's internal long. */
  private static final int TIMESTAMP_PRECISION = 3;

  private SqlTypes() {}

  public static RelDataType rowType(RelDataTypeFactory factory, List<RunColumn> columns) {
    RelDataTypeFactory.Builder builder = factory.builder();
    for (RunColumn c : columns) {
      boolean nullable = !(c instanceof RunColumn.Attribute a && a.attribute() == RunAttribute.RUN_ID);
      builder.add(c.name(), factory.createTypeWithNullability(type(factory, c.type()), nullable));
    }
    return builder.build();
  }

  public static RelDataType type(RelDataTypeFactory factory, ColumnType type) {
    return switch (type) {
      case VARCHAR, JSON, MIXED -> factory.createSqlType(SqlTypeName.VARCHAR);
      case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
      case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
      case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
      case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, TIMESTAMP_PRECISION);
      case VARCHAR_ARRAY -> factory.createArrayType(
          factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.VARCHAR), false), -1);
    };
  }
}
