package io.github.wandbjdbc.client;

import org.apache.hc.core5.concurrent.Cancellable;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Aborts requests in flight when their statement is cancelled or its timeout passes. A blocking
 * HTTP call cannot look at a flag itself, so one daemon thread per client looks for it.
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

  /** Watches {@code request} until the returned handle is closed. */
  Watch watch(Cancellable request, CallControl control) {
    if (!control.isStoppable()) {
      return () -> { };
    }
    ScheduledFuture<?> task = scheduler.scheduleWithFixedDelay(() -> {
      if (control.isCancelled() || control.isExpired()) {
        request.cancel();
      }
    }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    return () -> task.cancel(false);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  /** Ends one watch. */
  interface Watch extends AutoCloseable {
    @Override
    void close();
  }
}
