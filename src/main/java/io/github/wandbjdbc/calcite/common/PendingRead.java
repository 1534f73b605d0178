package io.github.wandbjdbc.calcite.common;

import io.github.wandbjdbc.client.WandbApiException;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A read started on another thread before its result is needed. Waiting for it gives its result
 * or throws what the read threw, as if it had run on the waiting thread. Cancelling it returns
 * only once it is no longer running, so that a closed statement has no request left in flight:
 * the cancel interrupts the reading thread, which aborts a request on the wire at once (see
 * {@code RequestWatchdog}).
 */
public final class PendingRead<T> {
  private static final System.Logger LOG = System.getLogger(PendingRead.class.getName());
  /** Longest wait in {@link #cancel()} for an interrupted read to end; a safety net only. */
  private static final long CANCEL_WAIT_SECONDS = 30;

  /** Set by whichever comes first: the read starting, or a cancel before it started. */
  private final AtomicBoolean claimed = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Future<T> future;

  private PendingRead(ExecutorService executor, Supplier<T> read) {
    this.future = executor.submit(() -> {
      if (!claimed.compareAndSet(false, true)) {
        return null; // cancelled before it started
      }
      try {
        return read.get();
      } finally {
        finished.countDown();
      }
    });
  }

  public static <T> PendingRead<T> start(ExecutorService executor, Supplier<T> read) {
    return new PendingRead<>(executor, read);
  }

  public T await() {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new WandbApiException(WandbApiException.Kind.CANCELLED,
          "The statement's thread was interrupted while waiting for W&B.");
    } catch (CancellationException e) {
      throw new WandbApiException(WandbApiException.Kind.CANCELLED,
          "The statement was closed while reading from W&B.");
    }
  }

  /**
   * Stops the read: it never starts if it has not; a running one is interrupted, which aborts a
   * request already sent, and waited for. Its result and failure are never seen.
   */
  public void cancel() {
    if (claimed.compareAndSet(false, true)) {
      future.cancel(false);
      return;
    }
    future.cancel(true);
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          if (!finished.await(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.log(System.Logger.Level.WARNING, "A read ahead for a closed statement has not"
                + " ended " + CANCEL_WAIT_SECONDS + " s after it was interrupted; not waiting.");
          }
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
