package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static io.github.wandbjdbc.support.TestServerExtension.SMALL_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.exports.ExportOptions;
import io.github.wandbjdbc.testserver.folders.RunFolderLoaderTest;
import io.github.wandbjdbc.testserver.generate.HostileDataGenerator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * History read from W&B's parquet exports is never different from history read through GraphQL
 * windows: every query of the corpus returns the same rows with {@code historySource=graphql},
 * {@code parquet} and {@code auto}, on a server whose finished runs are exported, one that
 * keeps each run's last steps live across many small files, and one that exported nothing yet.
 * The data: the sample projects (sparse keys, step gaps), the hostile project (NaN, ±Infinity,
 * text among numbers) and real run folders (histograms, NaN tokens, strings, nested values).
 *
 * <p>{@code row} is compared as JSON values: an object's keys come in the export's column order
 * from parquet, in logged order through GraphQL, and a whole number in a float column reads
 * {@code 5.0} from an export (README, SQL semantics).
 */
class HistorySourcesDifferentialTest {
  private static final List<String> MODES = List.of("graphql", "parquet", "auto");

  @RegisterExtension
  static final TestServerExtension EXPORTED = new TestServerExtension(b -> withData(b));

  @RegisterExtension
  static final TestServerExtension PARTLY = new TestServerExtension(b -> withData(b)
      .exports(ExportOptions.DEFAULT.withLiveSteps(3).withFiles(20, 5)));

  @RegisterExtension
  static final TestServerExtension NOTHING_EXPORTED = new TestServerExtension(b -> withData(b)
      .exports(ExportOptions.DEFAULT.withLiveSteps(Integer.MAX_VALUE)));

  private static final Map<String, Connection> CONNECTIONS = new HashMap<>();
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static io.github.wandbjdbc.testserver.WandbTestServer.Builder withData(
      io.github.wandbjdbc.testserver.WandbTestServer.Builder b) {
    // Not the quirks folders (rundata-streams): a run there logged step 5,000,000,000, which
    // GraphQL windows read in five million requests, as W&B's own client would.
    return b.hostileProject(true).dataDir(RunFolderLoaderTest.FIXTURES);
  }

  @AfterAll
  static void close() throws SQLException {
    for (Connection c : CONNECTIONS.values()) {
      c.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> sameRowsFromEverySource() throws SQLException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, TestServerExtension> server : Map.of("exported", EXPORTED,
        "partly exported", PARTLY, "not exported", NOTHING_EXPORTED).entrySet()) {
      for (OtherTablesDifferentialTest.Case c : corpus(server.getValue())) {
        tests.add(DynamicTest.dynamicTest(server.getKey() + ", " + c, () -> {
          List<String> expected = rows(server.getValue(), c, "graphql");
          for (String mode : MODES.subList(1, MODES.size())) {
            assertEquals(expected, rows(server.getValue(), c, mode), mode);
          }
        }));
      }
    }
    tests.add(DynamicTest.dynamicTest("the parquet runs downloaded exports", () ->
        assertTrue(EXPORTED.server().storageRequests().size() > 20
            && PARTLY.server().storageRequests().size() > 20,
            "downloads: " + EXPORTED.server().storageRequests().size() + ", "
                + PARTLY.server().storageRequests().size())));
    return tests.stream();
  }

  /** The history cases of the pushdown differential, and per project of the data a set of shapes. */
  static List<OtherTablesDifferentialTest.Case> corpus(TestServerExtension server) throws SQLException {
    List<OtherTablesDifferentialTest.Case> cases = new ArrayList<>();
    for (OtherTablesDifferentialTest.Case c : OtherTablesDifferentialTest.corpus(server.server())) {
      if (c.sql().contains("history")) {
        cases.add(new OtherTablesDifferentialTest.Case(c.project(), c.sql()));
      }
    }
    List<String> projects = new ArrayList<>(List.of(SMALL_PROJECT, HostileDataGenerator.PROJECT));
    for (String path : server.server().data().projectPaths()) {
      if (path.startsWith("acme/")) {
        projects.add(path);
      }
    }
    for (String project : projects) {
      cases.addAll(shapes(server, project));
    }
    return cases;
  }

