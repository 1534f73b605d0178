package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.PendingRead;
import io.github.wandbjdbc.calcite.common.ValueReader;
import io.github.wandbjdbc.calcite.common.WandbSession;
import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.pushdown.PushedOrder.ValueClass;
import io.github.wandbjdbc.pushdown.PushedOrder;
import io.github.wandbjdbc.source.WandbSource;

import org.apache.calcite.linq4j.Enumerator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Produces the rows of a scan by running its steps in order: each fetch pages lazily, and rows a
 * step must hold back wait for their release. A scan that no LIMIT bounds requests the next
 * page while its consumer reads the current one (the connection's parallelism permitting); a
 * bounded one only when the current page is used up. Nothing is requested after
 * {@link #close()}. A run seen before is skipped, since W&B has been seen to repeat runs across
 * pages (wandb#6614).
 *
 * <p>If W&B refuses what was pushed, the scan goes on with its {@link Fallback}: rows emitted so
 * far are a prefix of SQL's order, so the rest follows in the locally evaluated order, without
 * them; the session remembers the refusal.
 */
final class RunsEnumerator implements Enumerator<Object[]> {
  /** One part of a scan. */
  sealed interface Step {
    /**
     * Page through {@code firstPage}'s runs; hold back rows whose order key is in {@code hold}.
     * {@code few} marks a segment expected to hold few runs (NULL, NaN, ±Infinity around the
     * sorted values): its first page is requested together with those of the fetches after it,
     * up to the next one that may be large, as it is usually empty and would otherwise cost a
     * round trip of its own.
     */
    record Fetch(String segment, RunsQuery firstPage, Set<ValueClass> hold, boolean few)
        implements Step {}

    /** Emit the rows held back of one class. */
    record Release(ValueClass held) implements Step {}
  }

  private static final int MAX_PAGE = 1000;

  private final WandbSession session;
  private final WandbSource source;
  private final Fallback fallback;
  private final List<Step> plan;
  private final List<RunColumn> columns;
  private final RunColumn orderColumn;
  private final long limitHint;
  private final int pageSize;
  private final CallControl control;
  private final boolean prefetch;

  private final Set<String> seen = new HashSet<>();
  private final Map<ValueClass, List<RunNode>> held = new EnumMap<>(ValueClass.class);
  private List<Step> steps;
  private int nextStep;
  private Step.Fetch fetching;
  private Iterator<RunNode> rows = Collections.emptyIterator();
  private boolean holding;
  private String cursor;
  private boolean started;
  private boolean morePages;
  private long emitted;
  private boolean local;
  private boolean closed;
  private Object[] current;
  /** The next page of the current fetch, requested ahead; null when none is. */
  private Prefetched prefetched;
  /** First pages of the fetches after the current one, requested with its first page. */
  private final List<Prefetched> following = new ArrayList<>();

  private record Prefetched(RunsQuery query, PendingRead<Page<RunNode>> page) {}

  /**
   * @param steps the fetches with everything pushed
   * @param fallback how to go on if W&B refuses them; started right away when {@code local}
   */
  RunsEnumerator(WandbSession session, List<Step> steps, Fallback fallback, boolean local,
      ScanSpec spec, CallControl control) {
    this.session = session;
    this.source = session.source();
    this.fallback = fallback;
    this.plan = List.copyOf(steps);
    this.steps = plan;
    if (local) {
      goLocal();
    }
    this.columns = spec.columns();
    this.orderColumn = spec.order().map(PushedOrder::column).orElse(null);
    this.limitHint = spec.limitHint().orElse(0);
    this.pageSize = spec.pageSize();
    this.control = control;
    this.prefetch = limitHint == 0 && session.settings().readAhead() > 0;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    while (!closed) {
      if (rows.hasNext()) {
        RunNode run = rows.next();
        if (local && !fallback.filter().test(run)) {
          continue;
        }
        if (holding && !local && !fetching.hold().isEmpty()) {
          ValueClass c = PushedOrder.classify(ValueReader.read(orderColumn, run));
          if (fetching.hold().contains(c)) {
            held.computeIfAbsent(c, k -> new ArrayList<>()).add(run);
            continue;
          }
        }
        if (seen.add(run.name())) {
          current = row(run);
          emitted++;
          return true;
        }
      } else if (fetching != null && morePages) {
        fetchNextPage();
      } else if (nextStep < steps.size()) {
        start(steps.get(nextStep++));
      } else {
        return false;
      }
    }
    return false;
  }

  private void start(Step step) {
    if (step instanceof Step.Fetch f) {
      fetching = f;
      holding = true;
      started = false;
      morePages = true;
      cursor = null;
      rows = Collections.emptyIterator();
      if (local && fallback.order().isPresent()) {
        readAllAndSort();
      }
    } else {
      fetching = null;
      holding = false;
      List<RunNode> release = held.remove(((Step.Release) step).held());
      rows = release == null ? Collections.emptyIterator() : release.iterator();
    }
  }

  /** The fallback's ordered mode: every matching run, sorted in the driver. */
  private void readAllAndSort() {
    List<RunNode> all = new ArrayList<>();
    while (morePages) {
      fetchNextPage();
      rows.forEachRemaining(r -> {
        if (fallback.filter().test(r)) {
          all.add(r);
        }
      });
    }
    all.sort(fallback.order().orElseThrow());
    rows = all.iterator();
  }

  private void fetchNextPage() {
    control.check();
    String previous = cursor;
    RunsQuery query = nextQuery();
    Page<RunNode> page;
    try {
      Prefetched ahead = takeAhead(query);
      if (!started && fetching.few()) {
        requestFollowing();
      }
      page = ahead != null ? ahead.page().await() : source.runs(query, control);
    } catch (WandbApiException e) {
      if (local || !Fallback.isRefusal(e, query.filters(), query.order())) {
        throw e;
      }
      session.refusePushdown(query.project(), e);
      goLocal();
      return;
    }
    if (prefetched != null) { // asked for ahead but not what was needed after all
      prefetched.page().cancel();
      prefetched = null;
    }
    started = true;
    holding = true;
    rows = page.items().iterator();
    morePages = page.hasNextPage();
    cursor = page.endCursor();
    if (morePages && Objects.equals(previous, cursor)) {
      throw new WandbApiException(WandbApiException.Kind.MALFORMED_RESPONSE, "W&B returned the"
          + " same page cursor twice while listing runs of " + query.entity() + "/"
          + query.project() + "; stopping instead of looping. Please report this.");
    }
    if (morePages && prefetch) {
      RunsQuery next = nextQuery();
      prefetched = readAhead(next);
    }
  }

  private RunsQuery nextQuery() {
    return (started ? fetching.firstPage().after(cursor)
        : fetching.firstPage().withRunCount(session.settings().countRuns()))
        .withFirst(nextPageSize());
  }

  /** The page requested ahead that answers {@code query}, taken; null if there is none. */
  private Prefetched takeAhead(RunsQuery query) {
    if (answers(prefetched, query)) {
      Prefetched p = prefetched;
      prefetched = null;
      return p;
    }
    for (int i = 0; i < following.size(); i++) {
      if (answers(following.get(i), query)) {
        return following.remove(i);
      }
    }
    return null;
  }

  /** The same request, or one for more runs: a superset of the page, read to its end. */
  private static boolean answers(Prefetched p, RunsQuery query) {
    return p != null && p.query().first() >= query.first()
        && p.query().withFirst(query.first()).equals(query);
  }

  /**
   * Requests the first pages of the fetches after this one, up to the next one that may be
   * large, unless that has been done already.
   */
  private void requestFollowing() {
    if (!following.isEmpty() || session.settings().readAhead() == 0) {
      return;
    }
    for (int i = nextStep; i < steps.size(); i++) {
      if (steps.get(i) instanceof Step.Fetch f) {
        RunsQuery q = f.firstPage().withRunCount(session.settings().countRuns())
            .withFirst(nextPageSize());
        following.add(readAhead(q));
        if (!f.few()) {
          return;
        }
      }
    }
  }

  /**
   * Starts {@code query} on a reader thread. A refusal of what it pushes is told to the session
   * even if the page is never used, so that the connection stops pushing either way.
   */
  private Prefetched readAhead(RunsQuery query) {
    return new Prefetched(query, PendingRead.start(session.readers(), () -> {
      try {
        return source.runs(query, control);
      } catch (WandbApiException e) {
        if (Fallback.isRefusal(e, query.filters(), query.order())) {
          session.refusePushdown(query.project(), e);
        }
        throw e;
      }
    }));
  }

  private void dropAhead() {
    if (prefetched != null) {
      prefetched.page().cancel();
      prefetched = null;
    }
    following.forEach(p -> p.page().cancel());
    following.clear();
  }

  /** Continues with the fallback's single unfiltered fetch. */
  private void goLocal() {
    local = true;
    held.clear();
    steps = List.<Step>of(new Step.Fetch("local", fallback.allRuns(), Set.of(), false));
    nextStep = 0;
    dropAhead();
    fetching = null;
    morePages = false;
    rows = Collections.emptyIterator();
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
    dropAhead();
    local = false;
    steps = plan;
    nextStep = 0;
    seen.clear();
    held.clear();
    fetching = null;
    morePages = false;
    rows = Collections.emptyIterator();
    emitted = 0;
    current = null;
    if (session.pushdownRefused()) {
      goLocal();
    }
  }

  @Override
  public void close() {
    dropAhead();
    closed = true;
    rows = Collections.emptyIterator();
    held.clear();
  }
}
