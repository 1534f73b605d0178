package io.github.wandbjdbc.source;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.model.ArtifactNode;
import io.github.wandbjdbc.model.ArtifactUsage;
import io.github.wandbjdbc.model.ArtifactUse;
import io.github.wandbjdbc.model.FileNode;
import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.ProjectNode;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.model.SweepNode;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the tables read W&B data from: the one seam between the SQL tables and the wire. W&B's
 * GraphQL API is one source ({@link GraphQlSource}); others (parquet history exports, offline run
 * folders, a local cache in front of another source) implement this interface too, and no table
 * changes when one is added.
 *
 * <p>Every method reads one page or one bounded piece, so that tables stay lazy; {@code after}
 * is the cursor of the page before (null for the first), {@code first} the most items wanted.
 * Paged results carry their own end cursor. A source fails with
 * {@link io.github.wandbjdbc.client.WandbApiException}, whose kind says what the user can do.
 *
 * <p>What a source evaluates of a scan of runs itself — which filters, exactly or as a superset,
 * which orders, counts — it says in {@link #runsPushdown()}; the driver evaluates the rest. Filter
 * and order texts in a {@link RunsQuery} are the ones that source's own pushdown produced.
 */
public interface WandbSource extends AutoCloseable {
  /** What {@link #historyRuns} asks by default: the runs' {@code historyKeys}. */
  RunSelection HISTORY_RUNS =
      new RunSelection(Set.of(RunField.HISTORY_KEYS), KeySelection.NONE, KeySelection.NONE);

  /** What this source evaluates of a runs scan, so the planner knows what it must keep. */
  RunsPushdown runsPushdown();

  /** One page of the projects of {@code entity}. */
  Page<ProjectNode> projects(String entity, String after, int first, CallControl control);

  /** One project, or empty when the entity has no such project. */
  Optional<ProjectNode> project(String entity, String project, CallControl control);

  /** One page of the runs of a scan: its filter, order, fields, page size and cursor. */
  Page<RunNode> runs(RunsQuery query, CallControl control);

  /**
   * The newest runs, read while a statement is planned to learn a table's columns; not rows of a
   * statement, so not counted in its progress.
   */
  Page<RunNode> columnSample(RunsQuery query, CallControl control);

  /** The number of runs matching {@code filters}, without reading them. */
  long runCount(String entity, String project, String filters, CallControl control);

  /**
   * Every history row of one run with {@code minStep <= _step < maxStep}, unsampled, each a JSON
   * object of its keys; empty when the run no longer exists.
   */
  List<ObjectNode> history(String entity, String project, String runId, long minStep,
      long maxStep, CallControl control);

  /**
   * For each key set, the history rows of one run with {@code minStep <= _step <= maxStep} that
   * hold every key of the set, with only those keys; empty lists when the run no longer exists.
   */
  List<List<ObjectNode>> sampledHistory(String entity, String project, String runId,
      List<List<String>> keySets, long minStep, long maxStep, CallControl control);

  /**
   * The run fields a scan of history needs on each run it lists: {@code historyKeys}, whose
   * {@code lastStep} bounds the scan. A source that reads history another way adds what that
   * way needs (W&B's exports: {@code parquetHistory}), so it comes in the same runs request.
   */
  default RunSelection historyRuns(HistoryScan scan) {
    return HISTORY_RUNS;
  }

  /**
   * The reads of one run's history rows for {@code scan}, in step order: each one bounded read
   * giving its rows in step order, none depending on another, so that they can run ahead in
   * parallel. By default, step windows through {@link #history} and {@link #sampledHistory}.
   */
  default Iterator<Supplier<LoggedRows>> historyReads(HistoryScan scan, RunNode run,
      CallControl control) {
    return HistoryWindows.of(this, scan, run, control);
  }

  /** How this source reads a history scan, for EXPLAIN, e.g. {@code graphql windows (history)}. */
  default String historyPath(HistoryScan scan) {
    return "graphql windows (" + (scan.wholeRows() ? "history" : "sampledHistory") + ")";
  }

  /** The system-metric rows of one run; {@code samples} at least the number of rows. */
  List<ObjectNode> events(String entity, String project, String runId, int samples,
      CallControl control);

  /** One page of the files of a run whose names match {@code pattern} (null: all). */
  Page<FileNode> files(String entity, String project, String runId, String pattern, String after,
      int first, CallControl control);

  /** One page of the artifacts a run used ({@code inputs}) or logged. */
  Page<ArtifactUse> runArtifacts(String entity, String project, String runId, boolean inputs,
      String after, int first, CallControl control);

  /** One page of the artifact types of a project. */
  Page<String> artifactTypes(String entity, String project, String after, int first,
      CallControl control);

  /** One page of the artifact collections of a type. */
  Page<String> artifactCollections(String entity, String project, String type, String after,
      int first, CallControl control);

  /** One page of the versions of a collection matching {@code filters}. */
  Page<ArtifactNode> artifactVersions(String entity, String project, String type,
      String collection, String filters, String after, int first, CallControl control);

  /** The run that logged an artifact and one page of the runs that used it; empty if gone. */
  Optional<ArtifactUsage> artifactUsage(String artifactId, String after, int first,
      CallControl control);

  /** One page of the sweeps of a project. */
  Page<SweepNode> sweeps(String entity, String project, String after, int first,
      CallControl control);

  /** Releases what the source holds (connections, files); no exception. */
  @Override
  void close();
}
