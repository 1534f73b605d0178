package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.calcite.common.Once;
import io.github.wandbjdbc.calcite.common.PlanningControl;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.pushdown.HintKind;
import io.github.wandbjdbc.pushdown.ResolvedHints;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code history}: every logged row of every run, unsampled. Each run is read in step windows of
 * {@value #WINDOW_STEPS} steps with {@code history(minStep, maxStep, samples)}, asking for as many
 * samples as the window has steps, so W&B never down-samples (docs/WIRE.md, RunHistory); windows
 * continue past empty ones until {@code historyKeys.lastStep}. A {@code step} hint narrows the
 * windows, a {@code run_id} hint the runs. A query that uses a few key columns and not {@code row}
 * reads just those keys with {@code sampledHistory} (docs/WIRE.md, RunSampledHistory), one spec per
 * key, merged by step ({@link HistoryMerge}).
 */
public final class HistoryTable extends LoggedStreamTable {
  static final int WINDOW_STEPS = 1000;
  private static final String STEP_KEY = "_step";
  /** Most specs one sampledHistory request carries; more columns read whole rows instead. */
  private static final int MAX_KEY_SETS = 20;
  private static final List<TableColumn> FIXED = List.of(
      TableColumn.required("run_id", ColumnType.VARCHAR, "The run's id (runs.run_id)."),
      TableColumn.fixed("step", ColumnType.BIGINT, "The step the row was logged at (_step)."),
      TableColumn.fixed("logged_at", ColumnType.TIMESTAMP, "When the row was logged, UTC (_timestamp)."),
      TableColumn.fixed("runtime_seconds", ColumnType.DOUBLE, "Seconds since the run started (_runtime)."));
  private static final TableColumn ROW =
      TableColumn.fixed("row", ColumnType.JSON, "The whole logged row as JSON, every key.");
  private static final RunSelection RUNS_WITH_LAST_STEP =
      new RunSelection(Set.of(RunField.HISTORY_KEYS), KeySelection.NONE, KeySelection.NONE);

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
        session.settings().columnSampleSize(), null, RUNS_WITH_LAST_STEP, true);
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
  RunSelection runSelection() {
    return RUNS_WITH_LAST_STEP;
  }

  /** One read per step window, from the hint's first step (or 0) to {@code lastStep}. */
  @Override
  Iterator<Supplier<List<Object[]>>> readsOf(RunNode run, ResolvedHints hints,
      CallControl control) {
    long lastStep = run.lastHistoryStep().orElse(-1);
    long start = Math.max(0, hints.minStep());
    long stop = lastStep < 0 ? 0 : Math.min(lastStep + 1, hints.maxStep());
    LoggedRowReader reader = new LoggedRowReader("history", columns());
    Optional<List<List<String>>> keySets = sampledKeySets(columns(), hints);
    return new Iterator<>() {
      private long offset = start;

      // Windows can be empty (steps need not be contiguous): every one up to lastStep is read.
      @Override
      public boolean hasNext() {
        return offset < stop;
      }

      @Override
      public Supplier<List<Object[]>> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long from = offset;
        long to = Math.min(stop, offset + WINDOW_STEPS);
        offset = to;
        return () -> rowsIn(run.name(), logged(run, keySets, from, to, control), from, to,
            reader, hints);
      }
    };
  }

  /**
   * The window's rows, each step at most once: only the keys used, merged by step (which refuses
   * a step twice in one result), when {@code keySets} is present; else whole rows, checked here.
   */
  private List<ObjectNode> logged(RunNode run, Optional<List<List<String>>> keySets, long from,
      long to, CallControl control) {
    if (keySets.isPresent()) {
      return HistoryMerge.byStep(session.source().sampledHistory(entity, project, run.name(),
          keySets.get(), from, to, control));
    }
    return HistoryMerge.distinctSteps(run.name(),
        session.source().history(entity, project, run.name(), from, to, control));
  }

  /**
   * The {@code sampledHistory} key sets that give exactly the columns a query uses, or empty to
   * read whole rows: when it uses {@code row}, or more keys than one request should carry.
   * {@code ["_step"]} alone yields every step (W&B returns only rows holding all keys of a
   * set, so one set per key keeps steps where other keys are missing).
   */
  static Optional<List<List<String>>> sampledKeySets(List<TableColumn> columns, ResolvedHints hints) {
    if (hints.columns().isEmpty() || hints.uses(columns.size() - 1)) {
      return Optional.empty();
    }
    List<List<String>> sets = new ArrayList<>();
    sets.add(List.of(STEP_KEY));
    for (int i = 1; i < columns.size() - 1; i++) {
      if (!hints.uses(i)) {
        continue;
      }
      String key = switch (columns.get(i).name()) {
        case "step" -> null;
        case "logged_at" -> "_timestamp";
        case "runtime_seconds" -> "_runtime";
        default -> columns.get(i).key();
      };
      if (key != null) {
        sets.add(List.of(STEP_KEY, key));
      }
    }
    return sets.size() > MAX_KEY_SETS ? Optional.empty() : Optional.of(sets);
  }

  private static List<Object[]> rowsIn(String runId, List<ObjectNode> logged, long from, long to,
      LoggedRowReader reader, ResolvedHints hints) {
    List<Object[]> rows = new ArrayList<>();
    for (ObjectNode row : logged) {
      Long step = LoggedRowReader.step(row);
      // A row outside the window it was asked for would be read twice; W&B should not send one.
      if (step == null || step >= from && step < to) {
        rows.add(reader.read(runId, row, hints::uses));
      }
    }
    return rows;
  }

  @Override
  public String tableRemarks() {
    return "Logged metrics of the runs of W&B project " + entity + "/" + project
        + ", one row per run and step, unsampled.";
  }
}
