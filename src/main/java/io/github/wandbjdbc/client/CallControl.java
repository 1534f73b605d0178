package io.github.wandbjdbc.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What may stop a call early: the statement's cancel flag and its query timeout. The transport
 * checks it before each attempt, while waiting to retry and while a request is in flight, so
 * that a cancel or a timeout always wins over retrying. It also carries the statement's
 * {@link StatementWarnings}, so that a read that answers another way than asked can say so.
 */
public final class CallControl {
  /** No cancel flag, no timeout. */
  public static final CallControl NONE =
      new CallControl(null, 0, null, "", StatementWarnings.DISCARDED, null);
  /** How often a wait looks at the cancel flag and the deadline. */
  static final long SLEEP_SLICE_MILLIS = 25;

  private final AtomicBoolean cancelFlag;
  private final long deadlineNanos;
  private final Duration timeout;
  /** What the timeout limits, and where it is set, for the message when it runs out. */
  private final String limited;
  private final StatementWarnings warnings;
  /** What the scan this control belongs to holds until it ends (downloaded files); or null. */
  private final List<AutoCloseable> scanResources;

  private CallControl(AtomicBoolean cancelFlag, long deadlineNanos, Duration timeout,
      String limited, StatementWarnings warnings, List<AutoCloseable> scanResources) {
    this.cancelFlag = cancelFlag;
    this.deadlineNanos = deadlineNanos;
    this.timeout = timeout;
    this.limited = limited;
    this.warnings = warnings;
    this.scanResources = scanResources;
  }

  /** This control, reporting its warnings to {@code sink}. */
  public CallControl withWarnings(StatementWarnings sink) {
    return new CallControl(cancelFlag, deadlineNanos, timeout, limited, sink, scanResources);
  }

  /**
   * This control for one scan, which holds what its reads register with {@link #onScanEnd}
   * until {@link #endScan()}.
   */
  public CallControl forScan() {
    return new CallControl(cancelFlag, deadlineNanos, timeout, limited, warnings,
        new ArrayList<>());
  }

  /**
   * Closes {@code resource} when the scan ends, or now when the control belongs to no scan
   * (a read outside a statement then keeps nothing).
   */
  public void onScanEnd(AutoCloseable resource) {
    if (scanResources == null) {
      closeQuietly(resource);
      return;
    }
    synchronized (scanResources) {
      scanResources.add(resource);
    }
  }

  /** Whether this control belongs to a scan, which holds what is registered until it ends. */
  public boolean holdsScanResources() {
    return scanResources != null;
  }

  /** Closes what the scan's reads registered, newest first. */
  public void endScan() {
    if (scanResources == null) {
      return;
    }
    List<AutoCloseable> held;
    synchronized (scanResources) {
      held = new ArrayList<>(scanResources);
      scanResources.clear();
    }
    for (int i = held.size() - 1; i >= 0; i--) {
      closeQuietly(held.get(i));
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      // A resource that fails to close (a file already gone) leaves the scan nothing to do.
    }
  }

  /** The sink of this statement's warnings (one that discards them outside a statement). */
  public StatementWarnings warnings() {
    return warnings;
  }

  /** Tells the statement's user something they should know about its answer. */
  public void warn(String message) {
    warnings.add(message);
  }

  /**
   * A control for a statement.
   *
   * @param cancelFlag set when the statement is cancelled; may be null
   * @param timeout the query timeout, counted from now; null or zero for none
   */
  public static CallControl of(AtomicBoolean cancelFlag, Duration timeout) {
    return timed(cancelFlag, timeout, "The query ran past its timeout of %s"
        + " (Statement.setQueryTimeout) while waiting for W&B. Raise the timeout, or select fewer"
        + " runs with WHERE or LIMIT.");
  }

  /** A control for opening a connection, bounded by the JDBC login timeout (0 for none). */
  public static CallControl forLogin(Duration loginTimeout) {
    return timed(null, loginTimeout, "Connecting to W&B took longer than the login timeout of %s"
        + " (DriverManager.setLoginTimeout). Check that baseUrl answers, or raise the timeout.");
  }

  private static CallControl timed(AtomicBoolean cancelFlag, Duration timeout, String limited) {
    boolean timed = timeout != null && !timeout.isZero() && !timeout.isNegative();
    return new CallControl(cancelFlag, timed ? System.nanoTime() + timeout.toNanos() : 0,
        timed ? timeout : null, limited, StatementWarnings.DISCARDED, null);
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

  /** Time left before the deadline; a very long duration when there is none. */
  public Duration remaining() {
    if (!hasDeadline()) {
      return Duration.ofDays(365);
    }
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /**
   * Waits {@code wait} in short slices, checking before each whether the call must stop, so that
   * a cancel or the deadline ends the wait at once rather than when it is over.
   */
  void sleep(Duration wait) {
    long end = System.nanoTime() + wait.toNanos();
    try {
      for (long left = wait.toNanos(); left > 0; left = end - System.nanoTime()) {
        check();
        Thread.sleep(Math.min(SLEEP_SLICE_MILLIS, Math.max(1, left / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cancelled();
    }
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
        String.format(limited, describe(timeout)));
  }

  private static String describe(Duration d) {
    if (d == null) {
      return "none";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
