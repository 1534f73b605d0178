package io.github.wandbjdbc.calcite;

import io.github.wandbjdbc.client.CallControl;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.client.WandbClient;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.pushdown.RunColumn;

import org.apache.calcite.linq4j.Enumerator;

import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Pages through runs lazily: the next page is requested only when the consumer has read the
 * current one, and never after {@link #close()}. A run seen on an earlier page is skipped, since
 * W&B has been seen to repeat runs across pages (wandb#6614).
 */
final class RunsEnumerator implements Enumerator<Object[]> {
  private final WandbClient client;
  private final RunsQuery firstPage;
  private final List<RunColumn> columns;
  private final CallControl control;

  private final Set<String> seen = new HashSet<>();
  private Iterator<RunNode> page = Collections.emptyIterator();
  private String cursor;
  private boolean started;
  private boolean morePages = true;
  private boolean closed;
  private Object[] current;

  RunsEnumerator(WandbClient client, RunsQuery firstPage, List<RunColumn> columns,
      CallControl control) {
    this.client = client;
    this.firstPage = firstPage;
    this.columns = columns;
    this.control = control;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    while (!closed) {
      if (page.hasNext()) {
        RunNode run = page.next();
        if (seen.add(run.name())) {
          current = row(run);
          return true;
        }
      } else if (morePages) {
        fetchNextPage();
      } else {
        return false;
      }
    }
    return false;
  }

  private void fetchNextPage() {
    control.check();
    String previous = cursor;
    Page<RunNode> next = client.runs(started ? firstPage.after(cursor) : firstPage, control);
    started = true;
    page = next.items().iterator();
    morePages = next.hasNextPage();
    cursor = next.endCursor();
    if (morePages && Objects.equals(previous, cursor)) {
      throw new WandbApiException(WandbApiException.Kind.MALFORMED_RESPONSE, "W&B returned the"
          + " same page cursor twice while listing runs of " + firstPage.entity() + "/"
          + firstPage.project() + "; stopping instead of looping. Please report this.");
    }
  }

  private Object[] row(RunNode run) {
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = ValueReader.read(columns.get(i), run);
    }
    return row;
  }

  @Override
  public void reset() {
    seen.clear();
    page = Collections.emptyIterator();
    cursor = null;
    started = false;
    morePages = true;
    current = null;
  }

  @Override
  public void close() {
    closed = true;
    page = Collections.emptyIterator();
  }
}
