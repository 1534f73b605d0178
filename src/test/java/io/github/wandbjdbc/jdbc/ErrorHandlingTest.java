package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.client.ApiKey;
import io.github.wandbjdbc.support.LogCapture;
import io.github.wandbjdbc.support.OtherHost;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.faults.Fault;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every way a request can fail ends in the right outcome: success after a retry, or an
 * SQLException with an SQLState and a message that says what to do, never showing the API key.
 */
class ErrorHandlingTest {
  private static final String WRONG_KEY = "wrong-key-000000000000000000000000000000000000";
  /** How long the slow server of the timeout tests takes to answer: past 1 s, even doubled. */
  private static final int SLOW_ANSWER_MILLIS = 4_000;

  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  /** Every message, stack trace and log line the failures below produced. */
  private static final List<String> OUTPUT = new ArrayList<>();
  private static LogCapture logs;

  @BeforeAll
  static void captureLogs() {
    logs = new LogCapture();
  }

  @AfterEach
  void noFaultLeftOver() {
    SERVER.server().faults().clear();
  }

  @AfterAll
  static void theKeyAppearsNowhere() {
    logs.close();
    String all = String.join("\n", OUTPUT) + logs.text();
    assertFalse(OUTPUT.isEmpty());
    assertTrue(logs.text().contains("retrying"), "retries are logged");
    assertTrue(logs.text().contains("org.apache.hc.client5"),
        "HttpClient's debug logging was captured too, so the check below covers it");
    for (String key : List.of(SERVER.apiKey(), WRONG_KEY)) {
      String basic = new ApiKey(key).basicAuthorization().substring("Basic ".length());
      assertFalse(all.contains(key), "an API key leaked into output");
      assertFalse(all.contains(basic), "an API key leaked into output, Base64-encoded");
    }
  }

  private static SQLException failing(Executable action) {
    SQLException e = assertThrows(SQLException.class, action::run);
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    OUTPUT.add(e.getMessage());
    OUTPUT.add(trace.toString());
    assertNotNull(e.getSQLState(), "every error has an SQLState: " + e);
    return e;
  }

  private interface Executable {
    void run() throws Exception;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      long n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }

  private static long runsRequests() {
    return SERVER.server().requests().stream().map(RecordedRequest::operationName)
        .filter("Runs"::equals).count();
  }

