package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.calcite.common.DescribedTable;
import io.github.wandbjdbc.calcite.common.SqlTypes;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.pushdown.HintKind;
import io.github.wandbjdbc.pushdown.ResolvedHints;
import io.github.wandbjdbc.pushdown.ScanHints;

import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table whose scan narrows what it reads with {@link ScanHints} found in the query's filter
 * (run ids, step windows, name patterns, artifact types), while Calcite still evaluates the whole
 * filter on the rows. Used by every table except {@code runs}, whose filters W&B evaluates.
 */
abstract class HintedTable extends AbstractTable implements TranslatableTable, DescribedTable {

  /** The columns, in order; may cost a request the first time (dynamic columns). */
  abstract List<TableColumn> columns();

  /** The connection's session: client and settings. */
  abstract WandbSession session();

  /** Column index → the hint it accepts; none unless a table says so. */
  Map<Integer, HintKind> hintable() {
    return Map.of();
  }

  /** The rows of one execution, read lazily; nothing is fetched before the first row is wanted. */
  abstract Enumerator<Object[]> rows(ResolvedHints hints, CallControl control);

  /** Rows the planner should expect from a scan with these hints. */
  abstract double estimateRowCount(ScanHints hints);

  /** Requests a scan with these hints should expect to send; by default one per page of 50. */
  double estimateRequests(ScanHints hints) {
    return 1 + estimateRowCount(hints) / 50;
  }

  /**
   * How a scan reading {@code columns} gets its rows, where the source decides (history: W&B's
   * parquet exports or GraphQL windows), for EXPLAIN; empty where there is one way.
   */
  Optional<String> readPath(ImmutableBitSet columns) {
    return Optional.empty();
  }

  List<String> columnNames() {
    return columns().stream().map(TableColumn::name).toList();
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder builder = factory.builder();
    for (TableColumn c : columns()) {
      builder.add(c.name(), factory.createTypeWithNullability(SqlTypes.type(factory, c.type()),
          c.nullable()));
    }
    return builder.build();
  }

  @Override
  public Statistic getStatistic() {
    return Statistics.of(estimateRowCount(ScanHints.NONE), List.of());
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    var cluster = context.getCluster();
    return new HintedTableScan(cluster, cluster.traitSetOf(Convention.NONE), relOptTable, this,
        ScanHints.NONE, ImmutableBitSet.range(relOptTable.getRowType().getFieldCount()));
  }

  @Override
  public Optional<String> columnRemarks(String columnName) {
    return columns().stream().filter(c -> c.name().equals(columnName)).findFirst()
        .map(TableColumn::remarks);
  }

  static boolean isTimestamp(RelDataType type) {
    return type.getSqlTypeName() == SqlTypeName.TIMESTAMP;
  }
}
