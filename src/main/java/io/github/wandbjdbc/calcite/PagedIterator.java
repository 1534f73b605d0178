package io.github.wandbjdbc.calcite;

import io.github.wandbjdbc.model.Page;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The items of a Relay connection, one page fetched at a time when the previous one is used up.
 * The fetch function takes the cursor to continue after (null for the first page).
 */
final class PagedIterator<T> implements Iterator<T> {
  private final Function<String, Page<T>> fetch;
  private Iterator<T> current = Collections.emptyIterator();
  private String cursor;
  private boolean more = true;

  PagedIterator(Function<String, Page<T>> fetch) {
    this.fetch = fetch;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext() && more) {
      Page<T> page = fetch.apply(cursor);
      current = page.items().iterator();
      // A next page without a new cursor would repeat this one for ever.
      more = page.hasNextPage() && page.endCursor() != null && !page.endCursor().equals(cursor);
      cursor = page.endCursor();
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
