package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wandbjdbc.client.ApiKey;
import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.faults.Fault;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The fast paths of long scans against a server with latency: history of several runs read in
 * parallel within the connection's {@code parallelism} (through GraphQL windows, whose read-ahead
 * this is about), shared by its statements and paused together on a 429; the next page of runs
 * requested while the current one is read. Rows are always those of the one-request-at-a-time
 * reading, in the same order.
 */
class ParallelReadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension(b -> b.latencyMillis(15));

  /** History of 40 runs with history: many windows, of many runs. */
  private static String history() {
    return "SELECT run_id, step, runtime_seconds, \"row\" FROM history WHERE run_id IN ("
        + runIds(40) + ")";
  }

  @BeforeEach
  void clear() {
    SERVER.server().clearRequests();
    SERVER.server().faults().clear();
  }

  private static String runIds(int count) {
    return SERVER.server().data().project(ENTITY, BIG_PROJECT).runs().stream()
        .filter(r -> r.historyLineCount() > 0).limit(count).map(RunData::name)
        .map(n -> "'" + n + "'").collect(Collectors.joining(", "));
  }

  private static List<List<Object>> sequentially(String sql) throws SQLException {
    try (Connection c = SERVER.connect("parallelism", "1", "historySource", "graphql")) {
      return SqlRows.query(c, sql);
    }
  }

  private static List<RecordedRequest> requests(String operation) {
    return SERVER.server().requests().stream()
        .filter(r -> operation.equals(r.operationName())).toList();
  }

  @Test
  void historyOfManyRunsIsReadInParallelWithinTheBoundInTheSameOrder() throws SQLException {
    List<List<Object>> expected = sequentially(history());
    assertEquals(1, SERVER.server().maxConcurrentRequests());
    int windows = requests("RunHistory").size();
    assertTrue(windows >= 40 && expected.size() > 3000, windows + " windows, "
        + expected.size() + " rows");

    SERVER.server().clearRequests();
    try (Connection c = SERVER.connect("parallelism", "4", "historySource", "graphql")) {
      assertEquals(expected, SqlRows.query(c, history()), "the same rows in the same order");
    }
    assertEquals(windows, requests("RunHistory").size(), "each window read once");
    int most = SERVER.server().maxConcurrentRequests();
    assertTrue(most >= 2 && most <= 4, "in parallel, never more than 4 at once: " + most);
  }

  @Test
  void twoStatementsOfOneConnectionShareItsBound() throws Exception {
    List<List<Object>> expected = sequentially(history());
    SERVER.server().clearRequests();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Connection c = SERVER.connect("parallelism", "3", "historySource", "graphql")) {
      Future<List<List<Object>>> a = threads.submit(() -> SqlRows.query(c, history()));
      Future<List<List<Object>>> b = threads.submit(() -> SqlRows.query(c, history()));
      assertEquals(expected, a.get(120, TimeUnit.SECONDS));
      assertEquals(expected, b.get(120, TimeUnit.SECONDS));
    } finally {
      threads.shutdownNow();
    }
    int most = SERVER.server().maxConcurrentRequests();
    assertTrue(most >= 2 && most <= 3, "both statements' reads within 3 at once: " + most);
  }

  @Test
  void aRateLimitPausesEveryReaderOfTheConnection() throws SQLException {
    List<List<Object>> expected = sequentially(history());
    SERVER.server().clearRequests();
    // The fifth history request is rate-limited, when several readers are at work.
    for (int i = 0; i < 4; i++) {
      SERVER.server().faults().enqueue(Fault.delayMillis(0).forOperation("RunHistory"));
    }
    SERVER.server().faults().enqueue(Fault.status(429).header("Retry-After", "1")
        .forOperation("RunHistory"));
    try (Connection c = SERVER.connect("parallelism", "6", "historySource", "graphql")) {
      assertEquals(expected, SqlRows.query(c, history()));
    }
    List<RecordedRequest> history = requests("RunHistory");
    RecordedRequest limited = history.stream().filter(r -> r.httpStatus() == 429)
        .findFirst().orElseThrow();
    // The 429 left the server 15 ms (the latency) after it came in; requests already on their
    // way may arrive just after, and then none until W&B's second has passed.
    Instant answered = limited.receivedAt().plusMillis(15);
    List<RecordedRequest> duringPause = history.stream()
        .filter(r -> r.receivedAt().isAfter(answered.plusMillis(100))
            && r.receivedAt().isBefore(answered.plusMillis(900)))
        .toList();
    assertEquals(List.of(), duringPause, "no request while the connection waits out the 429");
    assertTrue(history.stream().anyMatch(r -> r.receivedAt().isAfter(answered.plusMillis(950))),
        "the scan went on after the pause");
  }

  @Test
  void anUnboundedRunScanRequestsTheNextPageWhileTheCurrentOneIsRead() throws Exception {
    try (Connection c = connectedWithColumnsKnown();
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT run_id FROM runs")) {
      assertTrue(rs.next());
      waitForRequests(2);
      List<RecordedRequest> pages = requests("Runs");
      assertEquals(2, pages.size(), "the first page and the one after it");
      Thread.sleep(200);
      assertEquals(2, requests("Runs").size(), "only one page ahead");
    }
    Thread.sleep(200);
    List<RecordedRequest> pages = requests("Runs");
    assertEquals(2, pages.size(), "nothing after close");
    // The page ahead continues from the first page's endCursor (Runs.graphql's $after), which
    // the first request, sent again, shows; sent only now so as not to count among the above.
    JsonNode first = pages.get(0).variables();
    assertTrue(first.path("after").isMissingNode() || first.path("after").isNull(),
        "the first page starts at the beginning: " + first);
    JsonNode after = pages.get(1).variables().path("after");
    assertTrue(after.isTextual() && !after.asText().isEmpty(), "a cursor: " + after);
    assertEquals(endCursor(pages.get(0)), after.asText());
  }

  /** The endCursor the server answers {@code request} with, asked again without the driver. */
  private static String endCursor(RecordedRequest request) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("query", request.query());
    body.set("variables", request.variables());
    body.put("operationName", request.operationName());
    HttpRequest post = HttpRequest.newBuilder(SERVER.server().graphqlUri())
        .header("Content-Type", "application/json")
        .header("Authorization", new ApiKey(SERVER.apiKey()).basicAuthorization())
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .build().send(post, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    JsonNode pageInfo = JSON.readTree(response.body())
        .path("data").path("project").path("runs").path("pageInfo");
    assertTrue(pageInfo.path("hasNextPage").asBoolean(), response.body());
    return pageInfo.path("endCursor").asText();
  }

  @Test
  void aLimitedRunScanRequestsNoPageAhead() throws Exception {
    try (Connection c = connectedWithColumnsKnown();
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT run_id FROM runs LIMIT 150")) {
      assertTrue(rs.next());
      Thread.sleep(300);
      assertEquals(1, requests("Runs").size());
      int read = 1;
      while (rs.next()) {
        read++;
      }
      assertEquals(150, read);
    }
    assertEquals(1, requests("Runs").size(), "one page of 151 runs");
  }

  /** A connection whose runs columns have been discovered, and the requests for that cleared. */
  private static Connection connectedWithColumnsKnown() throws SQLException {
    Connection c = SERVER.connect("pageSize", "100");
    SqlRows.query(c, "SELECT run_id FROM runs LIMIT 1");
    SERVER.server().clearRequests();
    return c;
  }

  private static void waitForRequests(int count) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (SERVER.server().requestCount() < count && System.nanoTime() < end) {
      Thread.sleep(10);
    }
  }
}
