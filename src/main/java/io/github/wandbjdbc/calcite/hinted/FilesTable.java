package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.calcite.common.MappedIterator;
import io.github.wandbjdbc.calcite.common.PagedIterator;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.model.FileNode;
import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.pushdown.HintKind;
import io.github.wandbjdbc.pushdown.ResolvedHints;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code files}: the files of each run. {@code name = 'x'} and {@code name LIKE 'p'} reach W&B as
 * its {@code pattern} argument (MySQL LIKE); {@code names} is never used because it answers with
 * placeholders for files that do not exist (docs/WIRE.md, RunFiles). {@code url} is the storage URL
 * W&B hands out: it carries no W&B credentials, and the driver never adds any.
 */
public final class FilesTable extends RunChildTable {
  static final int NAME = 1;
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.required("run_id", ColumnType.VARCHAR, "The run's id (runs.run_id)."),
      TableColumn.required("name", ColumnType.VARCHAR, "The file's path within the run, e.g. media/images/x.png."),
      TableColumn.fixed("size_bytes", ColumnType.BIGINT, "Size in bytes."),
      TableColumn.fixed("mimetype", ColumnType.VARCHAR, "MIME type, as W&B recorded it."),
      TableColumn.fixed("md5", ColumnType.VARCHAR, "Base64 MD5 of the content."),
      TableColumn.fixed("updated_at", ColumnType.TIMESTAMP, "Last update, UTC."),
      TableColumn.fixed("url", ColumnType.VARCHAR, "Direct download URL (directUrl); needs no W&B key."));
  private static final RunSelection ID_ONLY =
      new RunSelection(Set.of(), KeySelection.NONE, KeySelection.NONE);
  private static final double FILES_PER_RUN = 20;

  public FilesTable(WandbSession session, String entity, String project) {
    super(session, entity, project);
  }

  @Override
  List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  Map<Integer, HintKind> hintable() {
    return Map.of(RUN_ID, HintKind.ANY_OF, NAME, HintKind.PATTERN);
  }

  @Override
  RunSelection runSelection(ResolvedHints hints) {
    return ID_ONLY;
  }

  @Override
  double rowsPerRun() {
    return FILES_PER_RUN;
  }

  @Override
  Iterator<Object[]> rowsOf(RunNode run, ResolvedHints hints, CallControl control) {
    if (hints.anyOf(NAME).filter(Set::isEmpty).isPresent()) {
      return Collections.emptyIterator();
    }
    String pattern = hints.pattern(NAME).orElse(null);
    int first = session.settings().pageSize();
    Iterator<FileNode> files = new PagedIterator<>(cursor -> session.source().files(entity,
        project, run.name(), pattern, cursor, first, control));
    return new MappedIterator<>(files, f -> new Object[] {run.name(), f.name(), f.sizeBytes(),
        f.mimetype(), f.md5(), f.updatedAt() == null ? null : f.updatedAt().toEpochMilli(),
        f.directUrl()});
  }

  @Override
  public String tableRemarks() {
    return "Files of the runs of W&B project " + entity + "/" + project + ", one row per file.";
  }
}
