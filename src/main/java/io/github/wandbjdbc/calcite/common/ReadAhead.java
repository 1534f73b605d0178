package io.github.wandbjdbc.calcite.common;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The rows of independent reads, in the reads' order, with some of the next reads running on an
 * executor while the consumer uses the current one's rows. Reads start ahead only once the
 * consumer has taken {@value #ROWS_BEFORE_READING_AHEAD} rows: a LIMIT or a tool's first screen
 * wants fewer, and costs no more requests than reading one after another. From there, how far
 * it reads ahead doubles with each read up to {@code maxAhead}, so a long scan soon has
 * {@code maxAhead + 1} reads in flight. Rows come in the reads' order whatever order the reads
 * finish in: exactly the rows of the sequential reading.
 *
 * <p>Only the consumer's thread calls it. Reads it never returns are cancelled on
 * {@link #close()}, and their failures are never seen: they were not needed.
 */
public final class ReadAhead<R> implements Iterator<R>, AutoCloseable {
  static final int ROWS_BEFORE_READING_AHEAD = 1000;

  private final Iterator<? extends Supplier<List<R>>> reads;
  private final ExecutorService executor;
  private final int maxAhead;
  private final ArrayDeque<PendingRead<List<R>>> started = new ArrayDeque<>();
  private Iterator<R> rows = Collections.emptyIterator();
  private long taken;
  private int ahead;
  private boolean closed;

  public ReadAhead(Iterator<? extends Supplier<List<R>>> reads, ExecutorService executor, int maxAhead) {
    this.reads = reads;
    this.executor = executor;
    this.maxAhead = maxAhead;
  }

  @Override
  public boolean hasNext() {
    while (!closed && !rows.hasNext() && (!started.isEmpty() || reads.hasNext())) {
      rows = nextRead().iterator();
    }
    return !closed && rows.hasNext();
  }

  @Override
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    taken++;
    return rows.next();
  }

  private List<R> nextRead() {
    PendingRead<List<R>> head = started.poll();
    Supplier<List<R>> own = head == null ? reads.next() : null;
    if (taken >= ROWS_BEFORE_READING_AHEAD) {
      ahead = Math.min(maxAhead, Math.max(1, ahead * 2));
    }
    while (started.size() < ahead && reads.hasNext()) {
      started.add(PendingRead.start(executor, reads.next()));
    }
    // A read nobody has started yet runs here, on the consumer's thread.
    return own != null ? own.get() : head.await();
  }

  /** Cancels the reads started ahead; no further read starts. */
  @Override
  public void close() {
    closed = true;
    rows = Collections.emptyIterator();
    started.forEach(PendingRead::cancel);
    started.clear();
  }
}
