package io.github.wandbjdbc.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What may stop a call early: the statement's cancel flag and its query timeout. The transport
 * checks it before each attempt, while waiting to retry and while a request is in flight, so
 * that a cancel or a timeout always wins over retrying.
 */
public final class CallControl {
  /** No cancel flag, no timeout. */
  public static final CallControl NONE = new CallControl(null, 0, null);

  private final AtomicBoolean cancelFlag;
  private final long deadlineNanos;
  private final Duration timeout;

  private CallControl(AtomicBoolean cancelFlag, long deadlineNanos, Duration timeout) {
    this.cancelFlag = cancelFlag;
    this.deadlineNanos = deadlineNanos;
    this.timeout = timeout;
  }

  /**
   * A control for a statement.
   *
   * @param cancelFlag set when the statement is cancelled; may be null
   * @param timeout the query timeout, counted from now; null or zero for none
   */
  public static CallControl of(AtomicBoolean cancelFlag, Duration timeout) {
    boolean timed = timeout != null && !timeout.isZero() && !timeout.isNegative();
    return new CallControl(cancelFlag, timed ? System.nanoTime() + timeout.toNanos() : 0,
        timed ? timeout : null);
  }

  public boolean isCancelled() {
    return cancelFlag != null && cancelFlag.get();
  }

  public boolean hasDeadline() {
    return timeout != null;
  }

  public boolean isExpired() {
    return hasDeadline() && System.nanoTime() - deadlineNanos >= 0;
  }

  /** Whether anything can stop a call, i.e. whether a watchdog is worth scheduling. */
  boolean isStoppable() {
    return cancelFlag != null || hasDeadline();
  }

  /** Time left before the deadline; a very long duration when there is none. */
  public Duration remaining() {
    if (!hasDeadline()) {
      return Duration.ofDays(365);
    }
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /** Throws when the call must stop: cancelled, or past the deadline. */
  public void check() {
    if (isCancelled()) {
      throw cancelled();
    }
    if (isExpired()) {
      throw timedOut();
    }
  }

  WandbApiException cancelled() {
    return new WandbApiException(WandbApiException.Kind.CANCELLED,
        "The statement was cancelled; no further requests were sent to W&B.");
  }

  WandbApiException timedOut() {
    return new WandbApiException(WandbApiException.Kind.QUERY_TIMEOUT,
        "The query ran past its timeout of " + describe(timeout)
            + " (Statement.setQueryTimeout) while waiting for W&B. Raise the timeout, or select"
            + " fewer runs with WHERE or LIMIT.");
  }

  private static String describe(Duration d) {
    if (d == null) {
      return "none";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
