package io.github.wandbjdbc.calcite.common;

import io.github.wandbjdbc.client.CallControl;

import java.util.concurrent.Callable;

/**
 * The cancel flag and query timeout of the statement being planned on this thread. Planning asks
 * W&B too (a table's columns, a project's existence), and Calcite plans on the caller's thread
 * without handing the statement to the tables, so the JDBC layer sets it around the call that
 * plans, and the tables read it. Without it those requests ignored the query timeout and a
 * cancel, and could keep a statement waiting through every retry.
 */
public final class PlanningControl {
  private static final ThreadLocal<CallControl> CURRENT = new ThreadLocal<>();

  private PlanningControl() {}

  /** Runs {@code planning} with {@code control} as the current statement's. */
  public static <T> T during(CallControl control, Callable<T> planning) throws Exception {
    CallControl outer = CURRENT.get();
    if (outer == control) {
      return planning.call();
    }
    CURRENT.set(control);
    try {
      return planning.call();
    } finally {
      // Back to the outer control, or to none: set, not removed, because a result set's next()
      // comes here once per row, and a removed entry is made again by the next get().
      CURRENT.set(outer);
    }
  }

  /** The control of the statement planned on this thread; {@link CallControl#NONE} outside one. */
  public static CallControl current() {
    CallControl control = CURRENT.get();
    return control == null ? CallControl.NONE : control;
  }
}
