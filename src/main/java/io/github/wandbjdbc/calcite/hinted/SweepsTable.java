package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.calcite.common.IteratorEnumerator;
import io.github.wandbjdbc.calcite.common.MappedIterator;
import io.github.wandbjdbc.calcite.common.PagedIterator;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.model.SweepNode;
import io.github.wandbjdbc.pushdown.ResolvedHints;
import io.github.wandbjdbc.pushdown.ScanHints;

import org.apache.calcite.linq4j.Enumerator;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/** {@code sweeps}: the sweeps of a project; {@code runs.sweep_id} joins to {@code sweep_id}. */
public final class SweepsTable extends HintedTable {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.required("sweep_id", ColumnType.VARCHAR, "The sweep's id (runs.sweep_id)."),
      TableColumn.fixed("display_name", ColumnType.VARCHAR, "Human-readable name."),
      TableColumn.fixed("sweep_method", ColumnType.VARCHAR, "Search method: grid, random or bayes (W&B's method; METHOD is reserved in SQL)."),
      TableColumn.fixed("state", ColumnType.VARCHAR, "RUNNING, FINISHED, …"),
      TableColumn.fixed("description", ColumnType.VARCHAR, "Description."),
      TableColumn.fixed("best_loss", ColumnType.DOUBLE, "Best value of the sweep's metric so far."),
      TableColumn.fixed("config", ColumnType.JSON, "The sweep configuration, as JSON."),
      TableColumn.fixed("run_count", ColumnType.BIGINT, "Runs in the sweep."),
      TableColumn.fixed("run_count_expected", ColumnType.BIGINT, "Runs the sweep plans, when known."),
      TableColumn.fixed("created_at", ColumnType.TIMESTAMP, "Creation time, UTC."),
      TableColumn.fixed("updated_at", ColumnType.TIMESTAMP, "Last update, UTC."));
  private static final int PAGE = 50;

  private final WandbSession session;
  private final String entity;
  private final String project;

  public SweepsTable(WandbSession session, String entity, String project) {
    this.session = session;
    this.entity = entity;
    this.project = project;
  }

  @Override
  WandbSession session() {
    return session;
  }

  @Override
  List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  double estimateRowCount(ScanHints hints) {
    return 20;
  }

  @Override
  Enumerator<Object[]> rows(ResolvedHints hints, CallControl control) {
    Iterator<SweepNode> sweeps = new PagedIterator<>(cursor ->
        session.source().sweeps(entity, project, cursor, PAGE, control));
    return new IteratorEnumerator(new MappedIterator<>(sweeps, s -> new Object[] {s.name(),
        s.displayName(), s.method(), s.state(), s.description(), s.bestLoss(), s.config(),
        s.runCount(), s.runCountExpected(), millis(s.createdAt()), millis(s.updatedAt())}));
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  @Override
  public String tableRemarks() {
    return "Sweeps of W&B project " + entity + "/" + project + ".";
  }
}
