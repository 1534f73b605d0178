package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.support.TestServerExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The driver behind a real connection pool, used from several threads. */
class PoolTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  @Test
  void eightThreadsFiftyQueriesEachThroughHikari() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setDriverClassName(WandbDriver.class.getName());
    config.setJdbcUrl(WandbDriver.PREFIX + "entity=" + TestServerExtension.ENTITY + ";project="
        + TestServerExtension.BIG_PROJECT);
    // Large pages: the count queries read every run until issue #3 pushes COUNT down.
    config.setDataSourceProperties(SERVER.properties("pageSize", "1000"));
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(30_000);
    long expectedCount = SERVER.server().data()
        .project(TestServerExtension.ENTITY, TestServerExtension.BIG_PROJECT).runs().stream()
        .filter(r -> "crashed".equals(r.state())).count();
    try (HikariDataSource pool = new HikariDataSource(config)) {
      ExecutorService threads = Executors.newFixedThreadPool(8);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        final int thread = t;
        results.add(threads.submit(() -> {
          int done = 0;
          for (int q = 0; q < 50; q++) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
              if ((thread + q) % 2 == 0) {
                try (ResultSet rs = s.executeQuery("SELECT run_id, state FROM runs LIMIT 3")) {
                  int rows = 0;
                  while (rs.next()) {
                    rows++;
                  }
                  assertEquals(3, rows);
                }
              } else {
                try (ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM runs WHERE state = 'crashed'")) {
                  assertTrue(rs.next());
                  assertEquals(expectedCount, rs.getLong(1));
                }
              }
              done++;
            }
          }
          return done;
        }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(5, TimeUnit.MINUTES);
      }
      threads.shutdown();
      assertEquals(400, total);
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(),
          "every connection returned");
      assertEquals(pool.getHikariPoolMXBean().getTotalConnections(),
          pool.getHikariPoolMXBean().getIdleConnections());
    }
  }
}
