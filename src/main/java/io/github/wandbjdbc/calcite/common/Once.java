package io.github.wandbjdbc.calcite.common;

import java.util.function.Supplier;

/**
 * A value computed on first use, once, even when several threads ask at the same time; used for
 * column discovery, which costs a request. A failure is not remembered: the next call tries again.
 */
public final class Once<T> implements Supplier<T> {
  private final Supplier<T> compute;
  private volatile T value;

  public Once(Supplier<T> compute) {
    this.compute = compute;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        if (value == null) {
          value = compute.get();
        }
        v = value;
      }
    }
    return v;
  }
}
