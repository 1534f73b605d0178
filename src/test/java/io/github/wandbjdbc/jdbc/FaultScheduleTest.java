package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.jdbc.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.jdbc.TestServerExtension.ENTITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.testserver.Fault;
import io.github.wandbjdbc.testserver.RunData;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Seeded schedules of faults (429 storms with {@code Retry-After}, 500/502/503 bursts, truncated
 * JSON bodies, latency spikes, TCP resets before and in the middle of an answer, answers trickling
 * in past the request timeout) over scans of several pages of {@code runs}, {@code history} and
 * {@code artifacts}: each query returns exactly the fault-free rows, in the same order, or fails
 * with an {@code SQLException} that has an SQLState. Never a wrong result. Every third schedule
 * also runs under a query timeout, which must end the statement in time whatever is being retried.
 */
class FaultScheduleTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static final int SCHEDULES = 24;
  private static final Map<String, String> QUERIES = new LinkedHashMap<>();
  private static final Map<String, List<List<Object>>> FAULT_FREE = new LinkedHashMap<>();

  @BeforeAll
  static void faultFreeRows() throws SQLException {
    String someRuns = SERVER.server().data().project(ENTITY, BIG_PROJECT).runs().stream()
        .filter(r -> r.historyLineCount() > 0 && r.historyLineCount() < 5000).limit(12)
        .map(RunData::name).map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    QUERIES.put("runs", "SELECT run_id, state, \"summary.loss\" FROM runs");
    QUERIES.put("history", "SELECT run_id, step, \"row\" FROM history WHERE run_id IN ("
        + someRuns + ")");
    QUERIES.put("artifacts", "SELECT artifact_id, type, collection, version, aliases FROM artifacts");
    try (Connection c = connect()) {
      for (Map.Entry<String, String> q : QUERIES.entrySet()) {
        FAULT_FREE.put(q.getKey(), SqlRows.query(c, q.getValue()));
      }
    }
    assertTrue(FAULT_FREE.values().stream().allMatch(rows -> rows.size() > 20));
  }

  private static final int REQUEST_TIMEOUT_MILLIS = 800;
  private static final int QUERY_TIMEOUT_SECONDS = 2;

  /** Small pages, so that every scan spans several requests; quick retries. */
  private static Connection connect() throws SQLException {
    return SERVER.connect("pageSize", "100", "maxRetries", "6", "retryBackoffMs", "5",
        "retryMaxWaitMs", "2000", "parallelism", "4",
        "requestTimeoutMs", String.valueOf(REQUEST_TIMEOUT_MILLIS));
  }

  @AfterEach
  void noFaultLeftOver() {
    SERVER.server().faults().clear();
  }

  /** One fault of the kinds W&B and the network produce, for an operation or for any. */
  private static Fault fault(Random random, List<String> operations) {
    Fault f = switch (random.nextInt(20)) {
      case 0, 1 -> Fault.status(429).header("Retry-After", "0");
      case 2, 3 -> Fault.body(429, "{\"error\":\"rate limit exceeded\"}");
      case 4, 5 -> Fault.status(500);
      case 6, 7 -> Fault.body(502, "<html>Bad Gateway</html>");
      case 8, 9 -> Fault.status(503).header("Retry-After", "0");
      case 10, 11 -> Fault.body(200, "{\"data\": {\"project\": {\"runs\": {\"edges\": [");
      case 12, 13 -> Fault.resetBeforeResponse();
      case 14, 15 -> Fault.resetMidBody();
      // Rarer, as each costs a request timeout: slices far apart, but never past the read timeout.
      case 16 -> Fault.trickle(REQUEST_TIMEOUT_MILLIS * 3 / 2 + random.nextInt(REQUEST_TIMEOUT_MILLIS));
      default -> Fault.delayMillis(50 + random.nextInt(150));
    };
    return random.nextBoolean() ? f : f.forOperation(operations.get(random.nextInt(operations.size())));
  }

  private static List<List<Object>> queryWithTimeout(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      try (ResultSet rs = s.executeQuery(sql)) {
        return SqlRows.rows(rs);
      }
    }
  }

  @Test
  void everyScheduleGivesTheFaultFreeRowsOrAClearError() throws SQLException {
    Map<String, List<String>> operations = Map.of(
        "runs", List.of("Runs"),
        "history", List.of("Runs", "RunHistory", "RunSampledHistory"),
        "artifacts", List.of("ArtifactTypes", "ArtifactCollections", "ArtifactVersions"));
    int exact = 0;
    int timedOut = 0;
    List<String> failed = new ArrayList<>();
    for (int seed = 0; seed < SCHEDULES; seed++) {
      Random random = new Random(seed);
      for (String name : QUERIES.keySet()) {
        SERVER.server().faults().clear();
        int faults = 4 + random.nextInt(9);
        for (int i = 0; i < faults; i++) {
          SERVER.server().faults().enqueue(fault(random, operations.get(name)));
        }
        boolean timed = seed % 3 == 2;
        long started = 0;
        try (Connection c = connect()) {
          started = System.nanoTime();
          List<List<Object>> rows = timed ? queryWithTimeout(c, QUERIES.get(name))
              : SqlRows.query(c, QUERIES.get(name));
          assertEquals(FAULT_FREE.get(name), rows, "seed " + seed + ", " + name
              + ": rows after faults must be exactly the fault-free rows");
          exact++;
        } catch (SQLException e) {
          assertNotNull(e.getSQLState(), "seed " + seed + ", " + name + ": " + e);
          assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), e.toString());
          failed.add("seed " + seed + " " + name + ": " + e.getSQLState());
          timedOut += "HYT00".equals(e.getSQLState()) ? 1 : 0;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (timed && started != 0) {
          // Planning (column discovery included) and reading are both under the timeout.
          assertTrue(millis < QUERY_TIMEOUT_SECONDS * 1000L + 1_500, "seed " + seed + ", " + name
              + ": the query timeout must end the statement, retries or not: " + millis + " ms");
        }
      }
    }
    System.out.println("fault schedules: " + SCHEDULES * QUERIES.size() + " scans, " + exact
        + " with the exact rows, " + failed.size() + " failed clearly (" + timedOut
        + " by the query timeout) " + failed);
    // Retries absorb most schedules; a truncated answer on the last retry may still fail one.
    assertTrue(exact >= SCHEDULES * QUERIES.size() * 3 / 4,
        exact + " exact of " + SCHEDULES * QUERIES.size() + "; failed: " + failed);
  }
}
