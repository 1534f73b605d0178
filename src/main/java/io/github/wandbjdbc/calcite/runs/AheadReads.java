package io.github.wandbjdbc.calcite.runs;

import io.github.wandbjdbc.calcite.common.PendingRead;
import io.github.wandbjdbc.client.RunsQuery;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.RunNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The page reads of one scan of runs, some started ahead of need on the connection's reader
 * threads: the next page of the fetch being read, and the first pages of the segments after a
 * few-run one. A read takes the page asked for ahead when that request answers it (the same
 * request, or the same one for more runs: a superset of the page, read to its end), else asks on
 * the calling thread.
 */
final class AheadReads {
  private final Function<RunsQuery, Page<RunNode>> read;
  private final Supplier<ExecutorService> readers;
  /** The next page of the current fetch, requested ahead; null when none is. */
  private Ahead nextPage;
  /** First pages of the fetches after the current one. */
  private final List<Ahead> following = new ArrayList<>();

  private record Ahead(RunsQuery query, PendingRead<Page<RunNode>> page) {
    boolean answers(RunsQuery wanted) {
      return query.first() >= wanted.first() && query.withFirst(wanted.first()).equals(wanted);
    }
  }

  /**
   * @param read reads one page on the thread it is called on
   * @param readers the threads reads ahead run on, asked for only when one is started
   */
  AheadReads(Function<RunsQuery, Page<RunNode>> read, Supplier<ExecutorService> readers) {
    this.read = read;
    this.readers = readers;
  }

  /**
   * The page {@code query} asks for. {@code beforeRequest} runs once the page asked ahead is
   * taken and before waiting or asking, so that reads it starts overlap this one. A next page
   * asked ahead that this was not is cancelled.
   */
  Page<RunNode> read(RunsQuery query, Runnable beforeRequest) {
    Ahead ahead = take(query);
    beforeRequest.run();
    Page<RunNode> page = ahead != null ? ahead.page().await() : read.apply(query);
    if (nextPage != null) {
      nextPage.page().cancel();
      nextPage = null;
    }
    return page;
  }

  /** Starts reading the next page of the current fetch. */
  void readNextAhead(RunsQuery query) {
    nextPage = start(query);
  }

  /** Starts reading the first pages of the fetches after the current one, unless done already. */
  void readFollowingAhead(List<RunsQuery> queries) {
    if (following.isEmpty()) {
      queries.forEach(q -> following.add(start(q)));
    }
  }

  /** Cancels every read started ahead; their results and failures are never seen. */
  void cancelAll() {
    if (nextPage != null) {
      nextPage.page().cancel();
      nextPage = null;
    }
    following.forEach(p -> p.page().cancel());
    following.clear();
  }

  private Ahead take(RunsQuery query) {
    if (nextPage != null && nextPage.answers(query)) {
      Ahead p = nextPage;
      nextPage = null;
      return p;
    }
    for (int i = 0; i < following.size(); i++) {
      if (following.get(i).answers(query)) {
        return following.remove(i);
      }
    }
    return null;
  }

  private Ahead start(RunsQuery query) {
    return new Ahead(query, PendingRead.start(readers.get(), () -> read.apply(query)));
  }
}
