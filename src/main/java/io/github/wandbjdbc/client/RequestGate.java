package io.github.wandbjdbc.client;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every request of one connection passes before it is sent: a bound on the requests in
 * flight at once (the {@code parallelism} property), and a pause they all share once W&B has
 * rate-limited one of them. Without the shared pause, each parallel reader would find out about
 * the limit with a 429 of its own and make the storm worse.
 */
final class RequestGate {
  private final Semaphore slots;
  /** {@link System#nanoTime()} before which no request may start; 0 when there is no pause. */
  private final AtomicLong pausedUntil = new AtomicLong();

  /** A slot held by one request; closing it frees the slot. */
  interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  RequestGate(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.slots = new Semaphore(capacity, true);
  }

  /**
   * Waits out any shared pause, then for a free slot; gives up as soon as {@code control} says
   * the call must stop.
   */
  Slot enter(CallControl control) {
    try {
      waitOutPause(control);
      while (!slots.tryAcquire(CallControl.SLEEP_SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
        control.check();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw control.cancelled();
    }
    return slots::release;
  }

  /** Holds every request of the connection back for {@code wait} from now (or longer if asked). */
  void pause(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    pausedUntil.accumulateAndGet(until, (a, b) -> a == 0 || b - a > 0 ? b : a);
  }

  /** Sleeps until the pause ends, looking again each slice: another 429 may extend it. */
  private void waitOutPause(CallControl control) {
    for (long until = pausedUntil.get(); until != 0; until = pausedUntil.get()) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      if (control.hasDeadline() && control.remaining().toNanos() <= left) {
        throw control.timedOut();
      }
      control.sleep(Duration.ofNanos(Math.min(left,
          TimeUnit.MILLISECONDS.toNanos(CallControl.SLEEP_SLICE_MILLIS))));
    }
  }
}
