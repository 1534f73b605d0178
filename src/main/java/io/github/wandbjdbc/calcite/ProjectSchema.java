package io.github.wandbjdbc.calcite;

import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.calcite.hinted.ArtifactsTable;
import io.github.wandbjdbc.calcite.hinted.FilesTable;
import io.github.wandbjdbc.calcite.hinted.HistoryTable;
import io.github.wandbjdbc.calcite.hinted.LineageTable;
import io.github.wandbjdbc.calcite.hinted.ProjectsTable;
import io.github.wandbjdbc.calcite.hinted.SweepsTable;
import io.github.wandbjdbc.calcite.hinted.SystemMetricsTable;
import io.github.wandbjdbc.calcite.runs.RunsTable;
import io.github.wandbjdbc.model.ProjectNode;

import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tables of one W&B project. Listing them costs no request; columns are read on first use. */
public final class ProjectSchema extends AbstractSchema {
  private final Map<String, Table> tables;

  ProjectSchema(WandbSession session, ProjectNode project) {
    String entity = project.entityName() == null ? session.entity() : project.entityName();
    String name = project.name();
    Map<String, Table> t = new LinkedHashMap<>();
    t.put("runs", new RunsTable(session, entity, name));
    t.put("history", new HistoryTable(session, entity, name));
    t.put("system_metrics", new SystemMetricsTable(session, entity, name));
    t.put("files", new FilesTable(session, entity, name));
    t.put("artifacts", new ArtifactsTable(session, entity, name));
    t.put("lineage", new LineageTable(session, entity, name));
    t.put("sweeps", new SweepsTable(session, entity, name));
    t.put("projects", new ProjectsTable(session));
    this.tables = Collections.unmodifiableMap(t);
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  @Override
  public boolean isMutable() {
    return false;
  }
}
