package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.client.ApiKey;
import io.github.wandbjdbc.client.WandbApiException.Kind;
import io.github.wandbjdbc.client.WandbApiException;
import io.github.wandbjdbc.support.KeyLeaks;
import io.github.wandbjdbc.support.LogCapture;
import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.faults.Fault;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.List;

/**
 * The API key stays out of everything the driver shows when the server says the key back, as
 * some servers and proxies do: the test server echoes the presented key in its 401 and 500
 * answers ({@code echoKeyInErrors}), plainly and as the {@code Authorization} header. Each error
 * must still be the right one and still carry the rest of the server's text, with the key
 * replaced by {@link #MARK}; that the mark is there shows the echo really happened, so a test
 * that passes is not a server that stayed quiet. {@link KeyNowhereTest} covers everything else
 * the driver shows; here it is only what comes back from the server, and the driver's last line
 * of defence ({@link SqlErrors}) for keys that reach it unredacted.
 */
class KeyRedactionTest {
  // Not the test server's default key: SecretScan looks for that one in the suite's output.
  private static final String KEY = "kr-served-5f1c9e7a3b2d4c6e8f0a1b2c3d4e5f6a7b8c9d0e";
  private static final String WRONG_KEY = "kr-wrong-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d";
  /** What {@link ApiKey#redact} puts where the key was. */
  private static final String MARK = "****";
  /** The test server's echo, once the driver has redacted it. */
  private static final String REDACTED_ECHO =
      "request with api key " + MARK + " (Authorization: Basic " + MARK + ")";
  private static final KeyLeaks LEAKS = new KeyLeaks(KEY, WRONG_KEY);

  @RegisterExtension
  static final TestServerExtension SERVER =
      new TestServerExtension(b -> b.apiKey(KEY).echoKeyInErrors(true));

  /** Refuses every pushed filter with a 500 that names the key, as a proxy in front of W&B might. */
  @RegisterExtension
  static final TestServerExtension REFUSING = new TestServerExtension(b -> b.apiKey(KEY)
      .echoKeyInErrors(true).refusing(KeyRedactionTest::filtered).refusalStatus(500));

  @AfterEach
  void noFaultLeftOver() {
    SERVER.server().faults().clear();
  }

  private static boolean filtered(String operation, JsonNode variables) {
    return "Runs".equals(operation) && !variables.path("filters").asText("{}").equals("{}");
  }

