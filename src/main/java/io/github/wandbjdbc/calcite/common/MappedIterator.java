package io.github.wandbjdbc.calcite.common;

import java.util.Iterator;
import java.util.function.Function;

/** W&B objects as table rows (or reads as reads of rows), converted one at a time as read. */
public final class MappedIterator<T, R> implements Iterator<R> {
  private final Iterator<T> items;
  private final Function<T, R> toRow;

  public MappedIterator(Iterator<T> items, Function<T, R> toRow) {
    this.items = items;
    this.toRow = toRow;
  }

  @Override
  public boolean hasNext() {
    return items.hasNext();
  }

  @Override
  public R next() {
    return toRow.apply(items.next());
  }
}
