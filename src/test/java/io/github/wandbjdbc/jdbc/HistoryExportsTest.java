package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.SMALL_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.WandbTestServer;
import io.github.wandbjdbc.testserver.exports.ExportOptions;
import io.github.wandbjdbc.testserver.exports.ExportOptions.Damage;
import io.github.wandbjdbc.testserver.exports.StorageRequest;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The requests of history read from W&B's exports: one GraphQL request asks the exports of a
 * page of runs; downloads carry no key; EXPLAIN says which way a scan reads; and each way the
 * exports can fail gives the GraphQL rows and a warning ({@code auto}) or an error
 * ({@code parquet}).
 */
class HistoryExportsTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  /** 100 runs of the big project joined to their first steps. */
  private static final String HUNDRED_RUNS = "SELECT r.run_id, h.step, h.\"loss\" FROM"
      + " (SELECT run_id FROM runs ORDER BY created_at, run_id LIMIT 100) r"
      + " JOIN history h ON h.run_id = r.run_id WHERE h.step < 3";

  @Test
  void aHundredRunJoinAsksTheirExportsInOneRequestAndNoWindows() throws Exception {
    List<String> graphql = rows(SERVER, "graphql", null, HUNDRED_RUNS);
    SERVER.server().clearRequests();
    SERVER.server().clearStorageRequests();
    Result parquet = run(SERVER, "parquet", null, HUNDRED_RUNS);
    assertEquals(graphql, parquet.rows());
    List<RecordedRequest> exports = byOperation(SERVER.server().requests(), "RunsParquetHistory");
    assertEquals(1, exports.size(), "one request for the exports of the 100 runs");
    String filter = exports.get(0).variables().path("filters").asText();
    assertEquals(100, filter.split(",").length, filter);
    assertEquals(List.of("_step", "loss"), texts(exports.get(0).variables().path("liveKeys")));
    assertEquals(0, byOperation(SERVER.server().requests(), "RunHistory").size()
        + byOperation(SERVER.server().requests(), "RunSampledHistory").size(),
        "no GraphQL windows: every step came from the exports");
    assertFalse(SERVER.server().storageRequests().isEmpty());
    assertEquals(List.of(), parquet.warnings());
  }

  @Test
  void downloadsCarryNoKeyAndNoAuthorization() throws Exception {
    SERVER.server().clearStorageRequests();
    rows(SERVER, "auto", SMALL_PROJECT, "SELECT run_id, step, \"row\" FROM history");
    List<StorageRequest> downloads = SERVER.server().storageRequests();
    // One file per exported run: those with history that are not running (W&B exports later).
    long exported = SERVER.server().data().project(TestServerExtension.ENTITY, SMALL_PROJECT)
        .runs().stream().filter(r -> r.history().rowCount() > 0 && !"running".equals(r.state()))
        .count();
    assertEquals(exported, downloads.size(), "every exported run's file, once");
    for (StorageRequest d : downloads) {
      assertEquals(200, d.status(), d.pathAndQuery());
      assertFalse(d.hasHeader("Authorization"), d.headers().toString());
      assertFalse(d.carries(SERVER.apiKey()), d.toString());
    }
  }

  @Test
  void explainSaysWhichWayHistoryIsRead() throws Exception {
    String keys = explain(SERVER, "auto", "SELECT step, \"train/loss\" FROM history");
    assertTrue(keys.contains("read=[parquet exports (columns _step, train/loss; live tail from"
        + " liveData), graphql where a run's exports cannot be read]"), keys);
    String rows = explain(SERVER, "parquet", "SELECT \"row\" FROM history");
    assertTrue(rows.contains("read=[parquet exports (all columns; live tail through graphql"
        + " windows)]"), rows);
    String windows = explain(SERVER, "graphql", "SELECT step, \"train/loss\" FROM history");
    assertTrue(windows.contains("read=[graphql windows (sampledHistory)]"), windows);
  }

  @RegisterExtension
  static final TestServerExtension OLD_SERVER = new TestServerExtension(b -> b.exports(
      ExportOptions.DEFAULT.withServed(false)));

  @Test
  void aServerWithoutExportsIsReadThroughGraphQlOnceRefused() throws Exception {
    String sql = "SELECT run_id, step, \"train/loss\" FROM history";
    List<String> expected = rows(OLD_SERVER, "graphql", SMALL_PROJECT, sql);
    try (Connection c = connect(OLD_SERVER, "auto", SMALL_PROJECT)) {
      OLD_SERVER.server().clearRequests();
      Result first = run(c, sql);
      assertEquals(expected, first.rows());
      assertEquals(1, first.warnings().size(), first.warnings().toString());
      assertTrue(first.warnings().get(0).contains("does not offer history exports"));
      assertEquals(1, byOperation(OLD_SERVER.server().requests(), "RunsParquetHistory").size());
      OLD_SERVER.server().clearRequests();
      Result second = run(c, sql);
      assertEquals(expected, second.rows());
      assertEquals(0, byOperation(OLD_SERVER.server().requests(), "RunsParquetHistory").size(),
          "the connection remembers the server lacks the field");
    }
    SQLException e = assertThrows(SQLException.class,
        () -> rows(OLD_SERVER, "parquet", SMALL_PROJECT, sql));
    assertTrue(e.getMessage().contains("historySource=parquet"), e.getMessage());
  }

  @RegisterExtension
  static final TestServerExtension EXPIRING = new TestServerExtension(b -> b.exports(
      ExportOptions.DEFAULT.withExpiredIssues(1)));

  @Test
  void anExpiredUrlIsAskedForAgainOnce() throws Exception {
    String sql = "SELECT run_id, step, \"train/loss\" FROM history";
    List<String> expected = rows(EXPIRING, "graphql", SMALL_PROJECT, sql);
    EXPIRING.server().clearRequests();
    EXPIRING.server().clearStorageRequests();
    Result parquet = run(EXPIRING, "parquet", SMALL_PROJECT, sql);
    assertEquals(expected, parquet.rows());
    assertEquals(List.of(), parquet.warnings());
    assertTrue(EXPIRING.server().storageRequests().stream().anyMatch(r -> r.status() == 403));
    // The listing, then one request for fresh URLs per run.
    long runs = EXPIRING.server().data().project(TestServerExtension.ENTITY, SMALL_PROJECT).runs()
        .stream().filter(r -> r.history().rowCount() > 0 && !"running".equals(r.state())).count();
    assertEquals(1 + runs, byOperation(EXPIRING.server().requests(), "RunsParquetHistory").size());
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void aRunWhoseExportsFailIsReadThroughGraphQlWithAWarning(Damage damage) throws Exception {
    String sql = "SELECT run_id, step, \"row\" FROM history";
    try (WandbTestServer damaged = WandbTestServer.builder()
        .recordTo(TestServerExtension.requestLog("HistoryExportsTest"))
        .exports(ExportOptions.DEFAULT.withDamage(Map.of(firstRun(), damage))).start()) {
      List<String> expected = once(connect(damaged, "graphql"), sql).rows();
      Result auto = once(connect(damaged, "auto"), sql);
      assertEquals(expected, auto.rows());
      assertEquals(1, auto.warnings().size(), auto.warnings().toString());
      assertTrue(auto.warnings().get(0).startsWith("History of run '" + firstRun()
          + "' was read through GraphQL: its exported history"), auto.warnings().get(0));
      SQLException e = assertThrows(SQLException.class,
          () -> once(connect(damaged, "parquet"), sql));
      assertTrue(e.getMessage().contains("historySource=parquet, but the history exports could"
          + " not be read"), e.getMessage());
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  record Result(List<String> rows, List<String> warnings) {}

  private static String firstRun() {
    return SERVER.server().data().project(TestServerExtension.ENTITY, SMALL_PROJECT).runs()
        .stream().filter(r -> r.history().rowCount() > 0 && !"running".equals(r.state()))
        .findFirst().orElseThrow().name();
  }

  private static Connection connect(TestServerExtension server, String mode, String project)
      throws SQLException {
    return project == null ? server.connect("historySource", mode)
        : server.connect("project", project, "historySource", mode);
  }

  private static List<String> rows(TestServerExtension server, String mode, String project,
      String sql) throws SQLException {
    return run(server, mode, project, sql).rows();
  }

  private static Result run(TestServerExtension server, String mode, String project, String sql)
      throws SQLException {
    try (Connection c = connect(server, mode, project)) {
      return run(c, sql);
    }
  }

  /** A connection to the bert project of a server started by the test itself. */
  private static Connection connect(WandbTestServer server, String mode) throws SQLException {
    return java.sql.DriverManager.getConnection(WandbDriver.PREFIX, TestServerExtension
        .properties(server, "project", SMALL_PROJECT, "historySource", mode));
  }

  private static Result once(Connection c, String sql) throws SQLException {
    try (c) {
      return run(c, sql);
    }
  }

  private static Result run(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.append(v instanceof String text && text.startsWith("{")
              ? HistorySourcesDifferentialTest.canonical(text) : v).append(" | ");
        }
        rows.add(row.toString());
      }
      for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
        warnings.add(w.getMessage());
        assertEquals("01000", w.getSQLState());
      }
    }
    rows.sort(null);
    return new Result(rows, warnings);
  }

  private static String explain(TestServerExtension server, String mode, String sql)
      throws SQLException {
    try (Connection c = connect(server, mode, SMALL_PROJECT); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      return plan.toString();
    }
  }

  private static List<RecordedRequest> byOperation(List<RecordedRequest> requests, String name) {
    return requests.stream().filter(r -> r.operationName().equals(name)).toList();
  }

  private static List<String> texts(com.fasterxml.jackson.databind.JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }
}
