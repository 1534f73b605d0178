package io.github.wandbjdbc.calcite.common;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** The items of each outer item's inner iterator, in turn; an inner one starts when needed. */
public final class FlatMapIterator<O, T> implements Iterator<T> {
  private final Iterator<O> outer;
  private final Function<O, Iterator<T>> inner;
  private Iterator<T> current = Collections.emptyIterator();

  public FlatMapIterator(Iterator<O> outer, Function<O, Iterator<T>> inner) {
    this.outer = outer;
    this.inner = inner;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext() && outer.hasNext()) {
      current = inner.apply(outer.next());
    }
    return current.hasNext();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