  @Test
  void wrongApiKeyIsRejectedAtConnect() {
    SQLException e = failing(() -> SERVER.connect("apiKey", WRONG_KEY).close());
    assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e);
    assertEquals("28000", e.getSQLState());
    assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("apiKey")
        && e.getMessage().contains("the connection properties"), e.getMessage());
  }

  @Test
  void unauthorizedIsNotRetried() throws SQLException {
    try (Connection c = SERVER.connect()) {
      SERVER.server().clearRequests();
      SERVER.server().faults().enqueue(Fault.status(401));
      SQLException e = failing(() -> count(c, "SELECT run_id FROM \"bert-finetune\".runs"));
      assertEquals("28000", e.getSQLState());
      assertEquals(1, SERVER.server().requestCount());
    }
  }

  @Test
  void unknownProjectIsRejectedAtConnectAndInQueries() throws SQLException {
    SQLException e = failing(() -> SERVER.connect("project", "no-such-project").close());
    assertEquals("3F000", e.getSQLState());
    assertTrue(e.getMessage().contains("'no-such-project'") && e.getMessage().contains("demo-team"),
        e.getMessage());
    try (Connection c = SERVER.connect()) {
      SQLException q = failing(() -> count(c, "SELECT * FROM \"no-such-project\".runs"));
      assertEquals("42000", q.getSQLState());
      assertTrue(q.getMessage().contains("no-such-project"), q.getMessage());
    }
  }

  @Test
  void serverErrorThenSuccessIsRetried() throws SQLException {
    try (Connection c = SERVER.connect()) {
      count(c, "SELECT run_id FROM runs LIMIT 1");
      SERVER.server().clearRequests();
      SERVER.server().faults().enqueue(Fault.status(500).forOperation("Runs"));
      assertEquals(3, count(c, "SELECT run_id FROM runs LIMIT 3"));
      assertEquals(2, runsRequests(), "one failure, one retry");
    }
  }

  @Test
  void rateLimitHonoursRetryAfter() throws SQLException {
    try (Connection c = SERVER.connect()) {
      count(c, "SELECT run_id FROM runs LIMIT 1");
      SERVER.server().clearRequests();
      SERVER.server().faults().enqueue(Fault.status(429).header("Retry-After", "1")
          .forOperation("Runs"));
      long started = System.nanoTime();
      assertEquals(2, count(c, "SELECT run_id FROM runs LIMIT 2"));
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertEquals(2, runsRequests());
      assertTrue(waitedMillis >= 950, "waited as Retry-After asked (retryBackoffMs is 20): "
          + waitedMillis);
    }
  }

  @Test
  void persistentServerErrorsEndInATransientError() throws SQLException {
    try (Connection c = SERVER.connect("maxRetries", "2")) {
      count(c, "SELECT run_id FROM runs LIMIT 1");
      SERVER.server().clearRequests();
      for (int i = 0; i < 3; i++) {
        SERVER.server().faults().enqueue(Fault.status(503).forOperation("Runs"));
      }
      SQLException e = failing(() -> count(c, "SELECT run_id FROM runs LIMIT 1"));
      assertInstanceOf(SQLTransientException.class, e);
      assertEquals("58000", e.getSQLState());
      assertEquals(503, e.getErrorCode(), "the vendor code is W&B's HTTP status");
      assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().contains("3 attempts"),
          e.getMessage());
      assertEquals(3, runsRequests());
    }
  }

  @Test
  void malformedAnswersAndGraphqlErrors() throws SQLException {
    try (Connection c = SERVER.connect("maxRetries", "1")) {
      count(c, "SELECT run_id FROM runs LIMIT 1");
      SERVER.server().faults().enqueue(Fault.body(200, "{\"data\": {\"proj").forOperation("Runs"));
      SERVER.server().faults().enqueue(Fault.body(200, "{\"data\": {\"proj").forOperation("Runs"));
      SQLException malformed = failing(() -> count(c, "SELECT run_id FROM runs LIMIT 1"));
      assertEquals("08P01", malformed.getSQLState());

      SERVER.server().clearRequests();
      SERVER.server().faults().enqueue(Fault.body(200,
          "{\"errors\":[{\"message\":\"Cannot query field \\\"x\\\" on type \\\"Run\\\".\"}]}")
          .forOperation("Runs"));
      SQLException graphql = failing(() -> count(c, "SELECT run_id FROM runs LIMIT 1"));
      assertEquals("0A000", graphql.getSQLState());
      assertTrue(graphql.getMessage().contains("Cannot query field"), graphql.getMessage());
      assertEquals(1, runsRequests(), "GraphQL errors are not retried");
    }
  }

  @Test
  void forbiddenIsAPrivilegeErrorAndNotRetried() throws SQLException {
    try (Connection c = SERVER.connect()) {
      count(c, "SELECT run_id FROM runs LIMIT 1");
      SERVER.server().clearRequests();
      SERVER.server().faults().enqueue(Fault.body(403, "{\"error\":\"permission denied\"}")
          .forOperation("Runs"));
      SQLException e = failing(() -> count(c, "SELECT run_id FROM runs LIMIT 1"));
      assertEquals("42501", e.getSQLState());
      assertTrue(e.getMessage().contains("HTTP 403") && e.getMessage().contains("permission denied")
          && e.getMessage().contains("read access"), e.getMessage());
      assertEquals(1, runsRequests());
    }
  }

  @Test
  void notFoundMeansTheBaseUrlIsWrong() throws SQLException {
    try (Connection c = SERVER.connect()) {
      count(c, "SELECT run_id FROM runs LIMIT 1");
      SERVER.server().faults().enqueue(Fault.status(404).forOperation("Runs"));
      SQLException e = failing(() -> count(c, "SELECT run_id FROM runs LIMIT 1"));
      assertEquals("08001", e.getSQLState());
      assertTrue(e.getMessage().contains("no W&B GraphQL API at " + SERVER.server().baseUrl())
          && e.getMessage().contains("baseUrl"), e.getMessage());
    }
  }

  /**
   * W&B answering with a redirect to another host (a second local server here, which records
   * whatever reaches it): the driver does not follow, so that host never sees a request, let
   * alone the Authorization header, and the error names where the redirect pointed.
   */
  @Test
  void redirectsAreNotFollowedSoTheKeyStaysOnTheHost() throws Exception {
    try (OtherHost other = new OtherHost(500); Connection c = SERVER.connect()) {
      String elsewhere = other.url("/graphql");
      count(c, "SELECT run_id FROM runs LIMIT 1");
      for (int status : new int[] {301, 302, 307, 308}) {
        SERVER.server().clearRequests();
        SERVER.server().faults().enqueue(Fault.status(status).header("Location", elsewhere)
            .forOperation("Runs"));
        SQLException e = failing(() -> count(c, "SELECT run_id FROM runs LIMIT 1"));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("does not follow redirects")
            && e.getMessage().contains(elsewhere), e.getMessage());
        assertEquals(1, SERVER.server().requestCount(), "not retried either");
      }
      assertEquals(List.of(), other.reached());
    }
  }

  @Test
  void aSlowAnswerTimesOutPerRequestAndIsRetried() throws SQLException {
    try (Connection c = SERVER.connect("requestTimeoutMs", "300", "maxRetries", "1")) {
      count(c, "SELECT run_id FROM runs LIMIT 1");
      SERVER.server().clearRequests();
      SERVER.server().faults().enqueue(Fault.delayMillis(3_000).forOperation("Runs"));
      SERVER.server().faults().enqueue(Fault.delayMillis(3_000).forOperation("Runs"));
      SQLException e = failing(() -> count(c, "SELECT run_id FROM runs LIMIT 1"));
      assertEquals("08006", e.getSQLState());
      assertTrue(e.getMessage().contains("no complete answer within requestTimeoutMs=300")
          && e.getMessage().contains("2 attempts"), e.getMessage());
    }
  }

  @Test
  void unreachableHostIsAConnectionError() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    SQLException e = failing(() -> DriverManager.getConnection(WandbDriver.PREFIX,
        SERVER.properties("baseUrl", "http://127.0.0.1:" + closedPort, "maxRetries", "1")).close());
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("Cannot reach W&B") && e.getMessage().contains("2 attempts"),
        e.getMessage());
  }

  @Test
  void queryTimeoutWinsOverASlowServer() throws SQLException {
    try (Connection c = SERVER.connect(); Statement s = c.createStatement()) {
      count(c, "SELECT run_id FROM runs LIMIT 1");
      SERVER.server().faults().enqueue(Fault.delayMillis(SLOW_ANSWER_MILLIS).forOperation("Runs"));
      s.setQueryTimeout(1);
      SERVER.server().clearRequests();
      long started = System.nanoTime();
      SQLException e = failing(() -> {
        try (ResultSet rs = s.executeQuery("SELECT run_id FROM runs LIMIT 1")) {
          rs.next();
        }
      });
      long failed = System.nanoTime();
      Instant failedAt = Instant.now();
      assertInstanceOf(SQLTimeoutException.class, e, e.getMessage());
      assertEquals("HYT00", e.getSQLState());
      assertTrue(e.getMessage().contains("timeout of 1 s"), e.getMessage());
      assertTookOneSecond(started, failed, failedAt, "Runs");
    }
  }

  /**
   * A timeout of 1 s ended the call after about 1 s: not at once (at least 0.9 s after
   * {@code started}, before which the clock cannot have started), nor at twice the timeout or at
   * the server's answer (within 1.6 s of the server receiving the request that was abandoned).
   * The upper bound counts from the request, not from {@code started}: the driver starts the
   * clock after planning, or after setting up the connection, which alone may take a second on a
   * busy machine. The request is recorded once the server has answered it.
   */
  private static void assertTookOneSecond(long started, long failed, Instant failedAt,
      String operation) {
    long elapsed = TimeUnit.NANOSECONDS.toMillis(failed - started);
    assertTrue(elapsed >= 900, "failed at once, " + elapsed + " ms after the call");
    RecordedRequest abandoned = awaitRequest(operation);
    long sinceSent = Duration.between(abandoned.receivedAt(), failedAt).toMillis();
    assertTrue(sinceSent >= 0 && sinceSent < 1_600, "the request in flight was abandoned at the"
        + " timeout, not waited for: " + sinceSent + " ms after it was sent");
  }

  private static RecordedRequest awaitRequest(String operation) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SLOW_ANSWER_MILLIS + 10_000);
    while (System.nanoTime() < end) {
      Optional<RecordedRequest> found = SERVER.server().requests().stream()
          .filter(r -> operation.equals(r.operationName())).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the server never recorded the " + operation + " request");
  }

  @Test
  void loginTimeoutBoundsConnecting() throws SQLException {
    // Connected once first, so that loading the classes of a first connection is not timed.
    SERVER.connect().close();
    SERVER.server().faults().enqueue(Fault.delayMillis(SLOW_ANSWER_MILLIS)
        .forOperation("Project"));
    int saved = DriverManager.getLoginTimeout();
    DriverManager.setLoginTimeout(1);
    try {
      SERVER.server().clearRequests();
      long started = System.nanoTime();
      SQLException e = failing(() -> SERVER.connect().close());
      long failed = System.nanoTime();
      Instant failedAt = Instant.now();
      assertInstanceOf(SQLTimeoutException.class, e, e.getMessage());
      assertTrue(e.getMessage().contains("login timeout of 1 s"), e.getMessage());
      assertTookOneSecond(started, failed, failedAt, "Project");
    } finally {
      DriverManager.setLoginTimeout(saved);
    }
  }

  @Test
  void cancelStopsARequestInFlight() throws Exception {
    try (Connection c = SERVER.connect(); Statement s = c.createStatement()) {
      count(c, "SELECT run_id FROM runs LIMIT 1");
      SERVER.server().faults().enqueue(Fault.delayMillis(10_000).forOperation("Runs"));
      CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(500);
          s.cancel();
        } catch (Exception ex) {
          throw new IllegalStateException(ex);
        }
      });
      SQLException e = failing(() -> {
        try (ResultSet rs = s.executeQuery("SELECT run_id FROM runs LIMIT 1")) {
          rs.next();
        }
      });
      canceller.get(5, TimeUnit.SECONDS);
      assertEquals("HY008", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void badSqlGetsASyntaxErrorWithAHintForDynamicColumns() throws SQLException {
    try (Connection c = SERVER.connect()) {
      SQLException syntax = failing(() -> count(c, "SELEC run_id FROM runs"));
      assertEquals("42000", syntax.getSQLState());
      assertTrue(syntax.getMessage().contains("line 1, column 1"), syntax.getMessage());

      // Not the hundreds of tokens Calcite's grammar would accept: where, and what to check.
      SQLException misplaced = failing(() -> count(c, "SELECT run_id state FROM runs WHERE"));
      assertEquals("42000", misplaced.getSQLState());
      assertTrue(misplaced.getMessage().contains("line 1, column 35"), misplaced.getMessage());
      assertFalse(misplaced.getMessage().contains("Was expecting"), misplaced.getMessage());
      assertTrue(misplaced.getMessage().length() < 300, misplaced.getMessage());
      SQLException few = failing(() -> count(c, "SELECT run_id FROM runs ORDER"));
      assertTrue(few.getMessage().endsWith("Expected \"BY\"."), few.getMessage());
      SQLException column = failing(() -> count(c, "SELECT config.lr FROM runs"));
      assertEquals("42000", column.getSQLState());
      assertTrue(column.getMessage().contains("double quotes"), column.getMessage());
    }
  }
}
