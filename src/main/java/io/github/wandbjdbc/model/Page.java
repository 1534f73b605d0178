package io.github.wandbjdbc.model;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of a Relay connection: its items, the cursor to continue after it, and, when the
 * request asked for it, the total number of items across all pages.
 */
public record Page<T>(List<T> items, String endCursor, boolean hasNextPage, OptionalLong total) {
  public Page {
    items = List.copyOf(items);
  }

  public Page(List<T> items, String endCursor, boolean hasNextPage) {
    this(items, endCursor, hasNextPage, OptionalLong.empty());
  }

  /** No items and no next page: what a connection of a vanished parent reads as. */
  public static <T> Page<T> empty() {
    return new Page<>(List.of(), null, false);
  }

  public Page<T> withTotal(long count) {
    return new Page<>(items, endCursor, hasNextPage, OptionalLong.of(count));
  }
}