  @Test
  void aWrongKeyEchoedIn401IsRedactedAtConnect() {
    SQLException e = assertThrows(SQLException.class,
        () -> SERVER.connect("apiKey", WRONG_KEY).close());
    assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e);
    assertEquals("28000", e.getSQLState());
    assertEquals(401, e.getErrorCode());
    assertEquals(401, lastStatus(), "the server answered 401");
    LEAKS.assertNoneIn("the rejected connection's exception", KeyLeaks.shown(e));
    assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains(REDACTED_ECHO)
        && e.getMessage().contains("invalid or missing API key: send HTTP Basic auth"),
        "the server's text is shown, its echo of the key redacted: " + e.getMessage());
  }

  @Test
  void a401EchoingTheKeyInAQueryIsRedactedEverywhere() throws SQLException {
    try (Connection c = SERVER.connect(); Statement s = c.createStatement()) {
      SERVER.server().faults().enqueue(Fault.status(401).forOperation("Runs"));
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT run_id FROM runs LIMIT 1"));
      assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e);
      assertEquals("28000", e.getSQLState());
      assertEquals(401, lastStatus());
      LEAKS.assertNoneIn("the 401's exception", KeyLeaks.shown(e));
      LEAKS.assertNoneIn("the JDBC objects and their warnings", everythingShownBy(c, s, null));
      assertTrue(e.getMessage().contains(REDACTED_ECHO + ": scripted fault: HTTP 401"),
          e.getMessage());
    }
  }

  @Test
  void persistent500sEchoingTheKeyAreRedactedInTheErrorAndTheRetryLog() throws SQLException {
    try (LogCapture logs = new LogCapture(); Connection c = SERVER.connect("maxRetries", "1");
        Statement s = c.createStatement()) {
      SERVER.server().faults().enqueue(Fault.status(500).forOperation("Runs"))
          .enqueue(Fault.status(500).forOperation("Runs"));
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT run_id FROM runs LIMIT 1"));
      assertInstanceOf(SQLTransientException.class, e);
      assertEquals("58000", e.getSQLState());
      assertEquals(500, e.getErrorCode());
      assertEquals(500, lastStatus());
      LEAKS.assertNoneIn("the 500's exception", KeyLeaks.shown(e));
      LEAKS.assertNoneIn("the JDBC objects and their warnings", everythingShownBy(c, s, null));
      LEAKS.assertNoneIn("the log", logs.text());
      assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("2 attempts")
          && e.getMessage().contains(REDACTED_ECHO + ": scripted fault: HTTP 500"),
          e.getMessage());
      assertTrue(logs.text().contains("retrying") && logs.text().contains(REDACTED_ECHO),
          "the retry was logged with the server's text, redacted");
    }
  }

  /** A later page fails: the error comes from {@code ResultSet.next}, with the result set open. */
  @Test
  void a500EchoingTheKeyWhileReadingRowsIsRedacted() throws SQLException {
    try (Connection c = SERVER.connect("maxRetries", "0", "pageSize", "2", "parallelism", "1");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT run_id FROM runs")) {
      assertTrue(rs.next());
      SERVER.server().faults().enqueue(Fault.status(500).forOperation("Runs"));
      SQLException e = assertThrows(SQLException.class, () -> {
        for (int i = 0; i < 10; i++) {
          rs.next();
        }
      });
      assertInstanceOf(SQLTransientException.class, e);
      assertEquals("58000", e.getSQLState());
      assertEquals(500, lastStatus());
      LEAKS.assertNoneIn("the exception of next()", KeyLeaks.shown(e));
      LEAKS.assertNoneIn("the JDBC objects and their warnings", everythingShownBy(c, s, rs));
      assertTrue(e.getMessage().contains(REDACTED_ECHO + ": scripted fault: HTTP 500"),
          e.getMessage());
    }
  }

  /**
   * A 500 refusing the pushed filter, echoing the key, is answered by evaluating the filter in
   * the driver: the statement succeeds, and the warning it logs quotes the server, redacted.
   */
  @Test
  void aRefusalEchoingTheKeyIsRedactedInTheFallbacksWarning() throws SQLException {
    try (LogCapture logs = new LogCapture();
        Connection c = REFUSING.connect("project", TestServerExtension.SMALL_PROJECT);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT run_id FROM runs WHERE state = 'finished'")) {
      List<List<Object>> rows = SqlRows.rows(rs);
      assertTrue(!rows.isEmpty(), "the fallback read the runs");
      assertTrue(REFUSING.server().requests().stream().anyMatch(r -> r.httpStatus() == 500),
          "the server refused with 500");
      LEAKS.assertNoneIn("the log", logs.text());
      LEAKS.assertNoneIn("the JDBC objects and their warnings", everythingShownBy(c, s, rs));
      assertTrue(logs.text().contains("was not accepted") && logs.text().contains(REDACTED_ECHO),
          "the fallback's warning quotes the server's refusal, redacted");
    }
  }

  /**
   * {@link SqlErrors} is the driver's last line of defence: whatever reaches it with the key in
   * a message, from any layer, comes out without it, in the message and in the causes (a
   * redacted message over an unredacted cause would still print the key in a stack trace),
   * with the SQLState it would have had.
   */
  @Test
  void sqlErrorsRedactsKeysThatReachItUnredacted() {
    ApiKey key = new ApiKey(KEY);
    String echo = "invalid api key " + KEY + " (Authorization: " + key.basicAuthorization() + ")";
    String redacted = "invalid api key " + MARK + " (Authorization: Basic " + MARK + ")";

    SQLException rejected = SqlErrors.translate(new IllegalStateException("reading runs failed",
        new WandbApiException(Kind.AUTHENTICATION, 401, "W&B rejected the API key (HTTP 401) ("
            + echo + ").", null)), key);
    assertInstanceOf(SQLInvalidAuthorizationSpecException.class, rejected);
    assertEquals("28000", rejected.getSQLState());
    assertEquals(401, rejected.getErrorCode());

    SQLException down = SqlErrors.translate(new WandbApiException(Kind.SERVER_ERROR, 500,
        "W&B answered HTTP 500 (" + echo + ") to 1 attempt over 0 s.", null), key);
    assertInstanceOf(SQLTransientException.class, down);
    assertEquals("58000", down.getSQLState());

    SQLException unexpected = SqlErrors.translate(new IllegalStateException(echo), key);
    assertEquals("HY000", unexpected.getSQLState());

    SQLException quoted = SqlErrors.translate(new SQLException("cannot connect: " + echo,
        "08001"), key);
    assertEquals("08001", quoted.getSQLState());

    for (SQLException e : List.of(rejected, down, unexpected, quoted)) {
      LEAKS.assertNoneIn("the translation of " + e.getSQLState(), KeyLeaks.shown(e));
      assertTrue(e.getMessage().contains(redacted), e.getMessage());
    }
  }

  private static int lastStatus() {
    List<RecordedRequest> requests = SERVER.server().requests();
    return requests.get(requests.size() - 1).httpStatus();
  }

  /**
   * What the JDBC objects show after a failure: their {@code toString()} and the warnings of
   * the connection, the statement and the result set (null when there is none). A closed
   * object refuses {@code getWarnings}; what it says then counts as shown too.
   */
  private static String everythingShownBy(Connection c, Statement s, ResultSet rs) {
    StringBuilder out = new StringBuilder().append(c).append('\n').append(s).append('\n')
        .append(rs).append('\n');
    List<Warned> warned = rs == null ? List.of(c::getWarnings, s::getWarnings)
        : List.of(c::getWarnings, s::getWarnings, rs::getWarnings);
    for (Warned w : warned) {
      try {
        out.append(KeyLeaks.shown(w.warnings()));
      } catch (SQLException closed) {
        out.append(KeyLeaks.shown(closed));
      }
    }
    return out.toString();
  }

  private interface Warned {
    java.sql.SQLWarning warnings() throws SQLException;
  }
}
