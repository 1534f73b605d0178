package io.github.wandbjdbc.pushdown;

/**
 * What a filter needs at execution time: the statement's parameter values and its
 * {@code CURRENT_TIMESTAMP}, the same values Calcite uses for the residual predicates.
 */
public interface Bindings {
  /** No parameters, and the clock of now; for plans without either. */
  Bindings NONE = new Bindings() {
    @Override
    public Object parameter(int index) {
      throw new IllegalStateException("no parameter ?" + index);
    }

    @Override
    public long currentTimestampMillis() {
      return System.currentTimeMillis();
    }
  };

  /** The value of {@code ?index} in Calcite's internal representation, or null. */
  Object parameter(int index);

  /** {@code CURRENT_TIMESTAMP} of the statement, epoch milliseconds (the connection is UTC). */
  long currentTimestampMillis();
}
