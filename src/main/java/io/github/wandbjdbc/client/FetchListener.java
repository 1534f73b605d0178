package io.github.wandbjdbc.client;

import java.util.OptionalLong;

/** Told of every page of data the client receives; for progress displays. */
@FunctionalInterface
public interface FetchListener {
  FetchListener NONE = (what, items, total) -> { };

  /**
   * A page arrived.
   *
   * @param what what was fetched, a plural noun: "runs", "history rows", "files", …
   * @param items how many of them the page held
   * @param total how many match in all, when W&B said so
   */
  void fetched(String what, int items, OptionalLong total);
}
