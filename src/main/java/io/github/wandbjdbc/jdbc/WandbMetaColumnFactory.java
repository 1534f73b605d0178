package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.calcite.common.DescribedTable;

import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.schema.Table;

/**
 * Gives {@code DatabaseMetaData.getColumns} a REMARKS text per column (Calcite leaves it null),
 * so that DBeaver and BI tools show what each W&B column holds.
 */
public final class WandbMetaColumnFactory implements CalciteMetaColumnFactory {
  public WandbMetaColumnFactory() {}

  @Override
  public MetaColumn createColumn(Table table, String tableCat, String tableSchem,
      String tableName, String columnName, int dataType, String typeName, Integer columnSize,
      Integer decimalDigits, int numPrecRadix, int nullable, Integer charOctetLength,
      int ordinalPosition, String isNullable) {
    String remarks = table instanceof DescribedTable d
        ? d.columnRemarks(columnName).orElse(null) : null;
    return new DescribedColumn(tableCat, tableSchem, tableName, columnName, dataType, typeName,
        columnSize, decimalDigits, numPrecRadix, nullable, charOctetLength, ordinalPosition,
        isNullable, remarks);
  }

  @Override
  public Class<? extends MetaColumn> getMetaColumnClass() {
    return DescribedColumn.class;
  }

  /** A column row with REMARKS; Calcite reads rows field by field, by JDBC column name. */
  public static final class DescribedColumn extends MetaColumn {
    /** Hides {@code MetaColumn.remarks}, which is always null. */
    public final String remarks;

    DescribedColumn(String tableCat, String tableSchem, String tableName, String columnName,
        int dataType, String typeName, Integer columnSize, Integer decimalDigits,
        int numPrecRadix, int nullable, Integer charOctetLength, int ordinalPosition,
        String isNullable, String remarks) {
      super(tableCat, tableSchem, tableName, columnName, dataType, typeName, columnSize,
          decimalDigits, numPrecRadix, nullable, charOctetLength, ordinalPosition, isNullable);
      this.remarks = remarks;
    }
  }
}
