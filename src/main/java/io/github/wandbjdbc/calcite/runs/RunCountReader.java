package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.WandbApiException;

import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The reader of a scan that is only {@code COUNT(*)}: one {@code runCount} request and no runs.
 * If W&B refuses the filter, or refused a pushed filter earlier on this connection, the runs it
 * would count are read with the scan's fallback and counted in the driver.
 */
final class RunCountReader {
  private final WandbSession session;
  private final String entity;
  private final String project;
  private final Supplier<Enumerator<Object[]>> fallbackRuns;

  /** @param fallbackRuns the scan's rows evaluated in the driver, for counting them there */
  RunCountReader(WandbSession session, String entity, String project,
      Supplier<Enumerator<Object[]>> fallbackRuns) {
    this.session = session;
    this.entity = entity;
    this.project = project;
    this.fallbackRuns = fallbackRuns;
  }

  /**
   * One row holding the count in each of {@code columns} columns.
   *
   * @param filters the scan's bound filter, as the JSON text W&B's {@code filters} takes
   */
  Enumerator<Object[]> count(String filters, int columns, CallControl control) {
    OptionalLong counted = OptionalLong.empty();
    if (!session.pushdownRefused() || filters.equals("{}")) {
      try {
        counted = OptionalLong.of(session.source().runCount(entity, project, filters, control));
      } catch (WandbApiException e) {
        if (!Fallback.isRefusal(e, filters, null)) {
          throw e;
        }
        session.refusePushdown(project, e);
      }
    }
    long n = counted.isPresent() ? counted.getAsLong() : countInDriver();
    Object[] row = new Object[columns];
    Arrays.fill(row, n);
    return Linq4j.singletonEnumerator(row);
  }

  private long countInDriver() {
    long n = 0;
    try (Enumerator<Object[]> runs = fallbackRuns.get()) {
      while (runs.moveNext()) {
        n++;
      }
    }
    return n;
  }
}
