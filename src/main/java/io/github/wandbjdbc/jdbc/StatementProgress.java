package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.client.FetchListener;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * What the running statement of a connection has fetched, shown on one line of a terminal that
 * is rewritten in place ({@code fetched 1,200 of 2,000 runs, 35,000 history rows}) and erased
 * when the statement's rows are all read. Quiet for the first {@link #QUIET_NANOS}, so quick
 * statements print nothing, and then updated at most every {@link #EVERY_NANOS}.
 */
final class StatementProgress implements FetchListener {
  static final long QUIET_NANOS = 700_000_000L;
  static final long EVERY_NANOS = 200_000_000L;
  private static final String ERASE_LINE = "\r\033[K";

  /** One kind of item: how many arrived, and how many W&B said match (summed per scan). */
  private static final class Count {
    long fetched;
    long total = -1;
  }

  private final PrintStream terminal;
  private final LongSupplier clock;
  private final Map<String, Count> counts = new LinkedHashMap<>();
  private long startedAt;
  private long shownAt;
  private boolean shown;
  private boolean running;

  StatementProgress(PrintStream terminal, LongSupplier clock) {
    this.terminal = terminal;
    this.clock = clock;
  }

  /** A statement starts: counting begins again. */
  synchronized void started() {
    erase();
    counts.clear();
    startedAt = clock.getAsLong();
    running = true;
  }

  /** The statement's rows are read or it failed: the line goes away. */
  synchronized void finished() {
    erase();
    running = false;
  }

  @Override
  public synchronized void fetched(String what, int items, OptionalLong total) {
    Count c = counts.computeIfAbsent(what, k -> new Count());
    c.fetched += items;
    if (total.isPresent()) {
      c.total = Math.max(0, c.total) + total.getAsLong();
    }
    long now = clock.getAsLong();
    if (running && now - startedAt >= QUIET_NANOS && (!shown || now - shownAt >= EVERY_NANOS)) {
      terminal.print(ERASE_LINE + line());
      terminal.flush();
      shown = true;
      shownAt = now;
    }
  }

  /** The text of the progress line. */
  synchronized String line() {
    StringBuilder b = new StringBuilder("fetched ");
    String sep = "";
    for (Map.Entry<String, Count> e : counts.entrySet()) {
      Count c = e.getValue();
      b.append(sep).append(String.format("%,d", c.fetched));
      if (c.total >= 0) {
        b.append(String.format(" of %,d", c.total));
      }
      b.append(' ').append(e.getKey());
      sep = ", ";
    }
    return b.append(" … (Ctrl-C cancels)").toString();
  }

  private void erase() {
    if (shown) {
      terminal.print(ERASE_LINE);
      terminal.flush();
      shown = false;
    }
  }
}
