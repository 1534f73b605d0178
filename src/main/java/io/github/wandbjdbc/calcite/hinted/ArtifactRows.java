package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.model.ArtifactNode;

import java.time.Instant;
import java.util.List;

/** The columns that describe an artifact version, shared by {@code artifacts} and {@code lineage}. */
final class ArtifactRows {
  static final List<TableColumn> VERSION_COLUMNS = List.of(
      TableColumn.required("artifact_id", ColumnType.VARCHAR, "W&B's id of the artifact version."),
      TableColumn.fixed("type", ColumnType.VARCHAR, "Artifact type, e.g. dataset or model."),
      TableColumn.fixed("collection", ColumnType.VARCHAR, "The collection (artifact name) the version belongs to."),
      TableColumn.fixed("version", ColumnType.VARCHAR, "v<N>."),
      TableColumn.fixed("version_index", ColumnType.BIGINT, "N of v<N>."));
  static final List<TableColumn> DETAIL_COLUMNS = List.of(
      TableColumn.fixed("aliases", ColumnType.VARCHAR_ARRAY, "Aliases, e.g. latest, v3, production."),
      TableColumn.fixed("tags", ColumnType.VARCHAR_ARRAY, "Tags of the version."),
      TableColumn.fixed("digest", ColumnType.VARCHAR, "Content digest."),
      TableColumn.fixed("size_bytes", ColumnType.BIGINT, "Total size in bytes."),
      TableColumn.fixed("file_count", ColumnType.BIGINT, "Number of files."),
      TableColumn.fixed("state", ColumnType.VARCHAR, "PENDING, COMMITTED or DELETED."),
      TableColumn.fixed("created_at", ColumnType.TIMESTAMP, "Creation time, UTC."),
      TableColumn.fixed("updated_at", ColumnType.TIMESTAMP, "Last update, UTC."),
      TableColumn.fixed("description", ColumnType.VARCHAR, "Description."),
      TableColumn.fixed("metadata", ColumnType.JSON, "Metadata object as JSON."),
      TableColumn.fixed("logged_by_run_id", ColumnType.VARCHAR, "The run that logged it; NULL when a user created it."));

  private ArtifactRows() {}

  static Object[] version(ArtifactNode a) {
    return new Object[] {a.id(), a.type(), a.collection(), a.version(),
        a.versionIndex() == null ? null : a.versionIndex().longValue()};
  }

  static Object[] details(ArtifactNode a) {
    return new Object[] {a.aliases(), a.tags(), a.digest(), a.sizeBytes(), a.fileCount(), a.state(),
        millis(a.createdAt()), millis(a.updatedAt()), a.description(), a.metadata(), a.loggedByRun()};
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
