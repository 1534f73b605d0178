package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.calcite.common.FlatMapIterator;
import io.github.wandbjdbc.calcite.common.IteratorEnumerator;
import io.github.wandbjdbc.calcite.common.MappedIterator;
import io.github.wandbjdbc.calcite.common.PagedIterator;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.model.ArtifactNode;
import io.github.wandbjdbc.model.ArtifactUsage;
import io.github.wandbjdbc.model.ArtifactUse;
import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunRef;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.pushdown.HintKind;
import io.github.wandbjdbc.pushdown.ResolvedHints;
import io.github.wandbjdbc.pushdown.ScanHints;

import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rex.RexNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code lineage}: which artifact versions each run used ({@code direction = 'input'}, W&B's
 * {@code inputArtifacts}) and logged ({@code 'output'}, {@code outputArtifacts}). Join it to
 * {@code artifacts} on {@code artifact_id} and to {@code runs} on {@code run_id}. A
 * {@code direction} hint skips the other connection. Which name a run used an input under
 * ({@code usedAs}) is not a column: W&B's {@code usedBy} does not say it, and both ways of
 * reading the table must give the same rows.
 */
public final class LineageTable extends RunChildTable {
  static final int DIRECTION = 1;
  static final String INPUT = "input";
  static final String OUTPUT = "output";
  static final int ARTIFACT_ID = 2;
  private static final List<TableColumn> COLUMNS = Stream.of(
      List.of(TableColumn.required("run_id", ColumnType.VARCHAR, "The run (runs.run_id)."),
          TableColumn.required("direction", ColumnType.VARCHAR,
              "'input' when the run used the version, 'output' when it logged it.")),
      ArtifactRows.VERSION_COLUMNS)
      .flatMap(List::stream).toList();
  private static final RunSelection ID_ONLY =
      new RunSelection(Set.of(), KeySelection.NONE, KeySelection.NONE);
  private static final int PAGE = 100;

  public LineageTable(WandbSession session, String entity, String project) {
    super(session, entity, project);
  }

  @Override
  List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  Map<Integer, HintKind> hintable() {
    return Map.of(RUN_ID, HintKind.ANY_OF, DIRECTION, HintKind.ANY_OF,
        ARTIFACT_ID, HintKind.ANY_OF);
  }

  @Override
  RunSelection runSelection(ResolvedHints hints) {
    return ID_ONLY;
  }

  @Override
  double rowsPerRun() {
    return 4;
  }

  /** Rows of one artifact read through {@code usedBy}: a guess that only has to rank plans. */
  private static final double ROWS_PER_ARTIFACT = 50;

  @Override
  double estimateRowCount(ScanHints hints) {
    List<RexNode> artifacts = hints.anyOf().get(ARTIFACT_ID);
    return artifacts == null ? super.estimateRowCount(hints) : artifacts.size() * ROWS_PER_ARTIFACT;
  }

  @Override
  double estimateRequests(ScanHints hints) {
    List<RexNode> artifacts = hints.anyOf().get(ARTIFACT_ID);
    return artifacts == null ? super.estimateRequests(hints)
        : artifacts.size() * (1 + ROWS_PER_ARTIFACT / PAGE);
  }

  /**
   * With an {@code artifact_id} hint (a join from {@code artifacts}), the artifacts' own
   * {@code usedBy} and {@code createdBy} give the rows, limited to this project's runs: a few
   * requests per artifact instead of two per run of the project.
   */
  @Override
  Enumerator<Object[]> rows(ResolvedHints hints, CallControl control) {
    Optional<Set<Object>> artifacts = hints.anyOf(ARTIFACT_ID);
    if (artifacts.isEmpty()) {
      return super.rows(hints, control);
    }
    List<String> directions = directions(hints);
    Iterator<Object[]> rows = new FlatMapIterator<>(
        artifacts.get().stream().map(Object::toString).sorted().iterator(),
        id -> artifactRows(id, directions, control));
    return new IteratorEnumerator(rows);
  }

  private Iterator<Object[]> artifactRows(String artifactId, List<String> directions,
      CallControl control) {
    List<Object[]> rows = new ArrayList<>();
    String cursor = null;
    boolean more = true;
    boolean first = true;
    while (more) {
      Optional<ArtifactUsage> usage = session.source().artifactUsage(artifactId, cursor, PAGE,
          control);
      if (usage.isEmpty()) {
        break;
      }
      ArtifactUsage u = usage.get();
      if (first && directions.contains(OUTPUT) && u.creator() != null
          && u.creator().isIn(entity, project)) {
        rows.add(row(u.creator().name(), OUTPUT, u.artifact()));
      }
      first = false;
      if (!directions.contains(INPUT)) {
        break;
      }
      for (RunRef run : u.usedBy().items()) {
        if (run.isIn(entity, project)) {
          rows.add(row(run.name(), INPUT, u.artifact()));
        }
      }
      more = u.usedBy().hasNextPage() && !Objects.equals(u.usedBy().endCursor(), cursor);
      cursor = u.usedBy().endCursor();
    }
    return rows.iterator();
  }

  private static List<String> directions(ResolvedHints hints) {
    List<String> directions = new ArrayList<>();
    for (String d : List.of(INPUT, OUTPUT)) {
      if (hints.anyOf(DIRECTION).map(s -> s.contains(d)).orElse(true)) {
        directions.add(d);
      }
    }
    return directions;
  }

  private static Object[] row(String runId, String direction, ArtifactNode artifact) {
    Object[] version = ArtifactRows.version(artifact);
    Object[] row = new Object[COLUMNS.size()];
    row[0] = runId;
    row[1] = direction;
    System.arraycopy(version, 0, row, 2, version.length);
    return row;
  }

  @Override
  Iterator<Object[]> rowsOf(RunNode run, ResolvedHints hints, CallControl control) {
    List<String> directions = directions(hints);
    return new FlatMapIterator<>(directions.iterator(), direction -> {
      Iterator<ArtifactUse> uses = new PagedIterator<>(cursor -> session.source().runArtifacts(
          entity, project, run.name(), direction.equals(INPUT), cursor, PAGE, control));
      return new MappedIterator<>(uses, use -> row(run.name(), direction, use.artifact()));
    });
  }

  @Override
  public String tableRemarks() {
    return "Artifact versions the runs of W&B project " + entity + "/" + project
        + " used (direction 'input') and logged ('output').";
  }
}
