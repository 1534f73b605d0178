package io.github.wandbjdbc.source;

import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.pushdown.FilterTranslator.Pushed;
import io.github.wandbjdbc.pushdown.FilterTranslator;
import io.github.wandbjdbc.pushdown.PushedOrder;

import org.apache.calcite.rex.RexNode;

import java.util.List;
import java.util.Optional;

/**
 * What a source evaluates of a scan of runs, asked by the planner: each condition is pushed
 * exactly (the planner drops it), as a superset (the planner keeps it above the scan), or not at
 * all. W&B's GraphQL API evaluates its Mongo-style filter language under the guarantees the
 * project's docs/WIRE.md lists ({@link #WANDB_FILTERS}); a source that filters nothing returns
 * every run and leaves everything to the driver ({@link #NOTHING}); a local source that knows its
 * own semantics can answer every condition exactly.
 */
public interface RunsPushdown {
  /** The source's filter for one conjunct over {@code columns}, or empty where it has none. */
  Optional<Pushed> filter(List<RunColumn> columns, RexNode conjunct);

  /** The source's order by one column, in the segments it is fetched in, or empty. */
  Optional<PushedOrder> order(RunColumn column, boolean descending, boolean nullsFirst);

  /** Whether the source counts the runs matching an exact filter without returning them. */
  boolean counts();

  /**
   * Whether the source applies a query's {@code filters} at all, such as the run names a scan
   * of history lists; if not, every run comes back and the driver picks the ones it wants.
   */
  boolean filters();

  /** W&B's filter and order language ({@code filters}, {@code order} of its runs query). */
  RunsPushdown WANDB_FILTERS = new RunsPushdown() {
    @Override
    public Optional<Pushed> filter(List<RunColumn> columns, RexNode conjunct) {
      return new FilterTranslator(columns).translate(conjunct);
    }

    @Override
    public Optional<PushedOrder> order(RunColumn column, boolean descending, boolean nullsFirst) {
      return PushedOrder.of(column, descending, nullsFirst);
    }

    @Override
    public boolean counts() {
      return true;
    }

    @Override
    public boolean filters() {
      return true;
    }

    @Override
    public String toString() {
      return "RunsPushdown.WANDB_FILTERS";
    }
  };

  /**
   * Nothing: the source returns every run of the project whatever a query's filter and order
   * say, and the driver filters, sorts and counts.
   */
  RunsPushdown NOTHING = new RunsPushdown() {
    @Override
    public Optional<Pushed> filter(List<RunColumn> columns, RexNode conjunct) {
      return Optional.empty();
    }

    @Override
    public Optional<PushedOrder> order(RunColumn column, boolean descending, boolean nullsFirst) {
      return Optional.empty();
    }

    @Override
    public boolean counts() {
      return false;
    }

    @Override
    public boolean filters() {
      return false;
    }

    @Override
    public String toString() {
      return "RunsPushdown.NOTHING";
    }
  };
}
