package io.github.wandbjdbc.calcite.common;

import io.github.wandbjdbc.source.WandbSource;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the tables of one JDBC connection share: the source they read, the entity whose projects are the
 * schemas, and the scan settings. Closed with the connection.
 */
public final class WandbSession implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WandbSession.class.getName());

  private final WandbSource source;
  private final String entity;
  private final ScanSettings settings;
  /** Set once W&B refuses a pushed filter or order: later scans evaluate theirs in the driver. */
  private final AtomicBoolean pushdownRefused = new AtomicBoolean();
  private ExecutorService readers;

  public WandbSession(WandbSource source, String entity, ScanSettings settings) {
    this.source = Objects.requireNonNull(source, "source");
    this.entity = Objects.requireNonNull(entity, "entity");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Where the tables read from (W&B's GraphQL API, or another source). */
  public WandbSource source() {
    return source;
  }

  public String entity() {
    return entity;
  }

  public ScanSettings settings() {
    return settings;
  }

  public boolean pushdownRefused() {
    return pushdownRefused.get();
  }

  /**
   * Remembers that W&B refused what a scan of {@code project} pushed; warns the first time, since
   * scans of this connection now read every run.
   */
  public void refusePushdown(String project, Exception refusal) {
    if (pushdownRefused.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, () -> "The filter or order pushed into a scan of "
          + entity + "/" + project + " was not accepted: " + refusal.getMessage()
          + " Evaluating filters and orders in the driver for the rest of this connection.");
    }
  }

  /**
   * The threads that run this connection's reads ahead ({@link ReadAhead}): one more than it
   * may read ahead, since the read its consumer waits for runs here too; started when first
   * needed, ended when idle for a few seconds and at close.
   */
  public synchronized ExecutorService readers() {
    if (readers == null) {
      int threads = settings.readAhead() + 1;
      AtomicInteger made = new AtomicInteger();
      ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 5, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "wandb-jdbc-reader-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      pool.allowCoreThreadTimeOut(true);
      readers = pool;
    }
    return readers;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (readers != null) {
        readers.shutdownNow();
      }
    }
    source.close();
  }

  @Override
  public String toString() {
    return "WandbSession[entity=" + entity + "]";
  }
}
