package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.faults.Fault;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * 16 threads share a HikariCP pool of 8 connections for a minute, running a mix of queries over
 * runs, history, artifacts and a join while the test server keeps failing a steady share of the
 * requests (429s, 5xx, truncated JSON, TCP resets, latency spikes), and the pool retires each
 * connection after 30 s. Every query returns exactly its fault-free rows or a clear
 * {@code SQLException}; nothing deadlocks, no connection or thread outlives the pool, and the heap
 * after collection stays flat.
 *
 * <p>{@code -Dwandbjdbc.loadSeconds=N} shortens the run while working on it; the build runs 60.
 */
class PooledLoadTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension(b -> b.latencyMillis(5));

  private static final int THREADS = 16;
  private static final int POOL_SIZE = 8;
  private static final long SECONDS = Long.getLong("wandbjdbc.loadSeconds", 60);
  /** How many faults the feeder keeps queued; each request that takes one fails once. */
  private static final int FAULTS_QUEUED = 2;

  private record Query(String sql, boolean ordered) {}

  private static List<Query> mix() {
    List<RunData> withHistory = SERVER.server().data().project(ENTITY, BIG_PROJECT).runs().stream()
        .filter(r -> r.historyLineCount() > 100 && r.historyLineCount() < 3000).limit(3).toList();
    String one = "'" + withHistory.get(0).name() + "'";
    String three = withHistory.stream().map(r -> "'" + r.name() + "'")
        .collect(Collectors.joining(", "));
    return List.of(
        new Query("SELECT run_id, state FROM runs ORDER BY created_at DESC LIMIT 5", true),
        new Query("SELECT COUNT(*) FROM runs WHERE state = 'crashed'", true),
        new Query("SELECT run_id, \"summary.loss\" FROM runs WHERE state = 'finished'"
            + " ORDER BY \"summary.loss\", run_id LIMIT 10", true),
        new Query("SELECT run_id, state, created_at FROM runs WHERE state = 'failed'", false),
        new Query("SELECT step, \"row\" FROM history WHERE run_id = " + one
            + " AND step < 2000 ORDER BY step", true),
        new Query("SELECT artifact_id, type, version FROM artifacts", false),
        new Query("SELECT r.run_id, COUNT(*), MAX(h.step) FROM runs r JOIN history h"
            + " ON h.run_id = r.run_id WHERE r.run_id IN (" + three + ") GROUP BY r.run_id", false));
  }

  private static Fault fault(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> Fault.status(429).header("Retry-After", "0");
      case 1 -> Fault.status(500);
      case 2 -> Fault.body(502, "<html>Bad Gateway</html>");
      case 3 -> Fault.status(503);
      case 4 -> Fault.body(200, "{\"data\": {\"project\": {\"runs\": {\"edges\": [");
      case 5 -> Fault.resetBeforeResponse();
      case 6 -> Fault.resetMidBody();
      default -> Fault.delayMillis(50 + random.nextInt(250));
    };
  }

  private static List<List<Object>> rows(Connection c, Query q) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(30);
      try (ResultSet rs = s.executeQuery(q.sql())) {
        List<List<Object>> rows = SqlRows.rows(rs);
        return q.ordered() ? rows : SqlRows.sorted(rows);
      }
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void sixteenThreadsForAMinuteWithFaults() throws Exception {
    List<Query> mix = mix();
    List<List<List<Object>>> expected = new ArrayList<>();
    try (Connection c = SERVER.connect()) {
      for (Query q : mix) {
        expected.add(rows(c, q));
      }
    }
    ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Set<Long> threadsBefore = liveThreadIds();
    long heapBefore = heapAfterGc(memory);

    HikariConfig config = new HikariConfig();
    config.setDriverClassName(WandbDriver.class.getName());
    config.setJdbcUrl(WandbDriver.PREFIX + "entity=" + ENTITY + ";project=" + BIG_PROJECT);
    config.setDataSourceProperties(SERVER.properties("maxRetries", "8", "retryBackoffMs", "10",
        "requestTimeoutMs", "5000", "parallelism", "4"));
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMaxLifetime(30_000); // Hikari's shortest: connections are closed and replaced under load
    config.setConnectionTimeout(30_000);

    LongAdder exact = new LongAdder();
    Map<String, AtomicInteger> failedByState = new ConcurrentHashMap<>();
    List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    List<Long> heapDuring = new ArrayList<>();
    int peakThreads;
    long requests = 0;
    int faultsServed = 0; // enqueued, until the end takes off those no request took
    try (HikariDataSource pool = new HikariDataSource(config)) {
      ExecutorService workers = Executors.newFixedThreadPool(THREADS);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(t);
        running.add(workers.submit(() -> {
          while (System.nanoTime() < end) {
            int pick = random.nextInt(mix.size());
            try (Connection c = pool.getConnection()) {
              List<List<Object>> got = rows(c, mix.get(pick));
              if (got.equals(expected.get(pick))) {
                exact.increment();
              } else {
                wrong.add(mix.get(pick).sql() + ": " + got.size() + " rows, expected "
                    + expected.get(pick).size());
              }
            } catch (SQLException e) {
              if (e.getSQLState() == null || e.getMessage() == null || e.getMessage().isBlank()) {
                wrong.add("an SQLException without state or message: " + e);
              }
              failedByState.computeIfAbsent(String.valueOf(e.getSQLState()),
                  k -> new AtomicInteger()).incrementAndGet();
            }
          }
          return null;
        }));
      }
      // The feeder keeps a few faults queued; the monitor looks for deadlocks and samples the heap.
      Random faults = new Random(42);
      long nextSample = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS / 6);
      int peak = 0;
      while (System.nanoTime() < end) {
        for (int n = SERVER.server().faults().pending().size(); n < FAULTS_QUEUED; n++) {
          SERVER.server().faults().enqueue(fault(faults));
          faultsServed++;
        }
        peak = Math.max(peak, threadBean.getThreadCount());
        assertNull(threadBean.findDeadlockedThreads(), "deadlocked threads");
        if (System.nanoTime() >= nextSample) {
          requests += SERVER.server().requestCount();
          SERVER.server().clearRequests(); // the server's own log of requests is not the driver's
          heapDuring.add(heapAfterGc(memory));
          nextSample += TimeUnit.SECONDS.toNanos(SECONDS / 6);
        }
        Thread.sleep(20);
      }
      for (Future<?> f : running) {
        f.get(2, TimeUnit.MINUTES); // a deadlocked or hung worker fails here
      }
      workers.shutdown();
      assertTrue(workers.awaitTermination(10, TimeUnit.SECONDS));
      faultsServed -= SERVER.server().faults().pending().size();
      SERVER.server().faults().clear();
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(), "a connection leaked");
      peakThreads = peak;
      requests += SERVER.server().requestCount();
    }
    List<String> leftOver = threadsLeftAfterClose(threadsBefore);
    SERVER.server().clearRequests();
    long heapAfter = heapAfterGc(memory);
    long queries = exact.sum() + failedByState.values().stream().mapToInt(AtomicInteger::get).sum();
    System.out.printf("load: %d threads, pool of %d, %d s: %d requests with %d faults; %d queries"
            + " (%.1f/s), %d exact,"
            + " failed clearly %s, wrong %d; peak JVM threads %d; heap after GC (MB): before %d,"
            + " during %s, after close %d%n",
        THREADS, POOL_SIZE, SECONDS, requests, faultsServed, queries, queries / (double) SECONDS, exact.sum(),
        new TreeMap<>(failedByState), wrong.size(), peakThreads, mb(heapBefore),
        heapDuring.stream().map(PooledLoadTest::mb).toList(), mb(heapAfter));

    assertEquals(List.of(), wrong, "never a wrong result");
    assertTrue(exact.sum() >= queries * 9 / 10, "retries absorb most faults: " + exact.sum()
        + " exact of " + queries);
    assertTrue(queries >= SECONDS * 5, "the load ran: " + queries + " queries");
    assertEquals(List.of(), leftOver, "threads still alive after the pool closed");
    // Flat: closing the pool gives back what the load took, up to what stays warm for the next
    // connection (Calcite's cache of compiled statements, at most 100); and while it ran, the
    // heap stayed within that margin of its first sample instead of growing with the queries.
    long margin = 48L * 1024 * 1024;
    assertTrue(heapAfter - heapBefore < margin, "memory kept after close: " + mb(heapBefore)
        + " MB before, " + mb(heapAfter) + " MB after");
    assertTrue(Collections.max(heapDuring) - heapDuring.get(0) < margin,
        "heap grew under steady load (MB): " + heapDuring.stream().map(PooledLoadTest::mb).toList());
  }

  private static long heapAfterGc(MemoryMXBean memory) {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static long mb(long bytes) {
    return bytes / (1024 * 1024);
  }

  private static Set<Long> liveThreadIds() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getId)
        .collect(Collectors.toSet());
  }

  /**
   * Threads started since {@code before} that are still alive 10 s after the pool closed, other
   * than the test server's own. Reader threads end at their connection's close, and an idle
   * watchdog thread within 2 s.
   */
  private static List<String> threadsLeftAfterClose(Set<Long> before) throws InterruptedException {
    List<String> left = List.of();
    for (int i = 0; i < 100; i++) {
      left = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.isAlive() && !before.contains(t.getId()))
          .map(Thread::getName)
          .filter(n -> !n.startsWith("wandb-test-server-") && !n.startsWith("HTTP-Dispatcher"))
          .sorted().toList();
      if (left.isEmpty()) {
        return left;
      }
      Thread.sleep(100);
    }
    return left;
  }
}
