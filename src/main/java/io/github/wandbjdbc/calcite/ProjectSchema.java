package io.github.wandbjdbc.calcite;

import io.github.wandbjdbc.model.ProjectNode;

import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.Map;

/** The tables of one W&B project. Listing them costs no request. */
public final class ProjectSchema extends AbstractSchema {
  private final Map<String, Table> tables;

  ProjectSchema(WandbSession session, ProjectNode project) {
    this.tables = Map.of("runs", new RunsTable(session, project.entityName() == null
        ? session.entity() : project.entityName(), project.name()));
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
