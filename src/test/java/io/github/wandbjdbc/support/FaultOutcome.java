package io.github.wandbjdbc.support;

import io.github.wandbjdbc.testserver.faults.Fault;

import java.util.List;

/**
 * What a schedule of faults must do to one scan, computed from the faults alone before the scan
 * runs: the fault-free rows, the SQLException of the fault that uses up a request's retries, or
 * the query timeout. Only where the time a schedule takes decides between two of these (the
 * faults' delays against the query timeout) are both allowed, and then only those two.
 */
public final class FaultOutcome {
  public static final String TIMEOUT = "HYT00";
  /** Scheduling, a reconnect, the watchdog's 25 ms period: what an attempt adds to its fault. */
  private static final long SLACK_MILLIS = 60;
  /** How far past the timeout the forced delays must reach before only the timeout is allowed. */
  private static final long TIMEOUT_MARGIN_MILLIS = 300;

  private FaultOutcome() {}

  /**
   * What one fault does to the attempt that takes it: the state and words of the error it ends
   * in once no retry is left (null for a fault after which the answer arrives whole), and how
   * long it holds the attempt at least and at most (backoff not included).
   */
  public record Effect(String state, String said, long minMillis, long maxMillis) {
    boolean fails() {
      return state != null;
    }
  }

  /**
   * A scan's required outcome: the fault-free rows ({@code state} null) or an SQLException with
   * {@code state} whose message contains {@code said}; {@code orTimeout} when the query timeout
   * may end the scan first, which time alone decides.
   */
  public record Expected(String state, String said, boolean orTimeout) {
    public static final Expected ROWS = new Expected(null, null, false);
    public static final Expected TIMED_OUT = new Expected(TIMEOUT, "timeout of ", false);

    public boolean rows() {
      return state == null;
    }

    @Override
    public String toString() {
      return (rows() ? "the fault-free rows" : state + " (\"" + said + "\")")
          + (orTimeout ? " or " + TIMEOUT : "");
    }
  }

  /** The retry budget and timings of the connection the scans run on. */
  public record Settings(int maxRetries, long requestTimeoutMillis, long backoffMillis,
      long maxWaitMillis) {
    /** The longest wait before retry {@code n} (from 1): doubled backoff, 25% jitter, capped. */
    long backoffMax(int n) {
      long exp = backoffMillis << Math.min(n - 1, 30);
      return Math.min(exp + exp / 4 + 1, maxWaitMillis);
    }
  }

  public static Effect effect(Fault f, Settings s) {
    long rt = s.requestTimeoutMillis();
    if (f.status() == 429) {
      return new Effect("53400", "kept rate-limiting the driver (HTTP 429)", 0, SLACK_MILLIS);
    }
    if (f.status() >= 500) {
      return new Effect("58000", "W&B answered HTTP " + f.status(), 0, SLACK_MILLIS);
    }
    if (f.status() == 200) {
      return new Effect("08P01", "could not be read", 0, SLACK_MILLIS);
    }
    switch (f.breakage()) {
      case RESET_BEFORE_RESPONSE, RESET_MID_BODY -> {
        return new Effect("08006", "The connection to W&B at ", 0, SLACK_MILLIS);
      }
      case TRICKLE -> {
        if (f.trickleMillis() <= rt + SLACK_MILLIS) {
          throw new IllegalArgumentException("a trickle that may end within the request timeout");
        }
        return new Effect("08006", "no complete answer within requestTimeoutMs=" + rt, rt,
            rt + SLACK_MILLIS);
      }
      default -> {
        if (f.status() != 0 || f.delayMillis() + SLACK_MILLIS >= rt) {
          throw new IllegalArgumentException("not a fault this model knows: " + f);
        }
        return new Effect(null, null, f.delayMillis(), f.delayMillis() + SLACK_MILLIS);
      }
    }
  }

  /** A fault in a few words, for failure messages: {@code 503}, {@code trickle 1500 ms@Runs}. */
  public static String describe(Fault f) {
    String what = f.status() != 0 ? String.valueOf(f.status())
        : switch (f.breakage()) {
          case RESET_BEFORE_RESPONSE -> "reset before response";
          case RESET_MID_BODY -> "reset mid-body";
          case TRICKLE -> "trickle " + f.trickleMillis() + " ms";
          case NONE -> "delay " + f.delayMillis() + " ms";
        };
    return f.operationName() == null ? what : what + "@" + f.operationName();
  }

  /**
   * A scan whose requests go one at a time and may all take every fault: each attempt takes the
   * next fault, and a failed attempt is retried before any other request is sent, so a run of
   * consecutive failing faults lands on one request, which fails on the one after its last retry.
   *
   * @param baseMaxMillis the most the scan takes without faults
   * @param timeoutMillis the query timeout, 0 for none
   */
  public static Expected sequential(List<Effect> effects, Settings s, long baseMaxMillis,
      long timeoutMillis) {
    long min = 0;
    long max = baseMaxMillis;
    int failedInARow = 0;
    for (Effect e : effects) {
      min += e.minMillis();
      max += e.maxMillis();
      if (!e.fails()) {
        failedInARow = 0;
        continue;
      }
      failedInARow++;
      if (failedInARow > s.maxRetries()) {
        return timed(new Expected(e.state(), e.said(), false), min, max, timeoutMillis);
      }
      max += s.backoffMax(failedInARow);
    }
    return timed(Expected.ROWS, min, max, timeoutMillis);
  }

  /**
   * A scan whose requests run side by side, taking faults in an order nobody knows: its retry
   * budget must cover every fault that can reach it (all on one request), and its time is at most
   * the faults' one after the other.
   */
  public static Expected concurrent(List<Effect> effects, Settings s, long baseMaxMillis,
      long timeoutMillis) {
    long failing = effects.stream().filter(Effect::fails).count();
    if (failing > s.maxRetries()) {
      throw new IllegalArgumentException(failing + " failing faults for a concurrent scan with"
          + " maxRetries=" + s.maxRetries() + ": which request fails would be chance");
    }
    long max = baseMaxMillis;
    int n = 0;
    for (Effect e : effects) {
      max += e.maxMillis() + (e.fails() ? s.backoffMax(++n) : 0);
    }
    return timed(Expected.ROWS, 0, max, timeoutMillis);
  }

  /** Under a query timeout: the outcome without one, the timeout, or either where time decides. */
  private static Expected timed(Expected untimed, long minMillis, long maxMillis,
      long timeoutMillis) {
    if (timeoutMillis <= 0 || maxMillis < timeoutMillis) {
      return untimed;
    }
    if (minMillis > timeoutMillis + TIMEOUT_MARGIN_MILLIS) {
      return Expected.TIMED_OUT;
    }
    return new Expected(untimed.state(), untimed.said(), true);
  }
}
