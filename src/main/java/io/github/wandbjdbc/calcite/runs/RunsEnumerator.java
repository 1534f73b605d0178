package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.ValueReader;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.pushdown.PushedOrder;

import org.apache.calcite.linq4j.Enumerator;

import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The rows of one execution of a scan of runs, put together from its parts: the runs of its
 * {@link OrderedSegments}, each fetch read as {@link RunPages} through the scan's
 * {@link AheadReads}, or once W&B refuses what was pushed, the {@link FallbackRuns}. A scan that
 * no LIMIT bounds requests the next page while its consumer reads the current one (the
 * connection's parallelism permitting); a bounded one only when the current page is used up.
 * Nothing is requested after {@link #close()}. A run seen before is skipped, since W&B has been
 * seen to repeat runs across pages (wandb#6614); that also keeps the rows emitted before a
 * refusal, a prefix of SQL's order, from coming again after it.
 */
final class RunsEnumerator implements Enumerator<Object[]> {
  private static final int MAX_PAGE = 1000;

  private final WandbSession session;
  private final List<ScanStep> plan;
  private final Fallback fallback;
  private final List<RunColumn> columns;
  private final RunColumn orderColumn;
  private final long limitHint;
  private final int pageSize;
  private final CallControl control;
  private final boolean readNextAhead;
  private final AheadReads reads;

  private final Set<String> seen = new HashSet<>();
  private Iterator<RunNode> runs;
  private boolean local;
  private long emitted;
  private boolean closed;
  private Object[] current;

  /**
   * @param steps the fetches with everything pushed
   * @param fallback how to go on if W&B refuses them; started right away when {@code local}
   */
  RunsEnumerator(WandbSession session, List<ScanStep> steps, Fallback fallback, boolean local,
      ScanSpec spec, CallControl control) {
    this.session = session;
    this.plan = List.copyOf(steps);
    this.fallback = fallback;
    this.columns = spec.columns();
    this.orderColumn = spec.order().map(PushedOrder::column).orElse(null);
    this.limitHint = spec.limitHint().orElse(0);
    this.pageSize = spec.pageSize();
    this.control = control;
    this.readNextAhead = limitHint == 0 && session.settings().readAhead() > 0;
    this.reads = new AheadReads(this::read, session::readers);
    start(local);
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    while (!closed) {
      RunNode run;
      try {
        if (!runs.hasNext()) {
          return false;
        }
        run = runs.next();
      } catch (RefusedPushdown e) {
        session.refusePushdown(e.query().project(), e.refusal());
        start(true);
        continue;
      }
      if (seen.add(run.name())) {
        current = row(run);
        emitted++;
        return true;
      }
    }
    return false;
  }

  /** Reads from the first step with everything pushed, or ({@code local}) with the fallback. */
  private void start(boolean local) {
    reads.cancelAll();
    this.local = local;
    runs = local
        ? new FallbackRuns(fallback, pages(fallback.allRuns(), List.of()))
        : new OrderedSegments(plan, (fetch, following) -> pages(fetch.firstPage(), following),
            run -> PushedOrder.classify(ValueReader.read(orderColumn, run)));
  }

  private RunPages pages(RunsQuery firstPage, List<ScanStep.Fetch> following) {
    Runnable readFollowing = following.isEmpty() || session.settings().readAhead() == 0
        ? () -> { }
        : () -> reads.readFollowingAhead(following.stream()
            .map(f -> f.firstPage().withRunCount(session.settings().countRuns())
                .withFirst(nextPageSize()))
            .toList());
    return new RunPages(firstPage, reads, this::nextPageSize, session.settings().countRuns(),
        readNextAhead, readFollowing, control);
  }

  /**
   * One page from the source. A refusal of what it pushes is told to the session even when the
   * page was read ahead and is never used, so that the connection stops pushing either way.
   */
  private Page<RunNode> read(RunsQuery query) {
    try {
      return session.source().runs(query, control);
    } catch (WandbApiException e) {
      if (Fallback.isRefusal(e, query.filters(), query.order())) {
        session.refusePushdown(query.project(), e);
      }
      throw e;
    }
  }

  /**
   * About as many rows as a LIMIT still needs, else the configured page size. One more than the
   * limit: Calcite's LIMIT asks for the row after the last one before it stops, and that row
   * should not cost a request of its own.
   */
  private int nextPageSize() {
    long needed = limitHint - emitted + 1;
    return (int) (!local && limitHint > 0 && needed > 0 ? Math.min(needed, MAX_PAGE) : pageSize);
  }

  private Object[] row(RunNode run) {
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = ValueReader.read(columns.get(i), run);
    }
    return row;
  }

  /** Starts over from the first step, fetching again. */
  @Override
  public void reset() {
    seen.clear();
    emitted = 0;
    current = null;
    start(session.pushdownRefused());
  }

  @Override
  public void close() {
    reads.cancelAll();
    closed = true;
    runs = Collections.emptyIterator();
  }
}
