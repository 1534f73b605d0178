package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What each pushed query sends to W&B, asserted together with the rows it returns, and what
 * EXPLAIN shows of it. Rows are checked against SQL's semantics computed from the server's own
 * data, so that neither side of the check is the driver alone.
 */
class PushdownRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = SERVER.connect();
    try (ResultSet rs = connection.getMetaData().getColumns(null, BIG_PROJECT, "runs", "%")) {
      assertTrue(rs.next());
    }
    SERVER.server().clearRequests();
  }

  private static List<RunData> runs() {
    return SERVER.server().data().project(ENTITY, BIG_PROJECT).runs();
  }

  private static List<RecordedRequest> requests(String operation) {
    return SERVER.server().requests().stream()
        .filter(r -> operation.equals(r.operationName())).toList();
  }

  private static JsonNode filters(RecordedRequest r) {
    try {
      return JSON.readTree(r.variables().path("filters").asText());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private List<List<Object>> query(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private String explain(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  private static Double number(Object o) {
    return o == null ? null : ((Number) o).doubleValue();
  }

  @Test
  void bestRunsOfASweepAskForTenRunsSortedByW_B() throws SQLException {
    String sql = "SELECT run_id, \"summary.loss\" FROM runs WHERE state = 'finished'"
        + " AND \"config.lr\" > 0.001 ORDER BY \"summary.loss\" LIMIT 10";
    List<List<Object>> rows = query(sql);

    // SQL: finished runs with lr > 0.001 by loss ascending, NaN after every number, NULLs last.
    List<Double> expected = runs().stream()
        .filter(r -> "finished".equals(r.state()))
        .filter(r -> number(r.config().values().get("lr")) != null
            && number(r.config().values().get("lr")) > 0.001)
        .map(r -> number(r.summary().get("loss")))
        .sorted(Comparator.nullsLast(Comparator.<Double>naturalOrder()))
        .limit(10).toList();
    assertEquals(expected, rows.stream().map(r -> (Double) r.get(1)).toList());

    List<RecordedRequest> runsRequests = requests("Runs");
    assertTrue(runsRequests.size() <= 2, "at most two runs requests: " + runsRequests);
    // Both conditions are pushed; both stay in Calcite too, as supersets: the state because
    // the server may ignore case, lr > 0.001 because SQL counts NaN above it and the server
    // need not, so the filter also asks for what is not an ordinary number.
    String lrOrNotANumber = "{\"$or\":[{\"config.lr\":{\"$gt\":0.001}},{\"$nor\":["
        + "{\"config.lr\":null},{\"config.lr\":{\"$gte\":-1.7976931348623157E308}}]}]}";
    for (RecordedRequest r : runsRequests) {
      assertTrue(r.variables().path("first").asInt() <= 50, "asked for " + r.variables());
      JsonNode conditions = filters(r).path("$and");
      assertEquals("{\"state\":\"finished\"}", conditions.path(0).toString(), conditions.toString());
      assertEquals(lrOrNotANumber, conditions.path(1).toString(), conditions.toString());
    }
    // The -Infinity segment and the sorted values are asked for together: in either order.
    List<RecordedRequest> sortedByLoss = runsRequests.stream()
        .filter(r -> r.variables().path("order").asText().equals("+summary_metrics.loss")).toList();
    assertEquals(1, sortedByLoss.size(), runsRequests.toString());
    RecordedRequest sorted = sortedByLoss.get(0);
    assertEquals(List.of("loss"), strings(sorted.variables().path("summaryKeys")));

    String plan = explain(sql);
    assertTrue(plan.contains("filter=[{\"$and\":[{\"state\":\"finished\"}," + lrOrNotANumber
        + "]}]"), plan);
    assertTrue(plan.contains("order=[+summary_metrics.loss NULLS LAST"), plan);
    assertTrue(plan.contains("limit=[10]"), plan);
    assertFalse(plan.contains("Sort"), "W&B sorts; Calcite does not: " + plan);
  }

  @Test
  void countOfAnExactFilterIsOneRunCountRequest() throws SQLException {
    String sql = "SELECT COUNT(*) FROM runs WHERE \"config.batch_size\" = 64";
    long expected = runs().stream()
        .filter(r -> number(r.config().values().get("batch_size")) != null
            && number(r.config().values().get("batch_size")) == 64)
        .count();
    assertEquals(List.of(List.of(expected)), query(sql));
    List<RecordedRequest> all = SERVER.server().requests();
    assertEquals(1, all.size(), all.toString());
    assertEquals("RunCount", all.get(0).operationName());
    assertEquals(64, filters(all.get(0)).path("config.batch_size").asInt());
    assertFalse(all.get(0).query().contains("runs("), "no runs selection");
    assertTrue(explain(sql).contains("count=[runCount(filters)]"), explain(sql));
  }

  @Test
  void countOfASupersetFilterCountsTheMatchingRunsInTheDriver() throws SQLException {
    // The state is compared in Calcite too (a server may ignore case), so W&B cannot count:
    // the matching runs are listed, with nothing but the fields the condition reads.
    String sql = "SELECT COUNT(*) FROM runs WHERE state = 'crashed'";
    long expected = runs().stream().filter(r -> "crashed".equals(r.state())).count();
    assertEquals(List.of(List.of(expected)), query(sql));
    List<RecordedRequest> all = SERVER.server().requests();
    assertEquals(List.of("Runs"), all.stream().map(RecordedRequest::operationName).toList());
    assertEquals("crashed", filters(all.get(0)).path("state").asText());
    JsonNode v = all.get(0).variables();
    assertTrue(v.path("withState").asBoolean(), v.toString());
    for (String other : new String[] {"withConfig", "withConfigSubset", "withSummaryMetrics",
        "withSummarySubset", "withTags", "withDisplayName"}) {
      assertFalse(v.path(other).asBoolean(), other + " in " + v);
    }
    assertFalse(explain(sql).contains("runCount"), explain(sql));
  }

  @Test
  void likeIsPushedAsARegexAndKeptExactInCalcite() throws SQLException {
    String sql = "SELECT run_id FROM runs WHERE display_name LIKE 'swift-%'";
    Set<String> expected = runs().stream()
        .filter(r -> r.displayName() != null && r.displayName().startsWith("swift-"))
        .map(RunData::name).collect(Collectors.toCollection(TreeSet::new));
    assertFalse(expected.isEmpty());
    Set<String> actual = new TreeSet<>();
    query(sql).forEach(r -> actual.add((String) r.get(0)));
    assertEquals(expected, actual);
    for (RecordedRequest r : requests("Runs")) {
      assertEquals("swift-", filters(r).path("displayName").path("$regex").asText());
    }
    // The regex matches more than the LIKE ("...-swift-..." anywhere); the residual drops them.
    long serverMatches = runs().stream()
        .filter(r -> r.displayName() != null && r.displayName().contains("swift-")).count();
    assertTrue(serverMatches >= expected.size());
    String plan = explain(sql);
    assertTrue(plan.contains("LIKE") && plan.contains("\"$regex\":\"swift-\""), plan);
  }

  @Test
  void tagMembershipIsPushedInBothSpellings() throws SQLException {
    Set<String> expected = runs().stream().filter(r -> r.tags().contains("baseline"))
        .map(RunData::name).collect(Collectors.toCollection(TreeSet::new));
    assertFalse(expected.isEmpty());
    for (String sql : List.of("SELECT run_id FROM runs WHERE ARRAY_CONTAINS(tags, 'baseline')",
        "SELECT run_id FROM runs WHERE 'baseline' MEMBER OF tags")) {
      SERVER.server().clearRequests();
      Set<String> actual = new TreeSet<>();
      query(sql).forEach(r -> actual.add((String) r.get(0)));
      assertEquals(expected, actual, sql);
      assertFalse(requests("Runs").isEmpty());
      for (RecordedRequest r : requests("Runs")) {
        assertEquals("{\"tags\":\"baseline\"}", filters(r).toString(), sql);
      }
      assertTrue(explain(sql).contains("filter=[{\"tags\":\"baseline\"}]"), explain(sql));
    }
  }

  @Test
  void aWhereThatCannotBePushedStillReturnsTheRightRowsPagingThroughTheProject()
      throws SQLException {
    String sql = "SELECT run_id FROM runs WHERE upper(display_name) LIKE '%SWEEP-1_'";
    Set<String> expected = runs().stream()
        .filter(r -> r.displayName() != null
            && r.displayName().toUpperCase().matches(".*SWEEP-1.$"))
        .map(RunData::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> actual = new TreeSet<>();
    query(sql).forEach(r -> actual.add((String) r.get(0)));
    assertEquals(expected, actual);
    List<RecordedRequest> pages = requests("Runs");
    assertEquals(2, pages.size(), "2,000 runs at 1,000 a page");
    pages.forEach(r -> assertEquals("{}", r.variables().path("filters").asText()));
    assertFalse(explain(sql).contains("filter=["));
  }

  @Test
  void projectionSelectsOneConfigKeyAndNoSummary() throws SQLException {
    List<List<Object>> rows = query("SELECT run_id, \"config.lr\" FROM runs");
    assertEquals(runs().size(), rows.size());
    for (RecordedRequest r : requests("Runs")) {
      JsonNode v = r.variables();
      assertEquals(List.of("lr"), strings(v.path("configKeys")));
      assertTrue(v.path("withConfigSubset").asBoolean());
      assertFalse(v.path("withConfig").asBoolean());
      assertFalse(v.path("withSummaryMetrics").asBoolean());
      assertFalse(v.path("withSummarySubset").asBoolean());
    }
    assertTrue(explain("SELECT run_id, \"config.lr\" FROM runs")
        .contains("fields=[name, config(keys: [\"lr\"])]"));
  }

  @Test
  void parametersAreBoundIntoTheFilter() throws SQLException {
    String sql = "SELECT run_id FROM runs WHERE state = ? AND \"config.batch_size\" >= ?";
    Set<String> expected = runs().stream()
        .filter(r -> "failed".equals(r.state()))
        .filter(r -> number(r.config().values().get("batch_size")) != null
            && number(r.config().values().get("batch_size")) >= 128)
        .map(RunData::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> actual = new TreeSet<>();
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      p.setString(1, "failed");
      p.setLong(2, 128);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          actual.add(rs.getString(1));
        }
      }
      assertEquals(expected, actual);
      JsonNode filter = filters(requests("Runs").get(0));
      assertEquals("failed", filter.path("state").asText(), filter.toString());
      assertEquals(128, filter.path("config.batch_size").path("$gte").asInt(), filter.toString());

      SERVER.server().clearRequests();
      p.setString(1, "crashed");
      p.setLong(2, 64);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          assertTrue(rs.getString(1).length() > 0);
        }
      }
      assertEquals("crashed", filters(requests("Runs").get(0)).path("state").asText(),
          "the same statement binds new values");
    }
  }

  @Test
  void recentRunsFilterOnCreatedAtWithTheStatementsClock() throws SQLException {
    String sql = "SELECT run_id FROM runs WHERE created_at > CURRENT_TIMESTAMP - INTERVAL '300' DAY";
    long since = System.currentTimeMillis() - 300L * 24 * 3600 * 1000;
    Set<String> expected = runs().stream()
        .filter(r -> r.createdAt().toEpochMilli() > since)
        .map(RunData::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> actual = new TreeSet<>();
    query(sql).forEach(r -> actual.add((String) r.get(0)));
    assertEquals(expected, actual);
    JsonNode filter = filters(requests("Runs").get(0));
    assertTrue(filter.path("createdAt").path("$gte").isTextual(), filter.toString());
  }

  @Test
  void limitWithAResidualFilterPagesOnlyWhileRowsAreStillNeeded() throws SQLException {
    String sql = "SELECT run_id FROM runs WHERE upper(state) = 'FINISHED' LIMIT 30";
    assertEquals(30, query(sql).size());
    List<RecordedRequest> pages = requests("Runs");
    assertEquals(31, pages.get(0).variables().path("first").asInt(),
        "the first page asks for about as many rows as the limit needs");
    assertTrue(pages.size() <= 3, "stops once 30 rows passed: " + pages.size() + " pages");
  }

  @Test
  void nullsAndNanComeFromSeparateSegmentsInSqlOrder() throws SQLException {
    String sql = "SELECT \"summary.loss\" FROM runs ORDER BY \"summary.loss\" DESC NULLS LAST"
        + " LIMIT 5";
    List<Object> values = query(sql).stream().map(r -> r.get(0)).toList();
    long nans = runs().stream().filter(r -> r.summary().get("loss") instanceof Double d
        && d.isNaN()).count();
    assertTrue(nans >= 5, "enough diverged runs for this test");
    values.forEach(v -> assertTrue(((Double) v).isNaN(), "NaN sorts first descending: " + v));
    List<String> orders = requests("Runs").stream()
        .map(r -> r.variables().path("order").asText()).toList();
    // The segments around the sorted values are usually empty, so their first pages go out
    // together with the sorted segment's first page, in one round trip. Here the NaN segment
    // alone answers the limit: that first page is all that is read of the sorted values, and
    // when the statement ends before it is answered, it is aborted, maybe before W&B sees it.
    List<RecordedRequest> sorted = requests("Runs").stream()
        .filter(r -> r.variables().path("order").asText().equals("-summary_metrics.loss")).toList();
    assertTrue(sorted.size() <= 1, "at most one speculative page of the sorted values: " + orders);
    for (RecordedRequest page : sorted) {
      assertTrue(page.variables().path("after").isNull(), "its first page only");
      assertTrue(page.variables().path("first").asInt() <= 6, "sized for the limit");
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
