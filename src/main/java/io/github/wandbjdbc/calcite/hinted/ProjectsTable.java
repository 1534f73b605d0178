package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.calcite.common.IteratorEnumerator;
import io.github.wandbjdbc.calcite.common.MappedIterator;
import io.github.wandbjdbc.calcite.common.PagedIterator;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.model.ProjectNode;
import io.github.wandbjdbc.pushdown.ResolvedHints;
import io.github.wandbjdbc.pushdown.ScanHints;

import org.apache.calcite.linq4j.Enumerator;

import java.util.Iterator;
import java.util.List;

/**
 * {@code projects}: the projects of the connection's entity, the same list in every project
 * schema so that any connection reaches it. Each is also a schema of its own.
 */
public final class ProjectsTable extends HintedTable {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.required("project", ColumnType.VARCHAR, "The project's name, also its schema name."),
      TableColumn.fixed("entity", ColumnType.VARCHAR, "The entity (user or team) owning it."),
      TableColumn.fixed("created_at", ColumnType.TIMESTAMP, "Creation time, UTC."));
  private static final int PAGE = 100;

  private final WandbSession session;

  public ProjectsTable(WandbSession session) {
    this.session = session;
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
    return 50;
  }

  @Override
  Enumerator<Object[]> rows(ResolvedHints hints, CallControl control) {
    String entity = session.entity();
    Iterator<ProjectNode> projects = new PagedIterator<>(cursor ->
        session.source().projects(entity, cursor, PAGE, control));
    return new IteratorEnumerator(new MappedIterator<>(projects, p -> new Object[] {p.name(),
        p.entityName() == null ? entity : p.entityName(),
        p.createdAt() == null ? null : p.createdAt().toEpochMilli()}));
  }

  @Override
  public String tableRemarks() {
    return "Projects of W&B entity " + session.entity() + ".";
  }
}
