package io.github.wandbjdbc.calcite.common;

import org.apache.calcite.linq4j.Enumerator;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Rows of a lazy iterator as a Calcite enumerator. Closing it stops the reading: no request is
 * made after {@link #close()}, and reads started ahead are cancelled.
 */
public final class IteratorEnumerator implements Enumerator<Object[]> {
  private final Iterator<Object[]> rows;
  private final Runnable onClose;
  private Object[] current;
  private boolean closed;

  public IteratorEnumerator(Iterator<Object[]> rows) {
    this(rows, () -> { });
  }

  /** @param onClose stops what reads ahead of {@code rows} */
  public IteratorEnumerator(Iterator<Object[]> rows, Runnable onClose) {
    this.rows = rows;
    this.onClose = onClose;
  }

  @Override
  public Object[] current() {
    if (current == null) {
      throw new NoSuchElementException();
    }
    return current;
  }

  @Override
  public boolean moveNext() {
    if (closed || !rows.hasNext()) {
      current = null;
      return false;
    }
    current = rows.next();
    return true;
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("W&B scans are read once");
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      current = null;
      onClose.run();
    }
  }
}
