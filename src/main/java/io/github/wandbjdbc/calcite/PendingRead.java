package io.github.wandbjdbc.calcite;

import io.github.wandbjdbc.client.WandbApiException;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A read started on another thread before its result is needed. Waiting for it gives its result
 * or throws what the read threw, as if it had run on the waiting thread.
 */
final class PendingRead<T> {
  private final Future<T> future;

  private PendingRead(Future<T> future) {
    this.future = future;
  }

  static <T> PendingRead<T> start(ExecutorService executor, Supplier<T> read) {
    return new PendingRead<>(executor.submit(read::get));
  }

  T await() {
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

  /** Stops the read if it has not finished; its result and failure are never seen. */
  void cancel() {
    future.cancel(true);
  }
}
