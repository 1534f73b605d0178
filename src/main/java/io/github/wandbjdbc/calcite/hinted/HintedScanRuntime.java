package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.calcite.common.PlanningControl;
import io.github.wandbjdbc.calcite.common.ScanEnd;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.pushdown.ResolvedHints;
import io.github.wandbjdbc.pushdown.ScanHints;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.util.ImmutableBitSet;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A planned scan of a {@link HintedTable}, called from generated code, hence public. */
public final class HintedScanRuntime {
  private final HintedTable table;
  private final ScanHints hints;
  private final Optional<ImmutableBitSet> columns;

  HintedScanRuntime(HintedTable table, ScanHints hints, Optional<ImmutableBitSet> columns) {
    this.table = table;
    this.hints = hints;
    this.columns = columns;
  }

  /** The rows for the given hint values; nothing is fetched before the first row is wanted. */
  public Enumerable<Object[]> rows(DataContext root, Object[] hintValues) {
    ResolvedHints all = ResolvedHints.resolve(hints, hintValues);
    ResolvedHints resolved = columns.map(all::withColumns).orElse(all);
    AtomicBoolean cancelFlag = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeoutMillis = DataContext.Variable.TIMEOUT.get(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        CallControl control = CallControl.of(cancelFlag,
            timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis))
            .withWarnings(PlanningControl.current().warnings())
            .forScan();
        return new ScanEnd<>(table.rows(resolved, control), control);
      }
    };
  }

  /** The single column's values, for scans of one column (Calcite's scalar row format). */
  public Enumerable<Object> values(DataContext root, Object[] hintValues) {
    return rows(root, hintValues).select(row -> row[0]);
  }
}
