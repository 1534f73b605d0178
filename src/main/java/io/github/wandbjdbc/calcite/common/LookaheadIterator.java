package io.github.wandbjdbc.calcite.common;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator that finds its next element ahead, in {@link #computeNext()}, for readers that skip
 * or hold back elements; {@code hasNext} may be asked any number of times.
 */
public abstract class LookaheadIterator<T> implements Iterator<T> {
  private T next;

  /** The next element, or {@code null} when there is none. */
  protected abstract T computeNext();

  @Override
  public final boolean hasNext() {
    if (next == null) {
      next = computeNext();
    }
    return next != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T element = next;
    next = null;
    return element;
  }
}
