package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.calcite.common.DescribedTable;

import org.apache.calcite.avatica.MetaImpl.MetaTable;
import org.apache.calcite.jdbc.CalciteMetaImpl.CalciteMetaTable;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.schema.Table;

/** Gives {@code DatabaseMetaData.getTables} a REMARKS text per table. */
public final class WandbMetaTableFactory implements CalciteMetaTableFactory {
  public WandbMetaTableFactory() {}

  @Override
  public MetaTable createTable(Table table, String tableCat, String tableSchem, String tableName) {
    return new DescribedMetaTable(table, tableCat, tableSchem, tableName,
        table instanceof DescribedTable d ? d.tableRemarks() : null);
  }

  @Override
  public Class<? extends MetaTable> getMetaTableClass() {
    return DescribedMetaTable.class;
  }

  /** A table row with REMARKS. */
  public static final class DescribedMetaTable extends CalciteMetaTable {
    /** Hides {@code MetaTable.remarks}, which is always null. */
    public final String remarks;

    DescribedMetaTable(Table table, String tableCat, String tableSchem, String tableName,
        String remarks) {
      super(table, tableCat, tableSchem, tableName);
      this.remarks = remarks;
    }
  }
}
