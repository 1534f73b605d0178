package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.LogCapture;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.faults.Fault;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * When W&B refuses a pushed filter or order (HTTP 400), the driver retries without them, applies
 * them itself, warns once, and stops pushing on that connection (docs/WIRE.md, Refusals and the
 * fallback). Expected rows come from the server's own data.
 */
class PushdownFallbackTest {
  private static final String REFUSAL =
      "{\"errors\":[{\"message\":\"invalid filters: unsupported operator\"}]}";

  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  @AfterEach
  void noFaultLeft() {
    assertEquals(List.of(), SERVER.server().faults().pending());
    SERVER.server().faults().clear();
  }

  private static List<RunData> runs() {
    return SERVER.server().data().project(ENTITY, BIG_PROJECT).runs();
  }

  private static List<RecordedRequest> requests(String operation) {
    return SERVER.server().requests().stream()
        .filter(r -> operation.equals(r.operationName())).toList();
  }

  private static String filters(RecordedRequest r) {
    return r.variables().path("filters").asText();
  }

  private static List<Object> column(Connection c, String sql) throws SQLException {
    List<Object> values = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getObject(1));
      }
    }
    return values;
  }

  private static List<Object> sortedStrings(List<Object> values) {
    return values.stream().map(String::valueOf).sorted().map(v -> (Object) v).toList();
  }

  /** A connection that has looked its project up, so only the query's requests follow. */
  private static Connection connect(String... properties) throws SQLException {
    Connection c = SERVER.connect(properties);
    try (ResultSet rs = c.getMetaData().getColumns(null, BIG_PROJECT, "runs", "%")) {
      assertTrue(rs.next());
    }
    SERVER.server().clearRequests();
    return c;
  }

  @Test
  void aRefusedFilterIsEvaluatedInTheDriverForTheRestOfTheConnection() throws SQLException {
    List<Object> crashed = sortedStrings(runs().stream().filter(r -> "crashed".equals(r.state()))
        .map(r -> (Object) r.name()).toList());
    List<Object> finished = sortedStrings(runs().stream().filter(r -> "finished".equals(r.state()))
        .map(r -> (Object) r.name()).toList());
    try (Connection c = connect(); LogCapture log = new LogCapture()) {
      SERVER.server().faults().enqueue(Fault.body(400, REFUSAL).forOperation("Runs"));

      assertEquals(crashed, sortedStrings(column(c, "SELECT run_id FROM runs WHERE state = 'crashed'")));

      List<RecordedRequest> first = requests("Runs");
      assertEquals(400, first.get(0).httpStatus());
      assertEquals("{\"state\":\"crashed\"}", filters(first.get(0)));
      assertTrue(first.size() > 1, "retried: " + first);
      for (RecordedRequest retry : first.subList(1, first.size())) {
        assertEquals(200, retry.httpStatus());
        assertEquals("{}", filters(retry), "the retry pushes nothing");
        assertEquals("+created_at", retry.variables().path("order").asText());
      }
      String text = log.text();
      assertTrue(text.contains("Evaluating filters and orders in the driver"), text);
      assertTrue(text.contains("invalid filters: unsupported operator"), text);
      assertFalse(text.contains(SERVER.apiKey()), "the key never appears in the log");

      // The connection remembers: the next filtered query pushes nothing, and is still right.
      SERVER.server().clearRequests();
      assertEquals(finished, sortedStrings(column(c,
          "SELECT run_id FROM runs WHERE state = 'finished'")));
      assertFalse(requests("Runs").isEmpty());
      assertTrue(requests("Runs").stream().allMatch(r -> filters(r).equals("{}")
              && r.httpStatus() == 200), requests("Runs").toString());
      String both = log.text();
      assertEquals(1, both.split("Evaluating filters and orders in the driver", -1).length - 1,
          "warned once");
    }

    // Another connection pushes again.
    try (Connection other = connect()) {
      assertEquals(finished, sortedStrings(column(other,
          "SELECT run_id FROM runs WHERE state = 'finished'")));
      assertEquals("{\"state\":\"finished\"}", filters(requests("Runs").get(0)));
    }
  }

  @Test
  void aRefusedOrderIsAppliedInTheDriverEvenAfterRowsWereEmitted() throws SQLException {
    // Batch sizes of runs that are not running, in SQL's order: ascending, NULLs last.
    List<Object> expected = runs().stream().filter(r -> !"running".equals(r.state()))
        .map(r -> r.config().values().get("batch_size"))
        .map(v -> v == null ? null : (Object) ((Number) v).longValue())
        .sorted(Comparator.nullsLast(Comparator.comparing(v -> (Long) v)))
        .toList();
    try (Connection c = connect("pageSize", "50")) {
      // The first page is served and its 50 rows are emitted; the second page is refused.
      SERVER.server().faults().enqueue(Fault.delayMillis(0).forOperation("Runs"));
      SERVER.server().faults().enqueue(Fault.body(400, REFUSAL).forOperation("Runs"));

      List<Object> rows = column(c, "SELECT \"config.batch_size\" FROM runs"
          + " WHERE state <> 'running' ORDER BY \"config.batch_size\"");

      assertEquals(expected, rows);
      List<RecordedRequest> sent = requests("Runs");
      assertEquals(200, sent.get(0).httpStatus(), sent.toString());
      assertEquals("+config.batch_size.value", sent.get(0).variables().path("order").asText());
      assertEquals(50, sent.get(0).variables().path("first").asInt());
      assertEquals(400, sent.get(1).httpStatus(), sent.toString());
      assertTrue(sent.get(1).variables().hasNonNull("after"), "refused on the second page");
      assertTrue(sent.subList(2, sent.size()).stream().allMatch(r -> filters(r).equals("{}")),
          sent.toString());
    }
  }

  @Test
  void aRefusedCountIsCountedInTheDriver() throws SQLException {
    // An exact filter, so that the count is asked of W&B (runCount) in the first place.
    String sql = "SELECT COUNT(*) FROM runs WHERE \"config.batch_size\" = 64";
    long expected = runs().stream()
        .filter(r -> r.config().values().get("batch_size") instanceof Number n
            && n.doubleValue() == 64)
        .count();
    assertTrue(expected > 0, "the sample has runs of batch size 64");
    try (Connection c = connect()) {
      SERVER.server().faults().enqueue(Fault.body(400, REFUSAL).forOperation("RunCount"));

      assertEquals(List.of(expected), column(c, sql));

      assertEquals(400, requests("RunCount").get(0).httpStatus());
      assertEquals(1, requests("RunCount").size());
      assertTrue(requests("Runs").stream().allMatch(r -> filters(r).equals("{}")));

      // Counting stays local on this connection; an unfiltered count still asks runCount.
      SERVER.server().clearRequests();
      assertEquals(List.of(expected), column(c, sql));
      assertEquals(List.of(), requests("RunCount"));
      assertEquals(List.of((long) runs().size()), column(c, "SELECT COUNT(*) FROM runs"));
      assertEquals("{}", filters(requests("RunCount").get(0)));
    }
  }

  @Test
  void otherFailuresAreNotMistakenForARefusal() throws SQLException {
    try (Connection c = connect()) {
      // An unfiltered request had nothing to refuse: a 400 for it is an error.
      SERVER.server().faults().enqueue(Fault.body(400, REFUSAL).forOperation("Runs"));
      SQLException unfiltered = assertThrows(SQLException.class,
          () -> column(c, "SELECT run_id FROM runs"));
      assertTrue(Objects.requireNonNullElse(unfiltered.getMessage(), "")
          .contains("invalid filters"), unfiltered.getMessage());

      // Permission is not a refusal of the filter.
      SERVER.server().faults().enqueue(Fault.status(403).forOperation("Runs"));
      SQLException forbidden = assertThrows(SQLException.class,
          () -> column(c, "SELECT run_id FROM runs WHERE state = 'crashed'"));
      assertTrue(forbidden.getSQLState().startsWith("28")
          || forbidden.getSQLState().startsWith("42"), forbidden.getSQLState());

      // Neither switched the connection to local evaluation.
      SERVER.server().clearRequests();
      column(c, "SELECT run_id FROM runs WHERE state = 'crashed'");
      assertEquals("{\"state\":\"crashed\"}", filters(requests("Runs").get(0)));
    }
  }
}
