package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.calcite.common.MappedIterator;
import io.github.wandbjdbc.calcite.common.Once;
import io.github.wandbjdbc.calcite.common.PlanningControl;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.pushdown.HintKind;
import io.github.wandbjdbc.pushdown.ResolvedHints;
import io.github.wandbjdbc.source.HistoryScan;
import io.github.wandbjdbc.source.LoggedRows;
import io.github.wandbjdbc.source.WandbSource;

import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * {@code history}: every logged row of every run, unsampled. How a run's rows are read is the
 * source's business ({@link WandbSource#historyReads}: step windows through GraphQL, or W&B's
 * parquet exports); the table says what it needs ({@link HistoryScan}: whole rows, or only the
 * keys a query uses, and the steps of a {@code step} hint) and turns the logged rows into table
 * rows. A {@code run_id} hint narrows the runs.
 */
public final class HistoryTable extends LoggedStreamTable {
  /** Most keys one scan reads by name; a query that uses more reads whole rows instead. */
  private static final int MAX_KEYS = 19;
  private static final List<TableColumn> FIXED = List.of(
      TableColumn.required("run_id", ColumnType.VARCHAR, "The run's id (runs.run_id)."),
      TableColumn.fixed("step", ColumnType.BIGINT, "The step the row was logged at (_step)."),
      TableColumn.fixed("logged_at", ColumnType.TIMESTAMP, "When the row was logged, UTC (_timestamp)."),
      TableColumn.fixed("runtime_seconds", ColumnType.DOUBLE, "Seconds since the run started (_runtime)."));
  private static final TableColumn ROW =
      TableColumn.fixed("row", ColumnType.JSON, "The whole logged row as JSON, every key.");

  private final Once<Discovered> discovered = new Once<>(this::discover);

  private record Discovered(List<TableColumn> columns, double runCount, double rowsPerRun) {}

  public HistoryTable(WandbSession session, String entity, String project) {
    super(session, entity, project);
  }

  @Override
  List<TableColumn> columns() {
    return discovered.get().columns();
  }

  /** One request: the newest runs' {@code historyKeys} name and type the key columns. */
  private Discovered discover() {
    RunsQuery sample = new RunsQuery(entity, project, "{}", "-created_at",
        session.settings().columnSampleSize(), null, WandbSource.HISTORY_RUNS, true);
    Page<RunNode> page = session.source().columnSample(sample, PlanningControl.current());
    List<TableColumn> all = new ArrayList<>(FIXED);
    Set<String> reserved = Set.of("run_id", "step", "logged_at", "runtime_seconds", "row");
    all.addAll(HistoryColumns.discover(page.items(), reserved));
    all.add(ROW);
    double rows = page.items().stream()
        .mapToLong(r -> r.lastHistoryStep().orElse(-1) + 1).average().orElse(100);
    return new Discovered(List.copyOf(all),
        page.total().isPresent() ? page.total().getAsLong() : DEFAULT_RUN_COUNT, Math.max(1, rows));
  }

  @Override
  double runCount() {
    return discovered.get().runCount();
  }

  @Override
  double rowsPerRun() {
    return discovered.get().rowsPerRun();
  }

  @Override
  Map<Integer, HintKind> hintable() {
    return Map.of(RUN_ID, HintKind.ANY_OF, 1, HintKind.STEP_RANGE);
  }

  @Override
  RunSelection runSelection(ResolvedHints hints) {
    return session.source().historyRuns(scan(hints));
  }

  /** The source's reads of one run, each turned into table rows. */
  @Override
  Iterator<Supplier<List<Object[]>>> readsOf(RunNode run, ResolvedHints hints,
      CallControl control) {
    LoggedRowReader reader = new LoggedRowReader("history", columns());
    Iterator<Supplier<LoggedRows>> reads =
        session.source().historyReads(scan(hints), run, control);
    return new MappedIterator<Supplier<LoggedRows>, Supplier<List<Object[]>>>(reads,
        read -> () -> rowsOf(run.name(), read.get(), reader, hints));
  }

  @Override
  Optional<String> readPath(ImmutableBitSet columns) {
    ResolvedHints used = ResolvedHints.NONE.withColumns(columns);
    return Optional.of(session.source().historyPath(
        new HistoryScan(entity, project, keys(columns(), used), 0, Long.MAX_VALUE)));
  }

  /** What the scan reads of each run: the keys its columns use, and its step hint. */
  HistoryScan scan(ResolvedHints hints) {
    return new HistoryScan(entity, project, keys(columns(), hints), Math.max(0, hints.minStep()),
        hints.maxStep());
  }

  /**
   * The logged keys a query uses, or empty to read whole rows: when it uses {@code row}, every
   * column, or more keys than one request should name.
   */
  static Optional<List<String>> keys(List<TableColumn> columns, ResolvedHints hints) {
    if (hints.columns().isEmpty() || hints.uses(columns.size() - 1)) {
      return Optional.empty();
    }
    List<String> keys = new ArrayList<>();
    for (int i = 1; i < columns.size() - 1; i++) {
      if (!hints.uses(i)) {
        continue;
      }
      switch (columns.get(i).name()) {
        case "step" -> { }
        case "logged_at" -> keys.add("_timestamp");
        case "runtime_seconds" -> keys.add("_runtime");
        default -> keys.add(columns.get(i).key());
      }
    }
    return keys.size() > MAX_KEYS ? Optional.empty() : Optional.of(keys);
  }

  private static List<Object[]> rowsOf(String runId, LoggedRows logged,
      LoggedRowReader reader, ResolvedHints hints) {
    List<Object[]> rows = new ArrayList<>(logged.size());
    IntPredicate uses = hints::uses;
    for (int i = 0; i < logged.size(); i++) {
      rows.add(reader.read(runId, logged, i, uses));
    }
    return rows;
  }

  @Override
  public String tableRemarks() {
    return "Logged metrics of the runs of W&B project " + entity + "/" + project
        + ", one row per run and step, unsampled.";
  }
}
