package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunNode;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The runs of one fetch, a page at a time, each page continuing after the one before's end
 * cursor; with {@code readNextAhead}, the next page is requested while the current one is read.
 * A refusal of what the request pushed is thrown as {@link RefusedPushdown}; a cursor answered
 * twice in a row ends the fetch with an error instead of a loop.
 */
final class RunPages implements Iterator<RunNode> {
  private final RunsQuery firstPage;
  private final AheadReads reads;
  private final IntSupplier pageSize;
  private final boolean countRuns;
  private final boolean readNextAhead;
  private final Runnable beforeFirstPage;
  private final CallControl control;

  private Iterator<RunNode> rows = Collections.emptyIterator();
  private boolean started;
  private boolean morePages = true;
  private String cursor;

  /**
   * @param pageSize the runs to ask for in the next request, asked before each one
   * @param countRuns whether the first page also asks how many runs match
   * @param beforeFirstPage runs before the first page is requested (reads of following fetches)
   */
  RunPages(RunsQuery firstPage, AheadReads reads, IntSupplier pageSize, boolean countRuns,
      boolean readNextAhead, Runnable beforeFirstPage, CallControl control) {
    this.firstPage = firstPage;
    this.reads = reads;
    this.pageSize = pageSize;
    this.countRuns = countRuns;
    this.readNextAhead = readNextAhead;
    this.beforeFirstPage = beforeFirstPage;
    this.control = control;
  }

  @Override
  public boolean hasNext() {
    while (!rows.hasNext() && morePages) {
      fetchNextPage();
    }
    return rows.hasNext();
  }

  @Override
  public RunNode next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return rows.next();
  }

  private void fetchNextPage() {
    control.check();
    String previous = cursor;
    RunsQuery query = nextQuery();
    Page<RunNode> page;
    try {
      page = reads.read(query, started ? () -> { } : beforeFirstPage);
    } catch (WandbApiException e) {
      if (Fallback.isRefusal(e, query.filters(), query.order())) {
        throw new RefusedPushdown(query, e);
      }
      throw e;
    }
    started = true;
    rows = page.items().iterator();
    morePages = page.hasNextPage();
    cursor = page.endCursor();
    if (morePages && Objects.equals(previous, cursor)) {
      throw new WandbApiException(WandbApiException.Kind.MALFORMED_RESPONSE, "W&B returned the"
          + " same page cursor twice while listing runs of " + query.entity() + "/"
          + query.project() + "; stopping instead of looping. Please report this.");
    }
    if (morePages && readNextAhead) {
      reads.readNextAhead(nextQuery());
    }
  }

  private RunsQuery nextQuery() {
    return (started ? firstPage.after(cursor) : firstPage.withRunCount(countRuns))
        .withFirst(pageSize.getAsInt());
  }
}
