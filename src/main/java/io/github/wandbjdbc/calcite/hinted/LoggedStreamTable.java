package io.github.wandbjdbc.calcite.hinted;

import io.github.wandbjdbc.calcite.common.FlatMapIterator;
import io.github.wandbjdbc.calcite.common.IteratorEnumerator;
import io.github.wandbjdbc.calcite.common.ReadAhead;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.pushdown.ResolvedHints;

import org.apache.calcite.linq4j.Enumerator;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A table of what runs logged ({@code history}, {@code system_metrics}), read with requests that
 * do not depend on each other: step windows, or one sample per run. So the next reads, of the
 * same run or of the runs after it, run ahead of the consumer in parallel ({@link ReadAhead}),
 * within the connection's parallelism; rows still come run by run, step by step.
 */
abstract class LoggedStreamTable extends RunChildTable {
  LoggedStreamTable(WandbSession session, String entity, String project) {
    super(session, entity, project);
  }

  /** The reads of one run's rows, in order: each one request, giving its rows in order. */
  abstract Iterator<Supplier<List<Object[]>>> readsOf(RunNode run, ResolvedHints hints,
      CallControl control);

  /** One run's rows, its reads made one after another on the consumer's thread. */
  @Override
  final Iterator<Object[]> rowsOf(RunNode run, ResolvedHints hints, CallControl control) {
    return new FlatMapIterator<>(readsOf(run, hints, control), read -> read.get().iterator());
  }

  @Override
  final Enumerator<Object[]> rows(ResolvedHints hints, CallControl control) {
    int readAhead = session.settings().readAhead();
    if (readAhead == 0) {
      return super.rows(hints, control);
    }
    Iterator<Supplier<List<Object[]>>> reads = new FlatMapIterator<>(runs(hints, control),
        run -> readsOf(run, hints, control));
    ReadAhead<Object[]> ahead = new ReadAhead<>(reads, session.readers(), readAhead);
    return new IteratorEnumerator(ahead, ahead::close);
  }
}
