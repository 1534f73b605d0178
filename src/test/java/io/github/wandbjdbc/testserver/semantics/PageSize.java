package io.github.wandbjdbc.testserver.semantics;

/** The {@code first} argument of connections: default {@value #DEFAULT}, at most {@value #MAX}. */
public final class PageSize {

  static final int DEFAULT = 50;
  public static final int MAX = 1000;

  private PageSize() {
  }

  public static int resolve(Integer first) {
    if (first == null) {
      return DEFAULT;
    }
    if (first > MAX) {
      throw new RequestRejectedException("first must not exceed " + MAX);
    }
    if (first < 0) {
      throw new RequestRejectedException("first must not be negative");
    }
    return first;
  }
}
