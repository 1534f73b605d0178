package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.DescribedTable;
import io.github.wandbjdbc.calcite.common.Once;
import io.github.wandbjdbc.calcite.common.PlanningControl;
import io.github.wandbjdbc.calcite.common.SqlTypes;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.columns.RunAttribute;
import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code runs} table of one project: the fixed run columns plus typed config and summary
 * columns discovered, on first use, from one page of the most recent runs.
 */
public final class RunsTable extends AbstractTable implements TranslatableTable, DescribedTable {
  private final WandbSession session;
  private final String entity;
  private final String project;
  private final Once<List<RunColumn>> columns = new Once<>(this::discoverColumns);
  private volatile OptionalLong rowCount = OptionalLong.empty();

  public RunsTable(WandbSession session, String entity, String project) {
    this.session = session;
    this.entity = entity;
    this.project = project;
  }

  public String entity() {
    return entity;
  }

  public String project() {
    return project;
  }

  WandbSession session() {
    return session;
  }

  /** All columns; the first call reads the sample (one request). */
  public List<RunColumn> columns() {
    return columns.get();
  }

  private List<RunColumn> discoverColumns() {
    List<RunColumn> all = new ArrayList<>();
    for (RunAttribute a : RunAttribute.values()) {
      all.add(new RunColumn.Attribute(a));
    }
    RunSelection documents = new RunSelection(Set.of(), KeySelection.ALL, KeySelection.ALL);
    // Newest first: the keys people log now are the ones they query.
    RunsQuery sample = new RunsQuery(entity, project, "{}", "-created_at",
        session.settings().columnSampleSize(), null, documents, true);
    Page<RunNode> page = session.source().columnSample(sample, PlanningControl.current());
    rowCount = page.total();
    all.addAll(ColumnDiscovery.discover(page.items()));
    return List.copyOf(all);
  }

  /** The number of runs, as of the column sample. */
  public OptionalLong rowCount() {
    columns();
    return rowCount;
  }

  @Override
  public Statistic getStatistic() {
    OptionalLong count = rowCount();
    return count.isPresent() ? Statistics.of(count.getAsLong(), List.of()) : Statistics.UNKNOWN;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return SqlTypes.rowType(typeFactory, columns());
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    var cluster = context.getCluster();
    // A logical scan while the rules fold the query into it (see WandbRules), then a W&B one.
    return new WandbTableScan(cluster, cluster.traitSetOf(Convention.NONE), relOptTable, this,
        ScanSpec.of(columns(), session.settings().pageSize()));
  }

  @Override
  public String tableRemarks() {
    return "Runs of W&B project " + entity + "/" + project + ", one row per run.";
  }

  @Override
  public Optional<String> columnRemarks(String columnName) {
    return columns().stream().filter(c -> c.name().equals(columnName)).findFirst()
        .map(RunColumn::remarks);
  }
}
