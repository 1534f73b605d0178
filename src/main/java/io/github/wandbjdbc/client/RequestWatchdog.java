package io.github.wandbjdbc.client;

import org.apache.hc.core5.concurrent.Cancellable;

import java.time.Duration;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Aborts requests in flight when their statement is cancelled, its timeout passes, the thread
 * waiting for the answer is interrupted, or the attempt itself has taken longer than its limit. A
 * blocking HTTP call cannot look at a flag itself, nor notice an interrupt, so one daemon thread
 * per client looks for them.
 *
 * <p>The interrupt is how a result set closed early stops the reads it started ahead: their
 * threads are interrupted, and their requests end at once instead of when W&B answers.
 *
 * <p>The attempt limit is what catches an answer that trickles in: the socket's read timeout only
 * bounds the wait for each next byte, so a server sending a few bytes every second would hold a
 * request, and the statement, forever.
 */
final class RequestWatchdog implements AutoCloseable {
  private static final long PERIOD_MILLIS = 25;
  private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

  private final ScheduledExecutorService scheduler;

  RequestWatchdog() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "wandb-jdbc-watchdog-" + THREAD_NUMBERS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    // The thread exists only while requests are watched.
    executor.setKeepAliveTime(2, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
    this.scheduler = executor;
  }

  /**
   * Watches {@code request} until the returned handle is closed, aborting it when {@code control}
   * says stop, when the calling thread is interrupted, or when {@code attemptLimit} has passed
   * since this call.
   */
  Watch watch(Cancellable request, CallControl control, Duration attemptLimit) {
    long deadline = System.nanoTime() + attemptLimit.toNanos();
    Thread caller = Thread.currentThread();
    AtomicBoolean ranOut = new AtomicBoolean();
    ScheduledFuture<?> task = scheduler.scheduleWithFixedDelay(() -> {
      if (control.isCancelled() || control.isExpired() || caller.isInterrupted()) {
        request.cancel();
      } else if (System.nanoTime() - deadline >= 0) {
        ranOut.set(true);
        request.cancel();
      }
    }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    return new Watch() {
      @Override
      public boolean ranOutOfTime() {
        return ranOut.get();
      }

      @Override
      public void close() {
        task.cancel(false);
      }
    };
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  /** One watched request. */
  interface Watch extends AutoCloseable {
    /** Whether the watchdog aborted the request because its attempt limit passed. */
    boolean ranOutOfTime();

    /** Ends the watch. */
    @Override
    void close();
  }
}
