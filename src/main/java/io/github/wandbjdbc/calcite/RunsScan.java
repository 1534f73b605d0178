package io.github.wandbjdbc.calcite;

import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A planned scan of {@code runs}, ready to execute: the table and the spec. Called from generated
 * code, hence public.
 */
public final class RunsScan {
  /** The SDK's default order; a stable key keeps pages from overlapping. */
  static final String DEFAULT_ORDER = "+created_at";
  private static final String NO_FILTER = "{}";

  private final RunsTable table;
  private final ScanSpec spec;

  RunsScan(RunsTable table, ScanSpec spec) {
    this.table = table;
    this.spec = spec;
  }

  /** Rows of this scan for one execution; nothing is fetched before the first row is wanted. */
  public Enumerable<Object[]> rows(DataContext root) {
    AtomicBoolean cancelFlag = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeoutMillis = DataContext.Variable.TIMEOUT.get(root);
    RunsQuery first = new RunsQuery(table.entity(), table.project(), NO_FILTER, DEFAULT_ORDER,
        spec.pageSize(), null, spec.selection());
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        CallControl control = CallControl.of(cancelFlag,
            timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis));
        return new RunsEnumerator(table.session().client(), first, spec.columns(), control);
      }
    };
  }

  /** The single column's values, for scans of one column (Calcite's scalar row format). */
  public Enumerable<Object> values(DataContext root) {
    return rows(root).select(row -> row[0]);
  }
}
