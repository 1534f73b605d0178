package io.github.wandbjdbc.testserver;

/** The {@code first} argument of connections: default {@value #DEFAULT}, at most {@value #MAX}. */
final class PageSize {

  static final int DEFAULT = 50;
  static final int MAX = 1000;

  private PageSize() {
  }

  static int resolve(Integer first) {
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