  private static List<OtherTablesDifferentialTest.Case> shapes(TestServerExtension server, String project) throws SQLException {
    List<String> keys = keyColumns(server, project);
    List<RunData> runs = runsOf(server, project);
    List<OtherTablesDifferentialTest.Case> cases = new ArrayList<>();
    cases.add(new OtherTablesDifferentialTest.Case(project, "SELECT * FROM history"));
    cases.add(new OtherTablesDifferentialTest.Case(project, "SELECT run_id, step, \"row\" FROM history"));
    cases.add(new OtherTablesDifferentialTest.Case(project, "SELECT run_id, COUNT(*), MIN(step), MAX(step) FROM history GROUP BY run_id"));
    cases.add(new OtherTablesDifferentialTest.Case(project, "SELECT run_id, step, logged_at, runtime_seconds FROM history"));
    if (!keys.isEmpty()) {
      String some = String.join(", ", keys.subList(0, Math.min(3, keys.size())));
      cases.add(new OtherTablesDifferentialTest.Case(project, "SELECT run_id, step, " + some + " FROM history"));
      cases.add(new OtherTablesDifferentialTest.Case(project, "SELECT run_id, step, " + keys.get(keys.size() - 1)
          + " FROM history WHERE step BETWEEN 2 AND 9"));
      cases.add(new OtherTablesDifferentialTest.Case(project, "SELECT run_id, step, " + some + " FROM history WHERE step >= 5"
          + " ORDER BY run_id, step"));
    }
    if (!runs.isEmpty()) {
      String a = "'" + runs.get(0).name() + "'";
      String b = "'" + runs.get(runs.size() - 1).name() + "'";
      cases.add(new OtherTablesDifferentialTest.Case(project, "SELECT * FROM history WHERE run_id IN (" + a + ", " + b + ")"));
      cases.add(new OtherTablesDifferentialTest.Case(project, "SELECT h.run_id, h.step, h.\"row\" FROM history h WHERE h.run_id = "
          + a + " UNION ALL SELECT run_id, step, \"row\" FROM history WHERE run_id = " + a));
      cases.add(new OtherTablesDifferentialTest.Case(project, "SELECT r.run_id, r.state, h.step FROM runs r JOIN history h"
          + " ON h.run_id = r.run_id WHERE h.step < 4"));
      cases.add(new OtherTablesDifferentialTest.Case(project, "SELECT x.run_id, x.step, y.step FROM history x JOIN history y"
          + " ON x.run_id = y.run_id AND x.step = y.step WHERE x.run_id = " + b));
    }
    return cases;
  }

  private static List<String> keyColumns(TestServerExtension server, String project)
      throws SQLException {
    List<String> keys = new ArrayList<>();
    Connection c = connection(server, project, "graphql");
    DatabaseMetaData meta = c.getMetaData();
    String[] path = path(project);
    try (ResultSet rs = meta.getColumns(null, path[1], "history", null)) {
      while (rs.next()) {
        String name = rs.getString("COLUMN_NAME");
        if (!List.of("run_id", "step", "logged_at", "runtime_seconds", "row").contains(name)) {
          keys.add('"' + name + '"');
        }
      }
    }
    return keys;
  }

  private static List<RunData> runsOf(TestServerExtension server, String project) {
    String[] path = path(project);
    return server.server().data().project(path[0], path[1]).runs().stream()
        .filter(r -> r.history().rowCount() > 0).toList();
  }

  private static String[] path(String project) {
    return project.contains("/") ? project.split("/", 2) : new String[] {ENTITY, project};
  }

  private static Connection connection(TestServerExtension server, String project, String mode)
      throws SQLException {
    String key = System.identityHashCode(server) + "/" + project + "/" + mode;
    Connection c = CONNECTIONS.get(key);
    if (c == null) {
      String[] path = path(project);
      c = server.connect("entity", path[0], "project", path[1], "historySource", mode);
      CONNECTIONS.put(key, c);
    }
    return c;
  }

  /** The rows as text, JSON values canonical, sorted unless the query orders them. */
  private static List<String> rows(TestServerExtension server, OtherTablesDifferentialTest.Case c, String mode)
      throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection(server, c.project(), mode).createStatement();
        ResultSet rs = s.executeQuery(c.sql())) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof String text && (text.startsWith("{") || text.startsWith("["))
              ? canonical(text) : String.valueOf(v));
        }
        rows.add(String.join(" | ", row));
      }
    }
    if (!c.sql().contains("ORDER BY")) {
      rows.sort(null);
    }
    return rows;
  }

  /** {@link #canonical(JsonNode)} of JSON text (NaN and Infinity tokens allowed). */
  static String canonical(String json) {
    try {
      return canonical(JSON.readTree(json));
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /** JSON with object keys sorted and numbers by value (5 and 5.0 alike). */
  static String canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, String> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sorted.put(e.getKey(), canonical(e.getValue()));
      }
      return sorted.toString();
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(canonical(item)));
      return items.toString();
    }
    if (node.isNumber() && Double.isFinite(node.doubleValue())) {
      return new BigDecimal(node.asText()).stripTrailingZeros().toPlainString();
    }
    return node.toString();
  }
}
