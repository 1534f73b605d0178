package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.wandbjdbc.support.FaultOutcome.Effect;
import io.github.wandbjdbc.support.FaultOutcome.Expected;
import io.github.wandbjdbc.support.FaultOutcome.Settings;
import io.github.wandbjdbc.support.FaultOutcome;
import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.faults.Fault;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Seeded schedules of faults (429 storms with {@code Retry-After}, 500/502/503 bursts, truncated
 * JSON bodies, latency spikes, TCP resets before and in the middle of an answer, answers trickling
 * in past the request timeout) over scans of several pages of {@code runs}, {@code history} and
 * {@code artifacts}. What each scan must end in is computed from its schedule before it runs
 * ({@link FaultOutcome}): exactly the fault-free rows, in the same order, or the SQLException
 * (state and words) of the fault that uses up a request's retries, or the query timeout. Never a
 * wrong result, and no other error. Every third schedule also runs under a query timeout, which
 * must end the statement in time whatever is being retried.
 *
 * <p>The faults are queued once the connection is open, so that they reach the scan's own
 * requests only. The runs scan reads its pages one at a time (each follows the last one's
 * cursor), so which request takes which fault is known, and so is which schedules use up its
 * retries. The history and artifact scans read side by side, in an order nobody knows; their
 * retry budget therefore covers every fault a schedule holds, and they must always succeed.
 */
class FaultScheduleTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static final int SCHEDULES = 24;
  private static final int MAX_FAULTS = 12;
  private static final int REQUEST_TIMEOUT_MILLIS = 800;
  /** Long enough that most timed schedules must still succeed, which time alone would not say. */
  private static final int QUERY_TIMEOUT_SECONDS = 4;
  /** For the schedules that must end in the timeout. */
  private static final int SHORT_TIMEOUT_SECONDS = 1;
  private static final int BACKOFF_MILLIS = 5;
  /** A cap on the backoff, so that twelve failures on one request still add up to little. */
  private static final int MAX_WAIT_MILLIS = 100;
  /** The scan whose requests go one at a time. */
  private static final String SEQUENTIAL = "runs";
  private static final Settings SEQUENTIAL_SETTINGS =
      new Settings(6, REQUEST_TIMEOUT_MILLIS, BACKOFF_MILLIS, MAX_WAIT_MILLIS);
  private static final Settings CONCURRENT_SETTINGS =
      new Settings(MAX_FAULTS, REQUEST_TIMEOUT_MILLIS, BACKOFF_MILLIS, MAX_WAIT_MILLIS);

  private static final Map<String, String> QUERIES = new LinkedHashMap<>();
  private static final Map<String, List<List<Object>>> FAULT_FREE = new LinkedHashMap<>();
  /** The operations each scan sends: a fault for another one is never taken. */
  private static final Map<String, Set<String>> SENT = new LinkedHashMap<>();
  /** The most each scan takes without faults: twice what it took here, and half a second. */
  private static final Map<String, Long> BASE_MAX_MILLIS = new LinkedHashMap<>();

  @BeforeAll
  static void faultFreeRows() throws SQLException {
    String someRuns = SERVER.server().data().project(ENTITY, BIG_PROJECT).runs().stream()
        .filter(r -> r.historyLineCount() > 0 && r.historyLineCount() < 5000).limit(12)
        .map(RunData::name).map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    QUERIES.put("runs", "SELECT run_id, state, \"summary.loss\" FROM runs");
    QUERIES.put("history", "SELECT run_id, step, \"row\" FROM history WHERE run_id IN ("
        + someRuns + ")");
    QUERIES.put("artifacts", "SELECT artifact_id, type, collection, version, aliases FROM artifacts");
    for (Map.Entry<String, String> q : QUERIES.entrySet()) {
      try (Connection c = connect(settings(q.getKey()))) {
        FAULT_FREE.put(q.getKey(), SqlRows.query(c, q.getValue()));
      }
      try (Connection c = connect(settings(q.getKey()))) {
        SERVER.server().clearRequests();
        long started = System.nanoTime();
        assertEquals(FAULT_FREE.get(q.getKey()), SqlRows.query(c, q.getValue()));
        BASE_MAX_MILLIS.put(q.getKey(), 2 * millisSince(started) + 500);
        List<RecordedRequest> requests = SERVER.server().requests();
        SENT.put(q.getKey(), requests.stream().map(RecordedRequest::operationName)
            .collect(Collectors.toCollection(TreeSet::new)));
        if (q.getKey().equals(SEQUENTIAL)) {
          // What the sequential model stands on: every fault of a runs schedule is taken by one
          // of the scan's Runs requests, as there are more of them than faults in a schedule.
          assertEquals(Set.of("Runs"), SENT.get(SEQUENTIAL));
          assertTrue(requests.size() > MAX_FAULTS, requests.size() + " requests");
        }
      }
    }
    assertTrue(FAULT_FREE.values().stream().allMatch(rows -> rows.size() > 20));
  }

  private static Settings settings(String scan) {
    return scan.equals(SEQUENTIAL) ? SEQUENTIAL_SETTINGS : CONCURRENT_SETTINGS;
  }

  /** Small pages, so that every scan spans several requests; quick retries. */
  private static Connection connect(Settings s) throws SQLException {
    return SERVER.connect("pageSize", "100", "maxRetries", String.valueOf(s.maxRetries()),
        "retryBackoffMs", String.valueOf(s.backoffMillis()),
        "retryMaxWaitMs", String.valueOf(s.maxWaitMillis()), "parallelism", "4",
        "requestTimeoutMs", String.valueOf(s.requestTimeoutMillis()));
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

  /** What the schedule must do to the scan: only its faults for operations the scan sends count. */
  private static Expected expected(String scan, List<Fault> schedule, boolean timed) {
    Settings s = settings(scan);
    List<Effect> effects = schedule.stream()
        .filter(f -> f.operationName() == null || SENT.get(scan).contains(f.operationName()))
        .map(f -> FaultOutcome.effect(f, s)).toList();
    long timeout = timed ? TimeUnit.SECONDS.toMillis(QUERY_TIMEOUT_SECONDS) : 0;
    return scan.equals(SEQUENTIAL)
        ? FaultOutcome.sequential(effects, s, BASE_MAX_MILLIS.get(scan), timeout)
        : FaultOutcome.concurrent(effects, s, BASE_MAX_MILLIS.get(scan), timeout);
  }

  private static List<List<Object>> queryWithTimeout(Connection c, String sql, int seconds)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(seconds);
      try (ResultSet rs = s.executeQuery(sql)) {
        return SqlRows.rows(rs);
      }
    }
  }

  @Test
  void everyScheduleEndsAsItsFaultsSay() throws SQLException {
    Map<String, List<String>> operations = Map.of(
        "runs", List.of("Runs"),
        "history", List.of("Runs", "RunHistory", "RunSampledHistory"),
        "artifacts", List.of("ArtifactTypes", "ArtifactCollections", "ArtifactVersions"));
    int exact = 0;
    List<String> undecided = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (int seed = 0; seed < SCHEDULES; seed++) {
      Random random = new Random(seed);
      for (String name : QUERIES.keySet()) {
        int faults = 4 + random.nextInt(MAX_FAULTS - 3);
        List<Fault> schedule = new ArrayList<>();
        for (int i = 0; i < faults; i++) {
          schedule.add(fault(random, operations.get(name)));
        }
        boolean timed = seed % 3 == 2;
        Expected expected = expected(name, schedule, timed);
        if (expected.orTimeout()) {
          undecided.add("seed " + seed + " " + name);
        }
        String where = "seed " + seed + ", " + name + (timed ? " (timed)" : "") + ": expected "
            + expected + " from " + schedule.stream().map(FaultOutcome::describe).toList();
        try (Connection c = connect(settings(name))) {
          SERVER.server().faults().clear();
          schedule.forEach(SERVER.server().faults()::enqueue);
          long started = System.nanoTime();
          try {
            List<List<Object>> rows = timed
                ? queryWithTimeout(c, QUERIES.get(name), QUERY_TIMEOUT_SECONDS)
                : SqlRows.query(c, QUERIES.get(name));
            assertTrue(expected.rows(), where + ", but the scan returned " + rows.size() + " rows");
            assertEquals(FAULT_FREE.get(name), rows, where
                + ": rows after faults must be exactly the fault-free rows");
            exact++;
          } catch (SQLException e) {
            assertFailedAsExpected(e, expected, settings(name), QUERY_TIMEOUT_SECONDS, where);
            failed.add("seed " + seed + " " + name + ": " + e.getSQLState());
          }
          long millis = millisSince(started);
          if (timed) {
            // Planning (column discovery included) and reading are both under the timeout.
            assertTrue(millis < QUERY_TIMEOUT_SECONDS * 1000L + 1_500, where
                + ": the query timeout must end the statement, retries or not: " + millis + " ms");
          }
        }
      }
    }
    System.out.println("fault schedules: " + SCHEDULES * QUERIES.size() + " scans, " + exact
        + " with the exact rows, " + failed.size() + " failed as their faults say " + failed
        + "; where time decided between that and the query timeout: " + undecided);
    assertTrue(failed.stream()
        .anyMatch(f -> f.contains(SEQUENTIAL) && !f.endsWith(FaultOutcome.TIMEOUT)),
        "some schedule uses up the retries of a runs request: " + failed);
  }

  /**
   * Faults on the requests a scan sends first, one at a time, that hold them past the query
   * timeout: the scan must end in the timeout, in time, whatever it was retrying.
   */
  @Test
  void faultsPastTheQueryTimeoutEndTheScanInTheTimeout() throws SQLException {
    Map<String, String> first = Map.of("runs", "Runs", "history", "Runs",
        "artifacts", "ArtifactTypes");
    for (String name : QUERIES.keySet()) {
      // Each trickle holds its attempt for the request timeout: 2.4 s on one request in all.
      List<Fault> schedule = List.of(Fault.trickle(REQUEST_TIMEOUT_MILLIS * 2),
          Fault.status(503).header("Retry-After", "0"), Fault.trickle(REQUEST_TIMEOUT_MILLIS * 2),
          Fault.resetMidBody(), Fault.trickle(REQUEST_TIMEOUT_MILLIS * 2)).stream()
          .map(f -> f.forOperation(first.get(name))).toList();
      List<Effect> effects = schedule.stream().map(f -> FaultOutcome.effect(f, settings(name)))
          .toList();
      Expected expected = FaultOutcome.sequential(effects, settings(name),
          BASE_MAX_MILLIS.get(name), TimeUnit.SECONDS.toMillis(SHORT_TIMEOUT_SECONDS));
      assertEquals(Expected.TIMED_OUT, expected, name);
      try (Connection c = connect(settings(name))) {
        schedule.forEach(SERVER.server().faults()::enqueue);
        long started = System.nanoTime();
        try {
          fail(name + ": returned "
              + queryWithTimeout(c, QUERIES.get(name), SHORT_TIMEOUT_SECONDS).size() + " rows");
        } catch (SQLException e) {
          assertFailedAsExpected(e, expected, settings(name), SHORT_TIMEOUT_SECONDS, name);
        }
        long millis = millisSince(started);
        assertTrue(millis < SHORT_TIMEOUT_SECONDS * 1000L + 1_500, name + ": " + millis + " ms");
      }
      SERVER.server().faults().clear();
    }
  }

  private static void assertFailedAsExpected(SQLException e, Expected expected, Settings s,
      int timeoutSeconds, String where) {
    String state = e.getSQLState();
    String message = String.valueOf(e.getMessage());
    if (FaultOutcome.TIMEOUT.equals(state) && (expected.orTimeout()
        || FaultOutcome.TIMEOUT.equals(expected.state()))) {
      assertTrue(message.contains("timeout of " + timeoutSeconds + " s"), where + ": " + e);
      return;
    }
    assertEquals(expected.state(), state, where + ": " + e);
    assertTrue(message.contains(expected.said()), where + ": " + e);
    // The request failed on its last attempt, after every retry.
    assertTrue(message.contains((s.maxRetries() + 1) + " attempts"), where + ": " + e);
  }

  private static long millisSince(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }
}
