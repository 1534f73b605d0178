package io.github.wandbjdbc.calcite.common;

import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.model.Page;

import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/**
 * The items of a Relay connection, one page fetched at a time when the previous one is used up.
 * The fetch function takes the cursor to continue after (null for the first page).
 */
public final class PagedIterator<T> implements Iterator<T> {
  private final Function<String, Page<T>> fetch;
  private Iterator<T> current = Collections.emptyIterator();
  private String cursor;
  private boolean more = true;
  private final Set<String> followed = new HashSet<>();

  public PagedIterator(Function<String, Page<T>> fetch) {
    this.fetch = fetch;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext() && more) {
      Page<T> page = fetch.apply(cursor);
      current = page.items().iterator();
      more = page.hasNextPage();
      cursor = page.endCursor();
      // A next page without a cursor, or at a cursor already followed, would repeat pages for
      // ever. Stopping quietly instead returned the repeated page's items twice (found by the
      // bad-input corpus: ArtifactTypes, ArtifactCollections and ArtifactVersions answering the
      // same page with hasNextPage true and the same endCursor twice); it is a malformed answer.
      if (more && (cursor == null || !followed.add(cursor))) {
        throw new WandbApiException(WandbApiException.Kind.MALFORMED_RESPONSE, "W&B "
            + (cursor == null ? "announced a next page without a cursor" : "returned the page"
            + " cursor " + cursor + " twice") + " while paging; stopping instead of looping."
            + " Please report this with your W&B server version.");
      }
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
