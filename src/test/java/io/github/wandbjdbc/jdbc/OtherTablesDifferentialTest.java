package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static io.github.wandbjdbc.support.TestServerExtension.SMALL_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.HistoryWindow;
import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.WandbTestServer;
import io.github.wandbjdbc.testserver.data.ArtifactData;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hints and batched joins never change a result: every query over {@code history},
 * {@code system_metrics}, {@code files}, {@code artifacts}, {@code lineage}, {@code sweeps} and
 * their joins with {@code runs} returns the same rows with {@code pushdown=true} as with
 * {@code pushdown=false}, sends no more requests, and returns them again from a server that
 * refuses every pushed runs filter. Stream tables are queried on the 24-run project, where reading
 * every run without hints stays cheap; artifacts and sweeps on both projects.
 */
class OtherTablesDifferentialTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  /** Refuses every runs listing with a filter, such as the run-id lists the hinted scans send. */
  @RegisterExtension
  static final TestServerExtension REFUSES_RUN_FILTERS = new TestServerExtension(b -> b.refusing(
      OtherTablesDifferentialTest::filtersRuns));

  private static final Map<String, Connection> CONNECTIONS = new HashMap<>();
  /** Results and request counts without pushdown, by case: computed once. */
  private static final Map<Case, Outcome> WITHOUT_PUSHDOWN = new HashMap<>();

  record Case(String project, String sql) {
    @Override
    public String toString() {
      return project + ": " + sql;
    }
  }

  record Outcome(List<List<Object>> rows, long requests) {}

  // ---- the corpus ----------------------------------------------------------------------------

  static List<Case> corpus() {
    return corpus(SERVER.server());
  }

  /** The corpus over the sample data of {@code server}, which names the runs it queries. */
  static List<Case> corpus(WandbTestServer server) {
    List<Case> cases = new ArrayList<>();
    ProjectData bert = server.data().project(ENTITY, SMALL_PROJECT);
    List<RunData> runs = bert.runs();
    List<String> names = List.of(runs.get(0).name(), runs.get(runs.size() / 2).name(),
        runs.get(runs.size() - 1).name());
    String a = quoted(names.get(0));
    String b = quoted(names.get(1));
    String c = quoted(names.get(2));

    // history: run ids, step windows, both, and shapes that must not become hints.
    for (String run : List.of(a, b)) {
      String h = "SELECT run_id, step, \"train/loss\", \"eval/accuracy\" FROM history WHERE run_id = " + run;
      cases.add(small(h));
      for (String steps : List.of("step BETWEEN 0 AND 9", "step BETWEEN 100 AND 1099", "step BETWEEN 999 AND 1000",
          "step BETWEEN -5 AND 3", "step > 150", "step < 12", "step >= 40 AND step < 60", "step = 7",
          "step IN (1, 50, 150, 100000)", "step > 100.5", "step <= 19.5", "step <> 5",
          "NOT (step BETWEEN 2 AND 500)", "step BETWEEN 10 AND 5", "step > 10 OR step < 3",
          "step IS NULL", "CAST(step AS DOUBLE) / 2 < 4")) {
        cases.add(small(h + " AND " + steps));
      }
    }
    String cols = "SELECT run_id, step, \"train/global_step\" FROM history WHERE ";
    cases.add(small(cols + "run_id IN (" + a + ", " + c + ") AND step BETWEEN 20 AND 30"));
    cases.add(small(cols + "run_id IN (" + a + ", 'no-such-run')"));
    cases.add(small(cols + "run_id = 'no-such-run'"));
    cases.add(small(cols + "run_id IS NULL"));
    cases.add(small(cols + "run_id = " + a + " OR step = 3"));
    cases.add(small(cols + "(run_id = " + a + " AND step < 5) OR (run_id = " + b + " AND step > 300)"));
    cases.add(small(cols + "step = 0"));
    cases.add(small(cols + "run_id LIKE '" + names.get(0).substring(0, 3) + "%' AND step < 10"));
    cases.add(small(cols + "UPPER(run_id) = UPPER(" + a + ")"));
    cases.add(small(cols + "run_id = " + a + " AND \"train/loss\" < 0.5"));
    cases.add(small(cols + "run_id <> " + a + " AND step = 1"));
    cases.add(small("SELECT run_id, COUNT(*), MIN(step), MAX(step), SUM(\"train/global_step\") FROM history"
        + " GROUP BY run_id"));
    cases.add(small("SELECT COUNT(*), MAX(step) FROM history WHERE run_id = " + b));
    cases.add(small("SELECT step, \"row\" FROM history WHERE run_id = " + c + " AND step BETWEEN 60 AND 64"));
    cases.add(small("SELECT run_id, step, logged_at, runtime_seconds FROM history WHERE run_id = " + c));
    cases.add(small("SELECT run_id, step FROM history WHERE run_id = " + a + " ORDER BY step DESC LIMIT 7"));
    cases.add(small("SELECT run_id, \"eval/f1\" FROM history WHERE \"eval/f1\" IS NOT NULL"));

    // runs joined to history: batched joins from the filtered runs.
    String join = "SELECT r.run_id, h.step, h.\"train/loss\" FROM runs r JOIN history h ON h.run_id = r.run_id WHERE ";
    for (String where : List.of("r.state = 'finished'", "r.state = 'failed'", "r.state = 'nope'",
        "r.\"config.learning_rate\" > 3e-5", "r.\"summary.eval/accuracy\" > 0.9",
        "r.display_name LIKE '%1%'", "r.run_id IN (" + a + ", " + b + ")", "r.created_at < TIMESTAMP '2025-04-10 00:00:00'",
        "r.state = 'finished' AND h.step < 20", "h.step = 0", "h.step BETWEEN 5 AND 6 AND r.state <> 'running'")) {
      cases.add(small(join + where));
    }
    cases.add(small("SELECT h.run_id, h.step FROM history h JOIN runs r ON r.run_id = h.run_id"
        + " WHERE r.\"config.num_train_epochs\" = 3 AND h.step < 3"));
    cases.add(small("SELECT r.state, COUNT(*), AVG(h.\"train/loss\") FROM runs r JOIN history h"
        + " ON h.run_id = r.run_id GROUP BY r.state"));
    cases.add(small("SELECT r.run_id, MAX(h.\"eval/accuracy\") FROM runs r LEFT JOIN history h"
        + " ON h.run_id = r.run_id AND h.\"eval/accuracy\" IS NOT NULL GROUP BY r.run_id"));
    cases.add(small("SELECT run_id, step FROM history WHERE step < 3 AND run_id IN"
        + " (SELECT run_id FROM runs WHERE state = 'finished')"));
    cases.add(small("SELECT r.run_id FROM runs r WHERE EXISTS"
        + " (SELECT 1 FROM history h WHERE h.run_id = r.run_id AND h.\"train/loss\" < 0.3)"));
    cases.add(small("SELECT r.run_id, (SELECT MAX(h.step) FROM history h WHERE h.run_id = r.run_id)"
        + " FROM runs r WHERE r.state = 'finished'"));

    // system_metrics.
    String sys = "SELECT run_id, runtime_seconds, \"system.cpu\", \"system.gpu.0.gpu\" FROM system_metrics WHERE ";
    for (String where : List.of("run_id = " + a, "run_id IN (" + b + ", " + c + ")", "\"system.cpu\" > 50",
        "run_id = " + a + " AND runtime_seconds < 300", "run_id = 'no-such-run'", "run_id = " + a + " OR \"system.cpu\" < 1")) {
      cases.add(small(sys + where));
    }
    cases.add(small("SELECT r.state, COUNT(*), MAX(s.\"system.memory\") FROM runs r JOIN system_metrics s"
        + " ON s.run_id = r.run_id WHERE r.state = 'finished' GROUP BY r.state"));
    cases.add(small("SELECT run_id, COUNT(*) FROM system_metrics GROUP BY run_id"));

    // files: names, MySQL LIKE patterns (with W&B's escapes), and what must stay in SQL.
    String files = "SELECT run_id, name, size_bytes, md5 FROM files WHERE ";
    for (String where : List.of("name = 'config.yaml'", "name = 'CONFIG.YAML'", "name = 'nope.txt'",
        "name IN ('config.yaml', 'output.log')", "name LIKE '%.json'", "name LIKE 'media/%'",
        "name LIKE '%1\\%%' ESCAPE '\\'", "name LIKE '%1%%'", "name LIKE '%\\_x%' ESCAPE '\\'", "name LIKE '%_x%'",
        "name LIKE 'wandb-_____.json'", "name LIKE 'media/table 1!%!_x.table.json' ESCAPE '!'",
        "name NOT LIKE '%.json'", "name LIKE '%.JSON'", "name LIKE '%' AND run_id = " + a,
        "run_id = " + b + " AND name = 'requirements.txt'", "name = 'config.yaml' OR size_bytes > 1000000",
        "name LIKE '%.txt' AND size_bytes < 1000", "name > 'output.log'", "LOWER(name) LIKE '%.yaml'")) {
      cases.add(small(files + where));
    }
    cases.add(small("SELECT r.run_id, f.name FROM runs r JOIN files f ON f.run_id = r.run_id"
        + " WHERE r.state = 'failed' AND f.name LIKE '%.log'"));
    cases.add(small("SELECT f.run_id, COUNT(*), SUM(f.size_bytes) FROM files f GROUP BY f.run_id"));

    // artifacts: type, collection and state hints, alone, together, contradicting.
    String art = "SELECT artifact_id, type, collection, version, state, aliases, created_at FROM artifacts WHERE ";
    for (String project : List.of(BIG_PROJECT, SMALL_PROJECT)) {
      for (String where : List.of("type = 'dataset'", "type = 'model'", "type = 'nope'", "collection = 'cifar10'",
          "collection = 'glue-sst2'", "collection = 'cifar10' AND type = 'model'", "state = 'COMMITTED'",
          "state = 'DELETED'", "state = 'committed'", "state IN ('PENDING', 'DELETED')",
          "type = 'model' AND state <> 'COMMITTED'", "type IN ('model', 'code')", "collection LIKE 'code-%'",
          "'latest' MEMBER OF aliases", "version_index > 2", "type = 'dataset' OR state = 'PENDING'")) {
        cases.add(new Case(project, art + where));
      }
      cases.add(new Case(project, "SELECT type, COUNT(*), SUM(size_bytes) FROM artifacts GROUP BY type"));
      cases.add(new Case(project, "SELECT collection, MAX(version_index) FROM artifacts"
          + " WHERE state = 'COMMITTED' GROUP BY collection"));
    }

    // lineage: direction and run hints, through runs or through artifacts, and the joins.
    String lin = "SELECT run_id, direction, artifact_id, collection, version FROM lineage WHERE ";
    for (String where : List.of("direction = 'input'", "direction = 'output'", "run_id = " + a,
        "run_id = " + c + " AND direction = 'output'", "direction = 'sideways'", "collection = 'glue-sst2'",
        "artifact_id IN (SELECT artifact_id FROM artifacts WHERE type = 'model')",
        "artifact_id = (SELECT MIN(artifact_id) FROM artifacts)")) {
      cases.add(small(lin + where));
    }
    cases.add(small("SELECT a.collection, a.version, l.direction, r.run_id, r.state FROM artifacts a"
        + " JOIN lineage l ON l.artifact_id = a.artifact_id JOIN runs r ON r.run_id = l.run_id"));
    cases.add(small("SELECT r.run_id, a.version FROM runs r JOIN lineage l ON l.run_id = r.run_id"
        + " JOIN artifacts a ON a.artifact_id = l.artifact_id WHERE l.direction = 'output' AND r.state = 'finished'"));
    cases.add(small("SELECT a.version, COUNT(*) FROM artifacts a JOIN lineage l ON l.artifact_id = a.artifact_id"
        + " WHERE a.collection = 'glue-sst2' AND l.direction = 'input' GROUP BY a.version"));
    cases.add(small("SELECT l.run_id FROM lineage l WHERE l.direction = 'input' AND l.artifact_id IN"
        + " (SELECT artifact_id FROM artifacts WHERE 'latest' MEMBER OF aliases)"));
    // The questions on the big project, through the artifacts (the run-by-run way is one
    // request per run; it is compared once here).
    ArtifactData cifar = server.data().project(ENTITY, BIG_PROJECT).versions("cifar10").get(1);
    cases.add(new Case(BIG_PROJECT, "SELECT r.run_id, r.state FROM artifacts a JOIN lineage l"
        + " ON l.artifact_id = a.artifact_id AND l.direction = 'input' JOIN runs r ON r.run_id = l.run_id"
        + " WHERE a.collection = 'cifar10' AND a.version = '" + cifar.version() + "'"));

    // sweeps, projects.
    for (String project : List.of(BIG_PROJECT, SMALL_PROJECT)) {
      cases.add(new Case(project, "SELECT sweep_id, sweep_method, state, best_loss, run_count FROM sweeps"));
      cases.add(new Case(project, "SELECT s.sweep_id, COUNT(r.run_id) FROM sweeps s LEFT JOIN runs r"
          + " ON r.sweep_id = s.sweep_id GROUP BY s.sweep_id"));
      cases.add(new Case(project, "SELECT project, entity FROM projects WHERE project LIKE '%e%'"));
      cases.add(new Case(project, "SELECT p.project, COUNT(*) FROM projects p JOIN sweeps s ON s.sweep_id <> p.project"
          + " GROUP BY p.project"));
    }
    cases.add(new Case(BIG_PROJECT, "SELECT r.run_id, s.sweep_method FROM runs r JOIN sweeps s"
        + " ON s.sweep_id = r.sweep_id WHERE r.\"summary.loss\" < 0.4 AND s.state = 'RUNNING'"));
    return cases;
  }

  private static Case small(String sql) {
    return new Case(SMALL_PROJECT, sql);
  }

  private static String quoted(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** A runs listing or count with a filter (the scans' run-id lists among them). */
  private static boolean filtersRuns(String operation, JsonNode variables) {
    return ("Runs".equals(operation) || "RunsParquetHistory".equals(operation)
        || "RunCount".equals(operation))
        && !variables.path("filters").asText("{}").equals("{}");
  }

  // ---- the tests -----------------------------------------------------------------------------

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("corpus")
  void sameRowsAndNoMoreRequestsWithPushdown(Case c) throws SQLException {
    Outcome off = withoutPushdown(c);
    Outcome on = run(SERVER, connection(SERVER, c.project(), true), c);
    assertEquals(SqlRows.sorted(off.rows()), SqlRows.sorted(on.rows()));
    assertTrue(on.requests() <= off.requests(),
        "pushdown sent " + on.requests() + " requests, without it " + off.requests());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("corpus")
  void sameRowsWhenTheServerRefusesRunFilters(Case c) throws SQLException {
    try (Connection fresh = REFUSES_RUN_FILTERS.connect("project", c.project(), "pushdown", "true")) {
      Outcome refused = run(REFUSES_RUN_FILTERS, fresh, c);
      assertEquals(SqlRows.sorted(withoutPushdown(c).rows()), SqlRows.sorted(refused.rows()));
    }
  }

  @Test
  void aRefusedRunIdListFallsBackToEveryRunOnce() throws SQLException {
    RunData run = SERVER.server().data().project(ENTITY, SMALL_PROJECT).runs().get(3);
    String sql = "SELECT step, \"train/loss\" FROM history WHERE run_id = ?";
    List<List<Object>> expected;
    // GraphQL windows, so that the history requests show which runs were read.
    try (Connection c = SERVER.connect("project", SMALL_PROJECT, "historySource", "graphql")) {
      expected = SqlRows.sorted(SqlRows.query(c, sql, run.name()));
    }
    assertEquals(run.historyLineCount(), expected.size());
    try (Connection c = REFUSES_RUN_FILTERS.connect("project", SMALL_PROJECT,
        "historySource", "graphql")) {
      REFUSES_RUN_FILTERS.server().clearRequests();
      assertEquals(expected, SqlRows.sorted(SqlRows.query(c, sql, run.name())));
      assertEquals(1, REFUSES_RUN_FILTERS.server().requests().stream().filter(r -> r.httpStatus() == 400).count());
      // The connection remembers: the next scan lists runs unfiltered at once.
      REFUSES_RUN_FILTERS.server().clearRequests();
      assertEquals(expected, SqlRows.sorted(SqlRows.query(c, sql, run.name())));
      assertEquals(0, REFUSES_RUN_FILTERS.server().requests().stream().filter(r -> r.httpStatus() == 400).count());
      assertEquals(1, HistoryWindow.of(REFUSES_RUN_FILTERS.server().requests()).size(),
          "still only that run's history");
    }
  }

  @Test
  void theCorpusCoversEveryNewTableAndIsLarge() {
    List<Case> corpus = corpus();
    assertTrue(corpus.size() >= 150, "corpus size " + corpus.size());
    for (String table : List.of("history", "system_metrics", "files", "artifacts", "lineage", "sweeps",
        "projects")) {
      long uses = corpus.stream().filter(c -> c.sql().contains(" " + table)).count();
      assertTrue(uses >= 3, table + " in " + uses + " queries");
    }
  }

  private static Outcome withoutPushdown(Case c) throws SQLException {
    Outcome off = WITHOUT_PUSHDOWN.get(c);
    if (off == null) {
      off = run(SERVER, connection(SERVER, c.project(), false), c);
      WITHOUT_PUSHDOWN.put(c, off);
    }
    return off;
  }

  private static Outcome run(TestServerExtension server, Connection connection, Case c) throws SQLException {
    server.server().clearRequests();
    List<List<Object>> rows = SqlRows.query(connection, c.sql());
    return new Outcome(rows, server.server().requests().size());
  }

  private static Connection connection(TestServerExtension server, String project, boolean pushdown)
      throws SQLException {
    String key = System.identityHashCode(server) + "/" + project + "/" + pushdown;
    Connection c = CONNECTIONS.get(key);
    if (c == null) {
      c = server.connect("project", project, "pushdown", String.valueOf(pushdown));
      CONNECTIONS.put(key, c);
    }
    return c;
  }

  @AfterAll
  static void closeConnections() throws SQLException {
    for (Connection c : CONNECTIONS.values()) {
      c.close();
    }
    CONNECTIONS.clear();
  }
}
