package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static io.github.wandbjdbc.support.TestServerExtension.SMALL_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.wandbjdbc.support.QueryProbe;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** SQL over runs through DriverManager, compared with the test server's own data. */
class RunsQueryTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static List<RunData> serverRuns(String project) {
    return SERVER.server().data().project(ENTITY, project).runs();
  }

  private static List<RecordedRequest> runsRequests() {
    return SERVER.server().requests().stream()
        .filter(r -> "Runs".equals(r.operationName())).toList();
  }

  /** Opens a connection and reads the columns once, so that later requests are the query's. */
  private static Connection connectWithKnownColumns(String... props) throws SQLException {
    Connection c = SERVER.connect(props);
    try (ResultSet rs = c.getMetaData().getColumns(null, BIG_PROJECT, "runs", "%")) {
      assertTrue(rs.next());
    }
    SERVER.server().clearRequests();
    return c;
  }

  private static Object unwrappedConfig(RunData run, String key) {
    return run.config().values().get(key);
  }

  @Test
  void finishedRunsMatchTheServersDataRowByRow() throws SQLException {
    Map<String, List<Object>> actual = new TreeMap<>();
    try (Connection c = SERVER.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT run_id, display_name, state, \"config.lr\","
            + " \"summary.loss\" FROM runs WHERE state = 'finished'")) {
      while (rs.next()) {
        Object lr = rs.getObject(4);
        Object loss = rs.getObject(5);
        List<Object> previous = actual.put(rs.getString(1),
            Arrays.asList(rs.getString(2), rs.getString(3), lr, loss));
        assertNull(previous, "run returned twice: " + rs.getString(1));
      }
    }
    Map<String, List<Object>> expected = new TreeMap<>();
    for (RunData run : serverRuns(BIG_PROJECT)) {
      if ("finished".equals(run.state())) {
        Object lr = unwrappedConfig(run, "lr");
        Object loss = run.summary().get("loss");
        expected.put(run.name(), Arrays.asList(run.displayName(), run.state(),
            lr == null ? null : ((Number) lr).doubleValue(),
            loss == null ? null : ((Number) loss).doubleValue()));
      }
    }
    assertTrue(expected.size() > 1000, "the generator makes mostly finished runs");
    assertEquals(expected, actual);
  }

  @Test
  void limitFiveSendsExactlyOneRunsRequest() throws SQLException {
    try (Connection c = connectWithKnownColumns(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM runs LIMIT 5")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
      }
      assertEquals(5, rows);
    }
    assertEquals(List.of("Runs"), SERVER.server().requests().stream()
        .map(RecordedRequest::operationName).toList(), "one request, no project listing");
  }

  @Test
  void aFreshConnectionsFirstQueryCostsTheSampleAndOnePage() throws SQLException {
    SERVER.server().clearRequests();
    try (Connection c = SERVER.connect()) {
      assertEquals(List.of("Project"), operations(), "connect checks the project, once");
      SERVER.server().clearRequests();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM runs LIMIT 5")) {
        assertTrue(rs.next());
      }
      List<RecordedRequest> runs = runsRequests();
      assertEquals(2, runs.size(), "the column sample, then the first page");
      assertEquals("-created_at", runs.get(0).variables().path("order").asText());
      assertEquals("+created_at", runs.get(1).variables().path("order").asText());
      assertEquals(List.of("Runs", "Runs"), operations(), "no project look-ups for names");
      SERVER.server().clearRequests();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT r.run_id, b.run_id FROM runs r JOIN \"bert-finetune\".runs b"
              + " ON r.username = b.username LIMIT 1")) {
        assertTrue(rs.next());
      }
      assertTrue(operations().stream().filter("Project"::equals).count() == 1,
          () -> "one look-up, for the other project, none for aliases: " + operations());
    }
  }

  private static List<String> operations() {
    return SERVER.server().requests().stream().map(RecordedRequest::operationName).toList();
  }

  @Test
  void fullScanPagesThroughEveryRunOnceFollowingCursors() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = connectWithKnownColumns("pageSize", "150"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM runs")) {
      while (rs.next()) {
        ids.add(rs.getString("run_id"));
      }
    }
    Set<String> expected = serverRuns(BIG_PROJECT).stream().map(RunData::name)
        .collect(Collectors.toSet());
    assertEquals(2000, expected.size());
    assertEquals(expected.size(), ids.size(), "no run lost or repeated");
    assertEquals(expected, new HashSet<>(ids));

    List<RecordedRequest> pages = runsRequests();
    assertEquals(14, pages.size(), "ceil(2000 / 150) pages");
    assertTrue(pages.get(0).variables().path("after").isNull());
    Set<String> cursors = new HashSet<>();
    for (RecordedRequest page : pages.subList(1, pages.size())) {
      assertTrue(cursors.add(page.variables().path("after").asText()), "each cursor used once");
      assertEquals(150, page.variables().path("first").asInt());
    }
  }

  @Test
  void closingTheResultSetStopsPaging() throws SQLException {
    // One request at a time, so no page is asked for ahead (ParallelReadsTest covers that).
    try (Connection c = connectWithKnownColumns("pageSize", "10", "parallelism", "1");
         Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT run_id FROM runs")) {
        assertEquals(1, rs.getMetaData().getColumnCount());
        // Calcite's iterator reads the first row when the statement executes.
        assertEquals(1, runsRequests().size(), "executeQuery fetches the first page only");
        for (int i = 0; i < 15; i++) {
          assertTrue(rs.next());
        }
      }
      assertEquals(2, runsRequests().size(), "15 rows of 10-run pages, then closed");
    }
  }

  @Test
  void onlyTheSelectedFieldsAreRequested() throws SQLException {
    try (Connection c = connectWithKnownColumns(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT run_id, upper(state) FROM runs LIMIT 3")) {
        assertTrue(rs.next());
      }
      JsonNode v = runsRequests().get(0).variables();
      assertTrue(v.path("withState").asBoolean());
      for (String off : List.of("withDisplayName", "withCreatedAt", "withTags", "withUser",
          "withNotes", "withConfig", "withConfigSubset", "withSummaryMetrics",
          "withSummarySubset")) {
        assertFalse(v.path(off).asBoolean(), off);
      }

      SERVER.server().clearRequests();
      try (ResultSet rs = s.executeQuery("SELECT \"config.lr\", \"config.model.depth\","
          + " \"summary.val/loss\" FROM runs LIMIT 3")) {
        assertTrue(rs.next());
      }
      v = runsRequests().get(0).variables();
      assertTrue(v.path("withConfigSubset").asBoolean());
      assertFalse(v.path("withConfig").asBoolean());
      assertEquals(Set.of("lr", "model"), strings(v.path("configKeys")));
      assertEquals(Set.of("val/loss"), strings(v.path("summaryKeys")));
      assertFalse(v.path("withState").asBoolean());
    }
  }

  @Test
  void pushdownOffFetchesEverythingAndReturnsTheSameRows() throws SQLException {
    String sql = "SELECT run_id, \"config.batch_size\", \"summary.acc\" FROM runs"
        + " WHERE state = 'crashed' ORDER BY run_id";
    List<List<Object>> on = rows(SERVER.connect(), sql);
    SERVER.server().clearRequests();
    List<List<Object>> off = rows(SERVER.connect("pushdown", "false"), sql);
    assertFalse(on.isEmpty());
    assertEquals(on, off);
    JsonNode v = runsRequests().get(runsRequests().size() - 1).variables();
    assertTrue(v.path("withConfig").asBoolean() && v.path("withSummaryMetrics").asBoolean()
        && v.path("withDisplayName").asBoolean());
  }

  @Test
  void queriesSpanTwoProjects() throws SQLException {
    List<RunData> big = serverRuns(BIG_PROJECT);
    List<RunData> small = serverRuns(SMALL_PROJECT);
    try (Connection c = SERVER.connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 'a' AS p, run_id FROM \"resnet-sweep\".runs"
          + " UNION ALL SELECT 'b', run_id FROM \"bert-finetune\".runs")) {
        Map<String, Integer> counts = new HashMap<>();
        while (rs.next()) {
          counts.merge(rs.getString(1), 1, Integer::sum);
        }
        assertEquals(Map.of("a", big.size(), "b", small.size()), counts);
      }
      Map<String, Long> expected = new TreeMap<>();
      Map<String, Long> smallByUser = small.stream()
          .collect(Collectors.groupingBy(r -> r.user().username(), Collectors.counting()));
      for (RunData r : big) {
        Long n = smallByUser.get(r.user().username());
        if (n != null) {
          expected.merge(r.user().username(), n, Long::sum);
        }
      }
      Map<String, Long> actual = new TreeMap<>();
      try (ResultSet rs = s.executeQuery("SELECT a.username, COUNT(*) FROM \"resnet-sweep\".runs a"
          + " JOIN \"bert-finetune\".runs b ON a.username = b.username GROUP BY a.username")) {
        while (rs.next()) {
          actual.put(rs.getString(1), rs.getLong(2));
        }
      }
      assertFalse(expected.isEmpty(), "the two projects share users");
      assertEquals(expected, actual);
    }
  }

  @Test
  void valuesKeepTheirTypesNanTimestampsAndTags() throws SQLException {
    Map<String, RunData> byId = serverRuns(BIG_PROJECT).stream()
        .collect(Collectors.toMap(RunData::name, r -> r));
    int nans = 0;
    int withTags = 0;
    try (Connection c = SERVER.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT run_id, created_at, heartbeat_at, tags,"
            + " \"summary.loss\", \"config.batch_size\", \"config.augment\", summary FROM runs")) {
      while (rs.next()) {
        RunData run = byId.get(rs.getString(1));
        assertNotNull(run);
        assertEquals(run.createdAt().truncatedTo(ChronoUnit.MILLIS),
            rs.getTimestamp(2).toInstant(), "created_at is the UTC instant");
        if (run.heartbeatAt() == null) {
          assertNull(rs.getTimestamp(3));
        }
        Array tags = rs.getArray(4);
        List<Object> tagList = Arrays.asList((Object[]) tags.getArray());
        assertEquals(run.tags(), tagList);
        withTags += tagList.isEmpty() ? 0 : 1;
        Object loss = run.summary().get("loss");
        double sqlLoss = rs.getDouble(5);
        if (loss == null) {
          assertTrue(rs.wasNull());
        } else if (Double.isNaN(((Number) loss).doubleValue())) {
          assertTrue(Double.isNaN(sqlLoss));
          nans++;
        } else {
          assertEquals(((Number) loss).doubleValue(), sqlLoss);
        }
        Object bs = unwrappedConfig(run, "batch_size");
        assertEquals(bs == null ? null : ((Number) bs).longValue(), rs.getObject(6));
        assertEquals(unwrappedConfig(run, "augment"), rs.getObject(7));
        String summaryJson = rs.getString(8);
        assertTrue(summaryJson.startsWith("{") && !summaryJson.contains("NaN,"), summaryJson);
      }
    }
    assertTrue(nans > 0, "some diverged runs have NaN loss");
    assertTrue(withTags > 0);
  }

  /**
   * Timestamps are W&B's UTC wall clock whatever the JVM's zone, as pgjdbc reads a TIMESTAMP
   * WITHOUT TIME ZONE: an instant with a UTC calendar, a LocalDateTime, text, and without calendar
   * the same wall clock in the JVM's zone. Checked in JVMs started in other zones: Avatica reads
   * the default zone once, so changing it inside a running JVM would test something else.
   */
  @Test
  void timestampsAreUtcWallClockInJvmsOfOtherZones() throws Exception {
    List<RunData> runs = serverRuns(BIG_PROJECT).subList(0, 30);
    List<String> expected = runs.stream().map(r -> {
      Instant at = r.createdAt().truncatedTo(ChronoUnit.MILLIS);
      LocalDateTime wall = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
      // PostgreSQL's text: seconds always, a fraction only when there is one.
      String text = wall.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
          + (wall.getNano() == 0 ? "" : String.format(".%03d", wall.getNano() / 1_000_000)
              .replaceAll("0+$", ""));
      return r.name() + "\t" + at + "|" + wall + "|" + text + "|" + wall;
    }).sorted().toList();
    for (String zone : List.of("America/Los_Angeles", "Asia/Kolkata")) {
      List<String> output = QueryProbe.run(SERVER, List.of("-Duser.timezone=" + zone), BIG_PROJECT,
          "SELECT run_id, created_at FROM runs WHERE run_id IN ("
              + runs.stream().map(r -> "'" + r.name() + "'").collect(Collectors.joining(", ")) + ")");
      assertEquals(expected, output.subList(1, output.size()).stream().sorted().toList(), zone);
    }
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new HashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (c; Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }
}
