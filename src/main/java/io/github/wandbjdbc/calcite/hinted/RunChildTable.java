package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.calcite.common.FlatMapIterator;
import io.github.wandbjdbc.calcite.common.IteratorEnumerator;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.pushdown.ResolvedHints;
import io.github.wandbjdbc.pushdown.ScanHints;

import org.apache.calcite.linq4j.Enumerator;

import java.util.Iterator;

/**
 * A table with rows per run ({@code history}, {@code system_metrics}, {@code files},
 * {@code lineage}). Column 0 is {@code run_id}; a hint on it reads only those runs. Runs are
 * visited one after another, so a LIMIT stops after the first rows of the first runs.
 */
abstract class RunChildTable extends HintedTable {
  static final int RUN_ID = 0;
  /** What the planner assumes when it does not know a project's size. */
  static final double DEFAULT_RUN_COUNT = 1000;

  final WandbSession session;
  final String entity;
  final String project;

  RunChildTable(WandbSession session, String entity, String project) {
    this.session = session;
    this.entity = entity;
    this.project = project;
  }

  @Override
  WandbSession session() {
    return session;
  }

  /** The run fields {@link #rowsOf} needs besides the id, for a scan with {@code hints}. */
  abstract RunSelection runSelection(ResolvedHints hints);

  /** The rows of one run, read lazily. */
  abstract Iterator<Object[]> rowsOf(RunNode run, ResolvedHints hints, CallControl control);

  /** Rows per run the planner should expect. */
  abstract double rowsPerRun();

  /** Runs in the project, as far as known without a request. */
  double runCount() {
    return DEFAULT_RUN_COUNT;
  }

  @Override
  Enumerator<Object[]> rows(ResolvedHints hints, CallControl control) {
    return new IteratorEnumerator(new FlatMapIterator<>(runs(hints, control),
        run -> rowsOf(run, hints, control)));
  }

  /** The runs a scan visits, in order, paged lazily: those of a {@code run_id} hint, or all. */
  final Iterator<RunNode> runs(ResolvedHints hints, CallControl control) {
    return ProjectRuns.of(session, entity, project, hints.anyOf(RUN_ID), runSelection(hints),
        control);
  }

  /** At least one request per run read, whatever its rows. */
  @Override
  double estimateRequests(ScanHints hints) {
    return runsRead(hints) * (1 + rowsPerRun() / 1000) + 1;
  }

  private double runsRead(ScanHints hints) {
    return hints.anyOf().containsKey(RUN_ID)
        ? Math.min(hints.anyOf().get(RUN_ID).size(), runCount()) : runCount();
  }

  @Override
  double estimateRowCount(ScanHints hints) {
    double runs = runsRead(hints);
    // A step window or name pattern keeps some of a run's rows; the guess only has to rank plans.
    double share = hints.steps().isEmpty() && hints.patterns().isEmpty() ? 1.0 : 0.25;
    return Math.max(1.0, runs * rowsPerRun() * share);
  }
}
