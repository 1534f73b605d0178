package io.github.wandbjdbc.bench;

import io.github.wandbjdbc.testserver.BenchDataGenerator;
import io.github.wandbjdbc.testserver.WandbTestServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The benchmark: the driver against the official client's access pattern ({@link BaselineClient})
 * on the test server's {@link BenchDataGenerator} project, at simulated round-trip latencies,
 * printed as a markdown table. Not a test: run it with
 * {@code mvn -q -B test-compile exec:java@bench [-Dexec.args="--latency 100,20,0"]}.
 */
public final class Benchmark {
  private static final String ENTITY = BenchDataGenerator.ENTITY;
  private static final String PROJECT = BenchDataGenerator.PROJECT;

  /** One measured execution. */
  record Result(String scenario, long latencyMs, String client, long rows, int requests,
      long bytes, double seconds, int maxConcurrent) {}

  /** What a scenario does with the driver and with the baseline client. */
  record Scenario(String name, String sql, BaselineRun baseline, int floorRequests) {}

  @FunctionalInterface
  interface BaselineRun {
    long rows(BaselineClient client) throws Exception;
  }

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    List<Long> latencies = List.of(100L, 20L, 0L);
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--latency")) {
        latencies = Arrays.stream(args[++i].split(",")).map(Long::parseLong).toList();
      }
    }
    List<Result> results = new ArrayList<>();
    for (long latency : latencies) {
      try (WandbTestServer server = WandbTestServer.builder().generatedProjects(false)
          .benchData(true).latencyMillis(latency).threads(32).start()) {
        for (Scenario s : scenarios()) {
          results.add(driver(server, s, latency));
          if (s.baseline() != null) {
            results.add(baseline(server, s, latency));
          }
        }
      }
    }
    print(results, latencies);
  }

  static List<Scenario> scenarios() {
    return List.of(
        new Scenario("1. export all 10,000 runs, all columns", "SELECT * FROM runs",
            c -> c.runs("{}", "+created_at", Integer.MAX_VALUE).size(), 10),
        new Scenario("2. 10 best finished runs by a metric, with config",
            "SELECT run_id, config, \"summary.val/loss\" FROM runs WHERE state = 'finished'"
                + " ORDER BY \"summary.val/loss\" LIMIT 10",
            c -> c.runs("{\"state\":\"finished\"}", "+summary_metrics.val/loss", 10).size(), 1),
        new Scenario("3. COUNT(*) with a filter",
            "SELECT COUNT(*) FROM runs WHERE state = 'crashed'",
            c -> c.runs("{\"state\":\"crashed\"}", "+created_at", 1).isEmpty() ? 0 : 1, 1),
        new Scenario("4. history of 100 runs x 5,000 steps, runs filtered and joined",
            "SELECT r.run_id, h.* FROM runs r JOIN history h ON h.run_id = r.run_id"
                + " WHERE ARRAY_CONTAINS(r.tags, 'long')",
            c -> {
              long rows = 0;
              for (BaselineClient.Run run : c.runs("{\"tags\":\"long\"}", "+created_at",
                  Integer.MAX_VALUE)) {
                rows += c.scanHistory(run);
              }
              return rows;
            }, 1 + 100 * 5));
  }

  private static Result driver(WandbTestServer server, Scenario s, long latency)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("baseUrl", server.baseUrl());
    p.setProperty("apiKey", server.apiKey());
    p.setProperty("entity", ENTITY);
    p.setProperty("project", PROJECT);
    try (Connection c = DriverManager.getConnection("jdbc:wandb:", p);
         Statement st = c.createStatement()) {
      server.clearRequests();
      long start = System.nanoTime();
      long rows = 0;
      try (ResultSet rs = st.executeQuery(s.sql())) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= n; i++) {
            rs.getObject(i);
          }
          rows++;
        }
      }
      return new Result(s.name(), latency, "wandb-jdbc", rows, server.requestCount(),
          server.bytesSent(), (System.nanoTime() - start) / 1e9, server.maxConcurrentRequests());
    }
  }

  private static Result baseline(WandbTestServer server, Scenario s, long latency)
      throws Exception {
    BaselineClient client = new BaselineClient(server.baseUrl(), server.apiKey(), ENTITY, PROJECT);
    server.clearRequests();
    long start = System.nanoTime();
    long rows = s.baseline().rows(client);
    return new Result(s.name(), latency, "baseline", rows, server.requestCount(),
        server.bytesSent(), (System.nanoTime() - start) / 1e9, server.maxConcurrentRequests());
  }

  private static void print(List<Result> results, List<Long> latencies) {
    System.out.println();
    System.out.println("| scenario | latency | client | rows | requests | MB received | wall s"
        + " | rows/s | vs baseline | floor s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      Result base = results.stream().filter(b -> b.client().equals("baseline")
          && b.scenario().equals(r.scenario()) && b.latencyMs() == r.latencyMs())
          .findFirst().orElse(null);
      int floor = scenarios().stream().filter(s -> s.name().equals(r.scenario()))
          .mapToInt(Scenario::floorRequests).findFirst().orElse(0);
      System.out.println(String.format(Locale.ROOT,
          "| %s | %d ms | %s | %,d | %,d | %.1f | %.2f | %,.0f | %s | %.2f |",
          r.scenario(), r.latencyMs(), r.client(), r.rows(), r.requests(), r.bytes() / 1e6,
          r.seconds(), r.rows() / Math.max(1e-9, r.seconds()),
          base == null || r == base ? "" : String.format(Locale.ROOT, "%.1fx faster",
              base.seconds() / r.seconds()),
          floor * r.latencyMs() / 1000.0));
    }
  }
}
