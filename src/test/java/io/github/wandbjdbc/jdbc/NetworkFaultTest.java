package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.faults.Fault;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the network does to an answer, rather than what W&B says in it: a TCP reset before the
 * answer or in the middle of its body, and an answer that trickles in so slowly that no single
 * read times out. Each is retried into the exact rows, ends in a connection error naming the
 * cause once the retries are spent, and never outlasts a query timeout.
 */
class NetworkFaultTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  /**
   * All 2,000 runs in four pages of 500 (no LIMIT, which would size its own page), so a fault in
   * the second page must not lose or repeat a row.
   */
  private static final String FOUR_PAGES = "SELECT run_id, state, \"summary.loss\" FROM \""
      + BIG_PROJECT + "\".runs ORDER BY created_at";
  private static List<List<Object>> faultFree;

  @BeforeAll
  static void faultFreeRows() throws SQLException {
    try (Connection c = SERVER.connect()) {
      faultFree = SqlRows.query(c, FOUR_PAGES);
    }
    assertEquals(2_000, faultFree.size());
  }

  @AfterEach
  void noFaultLeftOver() {
    SERVER.server().faults().clear();
  }

  private static Connection connect(String... more) throws SQLException {
    String[] props = new String[more.length + 4];
    props[0] = "pageSize";
    props[1] = "500";
    props[2] = "parallelism";
    props[3] = "1";
    System.arraycopy(more, 0, props, 4, more.length);
    Connection c = SERVER.connect(props);
    SqlRows.query(c, "SELECT run_id FROM \"" + BIG_PROJECT + "\".runs LIMIT 1"); // columns known
    SERVER.server().clearRequests();
    return c;
  }

  private static List<Integer> runsStatuses() {
    return SERVER.server().requests().stream().filter(r -> "Runs".equals(r.operationName()))
        .map(RecordedRequest::httpStatus).toList();
  }

  /** The second page's answer is broken; {@code status} is what the server recorded for it. */
  private void secondPageBrokenThenRetried(Fault fault, int status) throws SQLException {
    try (Connection c = connect()) {
      SERVER.server().faults().enqueue(Fault.delayMillis(0).forOperation("Runs"));
      SERVER.server().faults().enqueue(fault.forOperation("Runs"));
      assertEquals(faultFree, SqlRows.query(c, FOUR_PAGES), "nothing lost, nothing repeated");
      assertEquals(List.of(200, status, 200, 200, 200), runsStatuses(),
          "the broken page was asked for again, once");
    }
  }

  @Test
  void aResetBeforeTheAnswerIsRetried() throws SQLException {
    secondPageBrokenThenRetried(Fault.resetBeforeResponse(), 0);
  }

  @Test
  void aResetInTheMiddleOfTheBodyIsRetried() throws SQLException {
    secondPageBrokenThenRetried(Fault.resetMidBody(), 200);
  }

  @Test
  void aTrickledAnswerIsCutAtTheRequestTimeoutAndRetried() throws SQLException {
    // Slices every 300 ms: far inside the read timeout, so only the attempt's own limit ends it.
    try (Connection c = connect("requestTimeoutMs", "700")) {
      long started = System.nanoTime();
      SqlRows.query(c, FOUR_PAGES);
      long unfaulted = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      SERVER.server().clearRequests();
      SERVER.server().faults().enqueue(Fault.trickle(6_000).forOperation("Runs"));
      started = System.nanoTime();
      assertEquals(faultFree, SqlRows.query(c, FOUR_PAGES));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertEquals(List.of(200, 200, 200, 200, 200), runsStatuses(), "the first page twice");
      assertTrue(millis < unfaulted + 3_000, "cut at 700 ms, not read for 6 s: " + millis
          + " ms, against " + unfaulted + " ms without the fault");
    }
  }

  @Test
  void resetsBeyondTheRetriesEndInAConnectionError() throws SQLException {
    try (Connection c = connect("maxRetries", "2")) {
      for (int i = 0; i < 3; i++) {
        SERVER.server().faults().enqueue((i % 2 == 0 ? Fault.resetMidBody()
            : Fault.resetBeforeResponse()).forOperation("Runs"));
      }
      SQLException e = assertThrows(SQLException.class, () -> SqlRows.query(c, FOUR_PAGES));
      assertEquals("08006", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("3 attempts")
          && e.getMessage().contains("Connection reset"), "a real TCP reset: " + e.getMessage());
      assertEquals(3, runsStatuses().size(), "bounded by maxRetries");
    }
  }

  @Test
  void aTrickleBeyondTheRetriesEndsNamingTheRequestTimeout() throws SQLException {
    try (Connection c = connect("requestTimeoutMs", "600", "maxRetries", "0")) {
      SERVER.server().faults().enqueue(Fault.trickle(5_000).forOperation("Runs"));
      long started = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> SqlRows.query(c, FOUR_PAGES));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertEquals("08006", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("no complete answer within requestTimeoutMs=600"),
          e.getMessage());
      assertTrue(millis < 3_000, "cut at 600 ms, not read for 5 s: " + millis + " ms");
    }
  }

  /** A query timeout of 1 s ends the statement by 1 s, whatever the retries still had to do. */
  private void queryTimeoutWins(Fault repeated, String... props) throws SQLException {
    try (Connection c = connect(props); Statement s = c.createStatement()) {
      for (int i = 0; i < 30; i++) {
        SERVER.server().faults().enqueue(repeated.forOperation("Runs"));
      }
      s.setQueryTimeout(1);
      long started = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery(FOUR_PAGES)) {
          while (rs.next()) {
            rs.getString(1);
          }
        }
      });
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertInstanceOf(SQLTimeoutException.class, e, e.getMessage());
      assertEquals("HYT00", e.getSQLState());
      // It may end sooner: a retry wait that would outlast the timeout is not started.
      assertTrue(millis < 2_500, "ended by the timeout: " + millis + " ms");
      assertTrue(SERVER.server().faults().pending().size() > 0,
          "the retries were not all spent: the timeout won");
    }
  }

  @Test
  void aQueryTimeoutWinsOverRetryingResets() throws SQLException {
    queryTimeoutWins(Fault.resetBeforeResponse(), "maxRetries", "20", "retryBackoffMs", "100");
  }

  @Test
  void aQueryTimeoutWinsOverRetryingServerErrors() throws SQLException {
    queryTimeoutWins(Fault.status(503), "maxRetries", "20", "retryBackoffMs", "100");
  }

  @Test
  void aQueryTimeoutWinsOverATrickle() throws SQLException {
    queryTimeoutWins(Fault.trickle(20_000), "maxRetries", "20");
  }

  @Test
  void aQueryTimeoutWinsOverARetryAfterWait() throws SQLException {
    // W&B asks for 30 s; the statement has 1 s left and must not sleep through it.
    queryTimeoutWins(Fault.status(429).header("Retry-After", "30"), "maxRetries", "20");
  }

  /**
   * A connection's first statement asks W&B for the table's columns while Calcite plans it;
   * those requests are under the statement's timeout and cancel as well.
   */
  @Test
  void theQueryTimeoutAndCancelBoundTheRequestsOfPlanningToo() throws Exception {
    for (String stop : List.of("timeout", "cancel")) {
      try (Connection c = SERVER.connect(); Statement s = c.createStatement()) {
        for (int i = 0; i < 5; i++) {
          SERVER.server().faults().enqueue(Fault.delayMillis(20_000).forOperation("Runs"));
        }
        if (stop.equals("timeout")) {
          s.setQueryTimeout(1);
        } else {
          CompletableFuture.runAsync(() -> {
            try {
              Thread.sleep(500);
              s.cancel();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
        }
        long started = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(FOUR_PAGES));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(stop.equals("timeout") ? "HYT00" : "HY008", e.getSQLState(), e.getMessage());
        assertTrue(millis < 2_500, stop + " ended the planning's request: " + millis + " ms");
      } finally {
        SERVER.server().faults().clear();
      }
    }
  }
}
