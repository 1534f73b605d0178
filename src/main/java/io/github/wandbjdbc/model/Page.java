package io.github.wandbjdbc.model;

import java.util.List;

/** One page of a Relay connection: its items and the cursor to continue after it. */
public record Page<T>(List<T> items, String endCursor, boolean hasNextPage) {
  public Page {
    items = List.copyOf(items);
  }
}
