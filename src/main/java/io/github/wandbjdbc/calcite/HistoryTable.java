package io.github.wandbjdbc.calcite;

import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.pushdown.ColumnType;
import io.github.wandbjdbc.pushdown.HintKind;
import io.github.wandbjdbc.pushdown.ResolvedHints;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code history}: every logged row of every run, unsampled. Each run is read in step windows of
 * {@value #WINDOW_STEPS} steps with {@code history(minStep, maxStep, samples)}, asking for as
 * many samples as the window has steps, so W&B never down-samples (fact sheet §3.3); windows
 * continue past empty ones until {@code historyKeys.lastStep}. A {@code step} hint narrows the
 * windows, a {@code run_id} hint the runs.
 */
final class HistoryTable extends RunChildTable {
  static final int WINDOW_STEPS = 1000;
  private static final List<TableColumn> FIXED = List.of(
      TableColumn.required("run_id", ColumnType.VARCHAR, "The run's id (runs.run_id)."),
      TableColumn.fixed("step", ColumnType.BIGINT, "The step the row was logged at (_step)."),
      TableColumn.fixed("logged_at", ColumnType.TIMESTAMP, "When the row was logged, UTC (_timestamp)."),
      TableColumn.fixed("runtime_seconds", ColumnType.DOUBLE, "Seconds since the run started (_runtime)."));
  private static final TableColumn ROW =
      TableColumn.fixed("row", ColumnType.JSON, "The whole logged row as JSON, every key.");
  private static final RunSelection RUNS_WITH_LAST_STEP =
      new RunSelection(Set.of(RunField.HISTORY_KEYS), KeySelection.NONE, KeySelection.NONE);

  private volatile Discovered discovered;

  private record Discovered(List<TableColumn> columns, double runCount, double rowsPerRun) {}

  HistoryTable(WandbSession session, String entity, String project) {
    super(session, entity, project);
  }

  @Override
  List<TableColumn> columns() {
    return discovered().columns();
  }

  private Discovered discovered() {
    Discovered d = discovered;
    if (d == null) {
      synchronized (this) {
        if (discovered == null) {
          discovered = discover();
        }
        d = discovered;
      }
    }
    return d;
  }

  /** One request: the newest runs' {@code historyKeys} name and type the key columns. */
  private Discovered discover() {
    RunsQuery sample = new RunsQuery(entity, project, "{}", "-created_at",
        session.settings().columnSampleSize(), null, RUNS_WITH_LAST_STEP, true);
    Page<RunNode> page = session.client().runs(sample, CallControl.NONE);
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
    return discovered().runCount();
  }

  @Override
  double rowsPerRun() {
    return discovered().rowsPerRun();
  }

  @Override
  Map<Integer, HintKind> hintable() {
    return Map.of(RUN_ID, HintKind.ANY_OF, 1, HintKind.STEP_RANGE);
  }

  @Override
  RunSelection runSelection() {
    return RUNS_WITH_LAST_STEP;
  }

  @Override
  Iterator<Object[]> rowsOf(RunNode run, ResolvedHints hints, CallControl control) {
    long lastStep = run.lastHistoryStep().orElse(-1);
    long start = Math.max(0, hints.minStep());
    long stop = lastStep < 0 ? 0 : Math.min(lastStep + 1, hints.maxStep());
    if (start >= stop) {
      return Collections.emptyIterator();
    }
    LoggedRowReader reader = new LoggedRowReader("history", columns());
    return new Iterator<>() {
      private long offset = start;
      private Iterator<Object[]> window = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        // Windows can be empty (steps need not be contiguous): keep going until lastStep.
        while (!window.hasNext() && offset < stop) {
          long end = Math.min(stop, offset + WINDOW_STEPS);
          window = rowsIn(run.name(), offset, end, reader, control);
          offset = end;
        }
        return window.hasNext();
      }

      @Override
      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return window.next();
      }
    };
  }

  private Iterator<Object[]> rowsIn(String runId, long from, long to, LoggedRowReader reader,
      CallControl control) {
    List<Object[]> rows = new ArrayList<>();
    for (ObjectNode row : session.client().history(entity, project, runId, from, to, control)) {
      Long step = LoggedRowReader.step(row);
      // A row outside the window it was asked for would be read twice; W&B should not send one.
      if (step == null || step >= from && step < to) {
        rows.add(reader.read(runId, row));
      }
    }
    return rows.iterator();
  }

  @Override
  public String tableRemarks() {
    return "Logged metrics of the runs of W&B project " + entity + "/" + project
        + ", one row per run and step, unsampled.";
  }
}
