package io.github.wandbjdbc.calcite.common;

import java.util.Iterator;
import java.util.function.Function;

/** W&B objects as table rows, converted one at a time as they are read. */
public final class MappedIterator<T> implements Iterator<Object[]> {
  private final Iterator<T> items;
  private final Function<T, Object[]> toRow;

  public MappedIterator(Iterator<T> items, Function<T, Object[]> toRow) {
    this.items = items;
    this.toRow = toRow;
  }

  @Override
  public boolean hasNext() {
    return items.hasNext();
  }

  @Override
  public Object[] next() {
    return toRow.apply(items.next());
  }
}
