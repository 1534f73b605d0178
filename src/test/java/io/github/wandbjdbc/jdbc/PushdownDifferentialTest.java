package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.semantics.NanForm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Pushdown never changes a result: every query of a generated corpus returns the same rows with
 * {@code pushdown=true} as with {@code pushdown=false}, on the 2,000-run project. The corpus also
 * runs against servers that compare strings case-insensitively and that rank NaN below every
 * number, the server behaviours the translations must survive, and against servers that refuse what
 * is pushed, at once or midway, where the driver must fall back to evaluating it. Also against a
 * server for each way W&B might behave where its documentation is silent (docs/WIRE.md, "Where
 * W&B's documentation is silent"): NaN ranked above the numbers, NaN stored as text or as null,
 * keys a run lacks matching no operator, refusals as 422 or 500, cursors bound to their filter and
 * order, a run repeated across pages.
 */
class PushdownDifferentialTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  @RegisterExtension
  static final TestServerExtension CASE_INSENSITIVE =
      new TestServerExtension(b -> b.caseInsensitiveStrings(true));

  @RegisterExtension
  static final TestServerExtension NAN_BELOW_NUMBERS =
      new TestServerExtension(b -> b.nanBelowNumbers(true));

  /** Refuses every pushed filter and order (W&B's 400): each scan falls back at its first request. */
  @RegisterExtension
  static final TestServerExtension REFUSES_PUSHDOWN =
      new TestServerExtension(b -> b.refusing(PushdownDifferentialTest::pushes));

  /** Pushed requests the midway server has accepted since the current case began. */
  private static final AtomicInteger ACCEPTED_PUSHES = new AtomicInteger();

  /**
   * Accepts a scan's first pushed request and refuses the next one, a later page or a later
   * segment: scans fall back after emitting rows.
   */
  @RegisterExtension
  static final TestServerExtension REFUSES_MIDWAY = new TestServerExtension(b -> b.refusing(
      (operation, variables) -> pushes(operation, variables)
          && (variables.hasNonNull("after") || ACCEPTED_PUSHES.getAndIncrement() > 0)));

  /**
   * Where W&B's documentation is silent (docs/WIRE.md), W&B might answer otherwise: each way is a
   * server here.
   */
  @RegisterExtension
  static final TestServerExtension NAN_ABOVE_NUMBERS =
      new TestServerExtension(b -> b.nanAboveNumbers(true));

  @RegisterExtension
  static final TestServerExtension MISSING_KEYS_MATCH_NOTHING =
      new TestServerExtension(b -> b.missingKeysMatchNothing(true));

  @RegisterExtension
  static final TestServerExtension NAN_AS_STRING =
      new TestServerExtension(b -> b.nanServedAs(NanForm.STRING));

  @RegisterExtension
  static final TestServerExtension NAN_AS_NULL =
      new TestServerExtension(b -> b.nanServedAs(NanForm.NULL));

  @RegisterExtension
  static final TestServerExtension REPEATS_RUNS_ACROSS_PAGES =
      new TestServerExtension(b -> b.repeatLastRunOfEachPage(true));

  @RegisterExtension
  static final TestServerExtension REFUSES_WITH_422 = new TestServerExtension(
      b -> b.refusing(PushdownDifferentialTest::pushes).refusalStatus(422));

  @RegisterExtension
  static final TestServerExtension REFUSES_WITH_500 = new TestServerExtension(
      b -> b.refusing(PushdownDifferentialTest::pushes).refusalStatus(500));

  /** Refuses midway, and takes a cursor only with the filter and order it was issued for. */
  @RegisterExtension
  static final TestServerExtension REFUSES_MIDWAY_BOUND_CURSORS = new TestServerExtension(b -> b
      .cursorsBoundToQuery(true)
      .refusing((operation, variables) -> pushes(operation, variables)
          && (variables.hasNonNull("after") || ACCEPTED_PUSHES.getAndIncrement() > 0)));

  private static final Map<String, Connection> CONNECTIONS = new HashMap<>();
  /**
   * Results without pushdown, by query: no filter or order reaches the server then, so they are
   * the same on every server variant and are computed once.
   */
  private static final Map<Case, List<List<Object>>> WITHOUT_PUSHDOWN = new HashMap<>();
  /** The same for the servers whose data differ (NaN stored otherwise), per server. */
  private static final Map<String, List<List<Object>>> WITHOUT_PUSHDOWN_OWN = new HashMap<>();

  /** How two results must agree. */
  enum Compare {
    /** The same rows, in any order. */
    ROWS,
    /** The same rows in the same order (the ORDER BY is total, or only its keys are selected). */
    SEQUENCE,
    /** The same rows, and the first column in the same order (ORDER BY it, with ties). */
    ROWS_AND_FIRST_COLUMN_ORDER
  }

  record Case(String sql, List<Object> parameters, Compare compare) {
    @Override
    public String toString() {
      return sql + (parameters.isEmpty() ? "" : " " + parameters);
    }
  }

  // ---- the corpus ----------------------------------------------------------------------------

  static List<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    String[] strings = {"state", "display_name", "run_id", "group_name", "job_type", "username",
        "host", "sweep_id", "\"config.optimizer\""};
    String[] stringLiterals = {"'finished'", "'crashed'", "'Finished'", "'nope'", "'adam'",
        "'SGD'", "'gpu-node-03'", "'GPU-NODE-03'", "'train'", "'eval'", "''", "'it''s'"};
    for (String column : strings) {
      for (String op : new String[] {"=", "<>", "<", ">="}) {
        for (String literal : pick(stringLiterals, column.length() + op.length(), 3)) {
          cases.add(rows("SELECT run_id FROM runs WHERE " + column + " " + op + " " + literal));
        }
      }
      cases.add(rows("SELECT run_id FROM runs WHERE " + column + " IN ('finished', 'adam', 'train', 'gpu-node-01')"));
      cases.add(rows("SELECT run_id FROM runs WHERE " + column + " NOT IN ('crashed', 'sgd', 'eval')"));
      cases.add(rows("SELECT run_id FROM runs WHERE " + column + " IS NULL"));
      cases.add(rows("SELECT run_id FROM runs WHERE " + column + " IS NOT NULL"));
    }
    for (String pattern : new String[] {"'swift-%'", "'%sweep-1_'", "'%-1%'", "'%'", "'_%'",
        "'%''%'", "'%.%'", "'%(%'", "'a_b%'", "'%e%e%'", "'SWIFT-%'", "'x!%%' ESCAPE '!'"}) {
      cases.add(rows("SELECT run_id, display_name FROM runs WHERE display_name LIKE " + pattern));
    }
    cases.add(rows("SELECT run_id FROM runs WHERE display_name NOT LIKE '%sweep%'"));
    cases.add(rows("SELECT run_id FROM runs WHERE state LIKE 'fin%'"));
    cases.add(rows("SELECT run_id FROM runs WHERE host LIKE 'gpu-node-0_'"));

    String[][] numbers = {
        {"\"config.lr\"", "0.001", "0.0001", "1e-5"},
        {"\"config.batch_size\"", "64", "100", "32.5"},
        {"\"config.model.depth\"", "50", "18", "0"},
        {"\"config.weight_decay\"", "1e-4", "0.01", "1"},
        {"\"config.seed\"", "3000000000", "50000", "2147483648"},
        {"\"summary.loss\"", "0.5", "2", "0"},
        {"\"summary.val/loss\"", "1", "0.3", "-1"},
        {"\"summary.acc\"", "0.8", "0.1", "0.95"},
        {"\"summary.best_epoch\"", "3", "10", "1"}};
    for (String[] n : numbers) {
      String column = n[0];
      for (String op : new String[] {"=", "<>", "<", "<=", ">", ">="}) {
        cases.add(rows("SELECT run_id, " + column + " FROM runs WHERE " + column + " " + op + " "
            + n[1 + Math.floorMod(op.hashCode(), 3)]));
      }
      cases.add(rows("SELECT run_id FROM runs WHERE " + column + " BETWEEN " + n[1] + " AND " + n[2]
          + " OR " + column + " BETWEEN " + n[2] + " AND " + n[1]));
      cases.add(rows("SELECT run_id FROM runs WHERE " + column + " IN (" + n[1] + ", " + n[2] + ")"));
      cases.add(rows("SELECT run_id FROM runs WHERE " + column + " NOT IN (" + n[1] + ", " + n[3] + ")"));
      cases.add(rows("SELECT run_id FROM runs WHERE " + column + " IS NULL"));
      cases.add(rows("SELECT run_id FROM runs WHERE " + column + " IS NOT NULL AND " + column + " > " + n[3]));
      cases.add(rows("SELECT run_id FROM runs WHERE " + column + " IS NULL OR " + column + " = " + n[1]));
      cases.add(rows("SELECT run_id FROM runs WHERE NOT (" + column + " < " + n[2] + ")"));
    }
    for (String b : new String[] {"\"config.augment\"", "NOT \"config.augment\"",
        "\"config.augment\" = FALSE", "\"config.augment\" <> TRUE", "\"config.augment\" IS NOT TRUE",
        "\"config.augment\" IS FALSE", "\"config.augment\" IS NULL"}) {
      cases.add(rows("SELECT run_id FROM runs WHERE " + b));
    }
    for (String t : new String[] {"created_at > TIMESTAMP '2025-06-01 00:00:00'",
        "created_at <= TIMESTAMP '2025-01-15 12:30:00.250'",
        "created_at BETWEEN TIMESTAMP '2025-03-01 00:00:00' AND TIMESTAMP '2025-04-01 00:00:00'",
        "created_at = (SELECT MIN(created_at) FROM runs)",
        "created_at > CURRENT_TIMESTAMP - INTERVAL '400' DAY",
        "created_at < CURRENT_TIMESTAMP - INTERVAL '12' HOUR",
        "created_at >= TIMESTAMP '2026-01-01 00:00:00' OR state = 'pending'"}) {
      cases.add(rows("SELECT run_id, created_at FROM runs WHERE " + t));
    }
    for (String tag : new String[] {"'baseline'", "'fp16'", "'Baseline'", "'tag with space'",
        "'nope'"}) {
      cases.add(rows("SELECT run_id FROM runs WHERE ARRAY_CONTAINS(tags, " + tag + ")"));
    }
    cases.add(rows("SELECT run_id FROM runs WHERE NOT ARRAY_CONTAINS(tags, 'baseline')"));
    cases.add(rows("SELECT run_id FROM runs WHERE 'fp16' MEMBER OF tags"));
    cases.add(rows("SELECT run_id FROM runs WHERE 'baseline' MEMBER OF tags OR state = 'killed'"));
    cases.add(rows("SELECT run_id FROM runs WHERE NOT ('fp16' MEMBER OF tags) AND \"config.lr\" < 0.01"));
    cases.add(rows("SELECT run_id FROM runs WHERE CARDINALITY(tags) = 0"));

    // Logic mixing pushable and non-pushable parts.
    for (String w : new String[] {
        "state = 'finished' AND \"config.lr\" > 0.001",
        "state = 'finished' OR \"config.lr\" > 0.01",
        "state = 'finished' OR upper(display_name) LIKE 'SWIFT%'",
        "(state = 'crashed' AND \"summary.loss\" IS NULL) OR (state = 'failed' AND host = 'gpu-node-02')",
        "NOT (state = 'finished' OR state = 'running')",
        "NOT (display_name = 'x' AND \"config.batch_size\" = 64)",
        "state = 'finished' AND CHAR_LENGTH(display_name) > 15 AND \"config.optimizer\" = 'adam'",
        "\"summary.loss\" < \"summary.val/loss\"",
        "\"config.lr\" * 1000 > 1",
        "COALESCE(\"config.weight_decay\", 0) = 0",
        "username IN (SELECT username FROM \"bert-finetune\".runs)",
        "EXISTS (SELECT 1 FROM \"bert-finetune\".runs b WHERE b.username = runs.username AND b.state = 'finished')",
        "\"summary.acc\" > (SELECT AVG(\"summary.acc\") FROM runs WHERE state = 'finished')",
        "sweep_id IS NULL AND job_type IS NOT NULL",
        "state IN ('finished', 'crashed') AND \"config.batch_size\" IN (64, 128) AND \"summary.best_epoch\" >= 2"}) {
      cases.add(rows("SELECT run_id FROM runs WHERE " + w));
    }

    // ORDER BY every orderable column, both directions, NULLs either way, with LIMIT/OFFSET.
    String[] orderable = {"created_at", "\"config.lr\"", "\"config.batch_size\"", "\"config.seed\"",
        "\"config.augment\"", "\"summary.loss\"", "\"summary.val/loss\"", "\"summary.acc\"",
        "\"summary.best_epoch\"", "\"summary._step\"", "heartbeat_at", "\"config.weight_decay\""};
    String[] directions = {"", " DESC", " NULLS FIRST", " DESC NULLS LAST"};
    for (String column : orderable) {
      for (String dir : directions) {
        cases.add(sequence("SELECT " + column + " FROM runs ORDER BY " + column + dir + " LIMIT 25"));
      }
      cases.add(firstColumnOrder("SELECT " + column + ", run_id FROM runs ORDER BY " + column));
      cases.add(sequence("SELECT " + column + " FROM runs WHERE state <> 'running' ORDER BY "
          + column + " DESC LIMIT 7 OFFSET 30"));
      cases.add(sequence("SELECT " + column + " FROM runs WHERE display_name LIKE '%e%' ORDER BY "
          + column + " LIMIT 12"));
    }
    cases.add(sequence("SELECT run_id, \"summary.loss\" FROM runs ORDER BY \"summary.loss\", run_id LIMIT 40"));
    cases.add(sequence("SELECT run_id FROM runs ORDER BY run_id LIMIT 40 OFFSET 100"));
    cases.add(sequence("SELECT run_id FROM runs WHERE state = 'finished' AND \"config.lr\" > 0.001 ORDER BY run_id DESC LIMIT 10"));
    cases.add(rows("SELECT * FROM runs WHERE state = 'killed'"));
    cases.add(sequence("SELECT COUNT(*) FROM (SELECT run_id FROM runs LIMIT 137)"));

    // Aggregates, DISTINCT, subqueries.
    for (String a : new String[] {
        "SELECT COUNT(*) FROM runs",
        "SELECT COUNT(*) FROM runs WHERE state = 'crashed'",
        "SELECT COUNT(*) FROM runs WHERE \"config.lr\" > 0.001 AND \"config.batch_size\" >= 64",
        "SELECT COUNT(*) FROM runs WHERE \"summary.loss\" < 0.5",
        "SELECT COUNT(*) FROM runs WHERE display_name LIKE 'swift%'",
        "SELECT COUNT(*), COUNT(*) FROM runs WHERE state IN ('failed', 'killed')",
        "SELECT COUNT(\"summary.loss\"), COUNT(DISTINCT state) FROM runs",
        "SELECT state, COUNT(*), AVG(\"summary.acc\"), MAX(\"summary.val/loss\"), MIN(\"summary.loss\") FROM runs GROUP BY state",
        "SELECT \"config.optimizer\", \"config.batch_size\", COUNT(*) FROM runs WHERE state = 'finished' GROUP BY \"config.optimizer\", \"config.batch_size\"",
        "SELECT DISTINCT state FROM runs WHERE \"config.augment\"",
        "SELECT DISTINCT \"config.model.depth\" FROM runs WHERE \"summary.acc\" > 0.5",
        "SELECT username, COUNT(*) FROM runs WHERE created_at > TIMESTAMP '2025-01-01 00:00:00' GROUP BY username HAVING COUNT(*) > 5",
        "SELECT sweep_id, MIN(\"summary.val/loss\") FROM runs WHERE sweep_id IS NOT NULL GROUP BY sweep_id",
        "SELECT r.run_id FROM runs r JOIN runs s ON r.\"config.seed\" = s.\"config.seed\" AND r.run_id <> s.run_id WHERE r.state = 'finished'",
        "SELECT state FROM runs WHERE \"summary.loss\" IS NULL UNION SELECT state FROM runs WHERE \"summary.loss\" > 1"}) {
      cases.add(rows(a));
    }
    // Prepared statements: parameters pushed, values bound at execution.
    cases.add(rows("SELECT run_id FROM runs WHERE state = ?", "finished"));
    cases.add(rows("SELECT run_id FROM runs WHERE state = ?", "Crashed"));
    cases.add(rows("SELECT run_id FROM runs WHERE \"config.lr\" > ? AND \"config.batch_size\" <= ?", 0.001, 64));
    cases.add(rows("SELECT run_id FROM runs WHERE \"summary.loss\" < ?", 0.4));
    cases.add(rows("SELECT run_id FROM runs WHERE display_name LIKE ?", "%sweep-2%"));
    cases.add(rows("SELECT run_id FROM runs WHERE host IN (?, ?)", "gpu-node-01", "gpu-node-07"));
    cases.add(rows("SELECT run_id FROM runs WHERE created_at >= ?",
        Timestamp.valueOf("2025-05-01 00:00:00")));
    cases.add(rows("SELECT run_id FROM runs WHERE \"config.augment\" = ? OR state = ?", true, "killed"));
    cases.add(rows("SELECT run_id FROM runs WHERE \"config.batch_size\" = ?", (Object) null));
    cases.add(sequence("SELECT \"summary.acc\" FROM runs WHERE state = ? ORDER BY \"summary.acc\" DESC LIMIT 5", "finished"));
    return cases;
  }

  private static Case rows(String sql, Object... parameters) {
    return new Case(sql, Arrays.asList(parameters), Compare.ROWS);
  }

  private static Case sequence(String sql, Object... parameters) {
    return new Case(sql, Arrays.asList(parameters), Compare.SEQUENCE);
  }

  private static Case firstColumnOrder(String sql) {
    return new Case(sql, List.of(), Compare.ROWS_AND_FIRST_COLUMN_ORDER);
  }

  /** A deterministic choice of {@code n} literals, varied per column and operator. */
  private static List<String> pick(String[] literals, int seed, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(literals[(seed * 7 + i * 5) % literals.length]);
    }
    return out;
  }

  /** Queries touching strings or floating-point values, which depend on the server's behaviour. */
  static Stream<Case> serverSensitive() {
    return corpus().stream().filter(c -> c.sql().contains("summary.") || c.sql().contains("'")
        || c.sql().contains("config.lr") || c.sql().contains("?"));
  }

  /**
   * Queries reading a key, where doubles and so NaN live: what the servers that store or rank NaN
   * otherwise can change. (Keys read only for a string comparison are in it too.)
   */
  static Stream<Case> readingKeys() {
    return corpus().stream().filter(c -> c.sql().contains("summary.") || c.sql().contains("config."));
  }

  /**
   * Queries whose scans can be refused after emitting rows: ordered ones (several segments,
   * rows held back) and ones reading more than a page. Each reads all runs again when refused,
   * so not the whole corpus.
   */
  static Stream<Case> fallingBackMidway() {
    return corpus().stream().filter(c -> c.sql().contains("ORDER BY") || c.sql().contains("LIKE")
        || c.sql().contains("<>") || c.sql().contains("COUNT(*)"));
  }

  // ---- the tests -----------------------------------------------------------------------------

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("corpus")
  void sameRowsWithAndWithoutPushdown(Case c) throws SQLException {
    assertSame(SERVER, c);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("serverSensitive")
  void sameRowsOnACaseInsensitiveServer(Case c) throws SQLException {
    assertSame(CASE_INSENSITIVE, c);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("readingKeys")
  void sameRowsWhereNanRanksBelowNumbers(Case c) throws SQLException {
    assertSame(NAN_BELOW_NUMBERS, c);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("readingKeys")
  void sameRowsWhereNanRanksAboveNumbers(Case c) throws SQLException {
    assertSame(NAN_ABOVE_NUMBERS, c);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("serverSensitive")
  void sameRowsWhereMissingKeysMatchNoOperator(Case c) throws SQLException {
    assertSame(MISSING_KEYS_MATCH_NOTHING, c);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("readingKeys")
  void sameRowsWhereNanIsStoredAsText(Case c) throws SQLException {
    assertSame(NAN_AS_STRING, c);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("readingKeys")
  void sameRowsWhereNanIsStoredAsNull(Case c) throws SQLException {
    assertSame(NAN_AS_NULL, c);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("fallingBackMidway")
  void sameRowsWhenPagesRepeatARun(Case c) throws SQLException {
    try (Connection paged = REPEATS_RUNS_ACROSS_PAGES.connect("pushdown", "true", "pageSize",
        "250")) {
      assertSame(REPEATS_RUNS_ACROSS_PAGES, paged, c);
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("corpus")
  void sameRowsWhenTheServerRefusesPushdown(Case c) throws SQLException {
    assertSameAfterRefusal(REFUSES_PUSHDOWN, c, "1000", 400);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("fallingBackMidway")
  void sameRowsWhenTheServerRefusesPushdownMidway(Case c) throws SQLException {
    assertSameAfterRefusal(REFUSES_MIDWAY, c, "250", 400);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("fallingBackMidway")
  void sameRowsWhenTheServerRefusesPushdownWith422(Case c) throws SQLException {
    assertSameAfterRefusal(REFUSES_WITH_422, c, "1000", 422);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("fallingBackMidway")
  void sameRowsWhenTheServerRefusesPushdownWith500(Case c) throws SQLException {
    assertSameAfterRefusal(REFUSES_WITH_500, c, "1000", 500);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("fallingBackMidway")
  void sameRowsWhenRefusedMidwayWithCursorsBoundToTheirQuery(Case c) throws SQLException {
    assertSameAfterRefusal(REFUSES_MIDWAY_BOUND_CURSORS, c, "250", 400);
  }

  /**
   * On a fresh connection, so that each case meets the refusal itself: the same rows. The
   * statement may have sent the first pages of its segments together before the refusal came
   * back; after it the connection stops pushing, so the same statement again is refused nothing.
   */
  private static void assertSameAfterRefusal(TestServerExtension server, Case c, String pageSize,
      int refusalStatus) throws SQLException {
    try (Connection fresh = server.connect("pushdown", "true", "pageSize", pageSize)) {
      server.server().clearRequests();
      ACCEPTED_PUSHES.set(0);
      assertSame(server, fresh, c);
      if (refused(server, refusalStatus) > 0) {
        server.server().clearRequests();
        assertSame(server, fresh, c);
        assertEquals(0, refused(server, refusalStatus),
            "the connection stopped pushing after the refusal");
      }
    }
  }

  private static long refused(TestServerExtension server, int status) {
    return server.server().requests().stream().filter(r -> r.httpStatus() == status).count();
  }

  /**
   * A request the refusing servers refuse: a runs listing or count with a filter, or an order
   * other than by creation time (which the driver's own unfiltered fetches use).
   */
  private static boolean pushes(String operation, JsonNode variables) {
    if (!"Runs".equals(operation) && !"RunCount".equals(operation)) {
      return false;
    }
    String order = variables.path("order").asText("");
    return !variables.path("filters").asText("{}").equals("{}")
        || !(order.isEmpty() || order.equals("+created_at") || order.equals("-created_at"));
  }

  @Test
  void theCorpusIsLargeAndMostlyPushed() throws SQLException {
    List<Case> corpus = corpus();
    assertTrue(corpus.size() >= 200, "corpus size " + corpus.size());
    int pushed = 0;
    for (Case c : corpus) {
      String plan = explain(connection(SERVER, true), c.sql());
      if (plan.contains("filter=[") || plan.contains("order=[") || plan.contains("count=[")
          || plan.contains("limit=[")) {
        pushed++;
      }
    }
    assertTrue(pushed * 10 >= corpus.size() * 6,
        "only " + pushed + " of " + corpus.size() + " queries push anything");
  }

  private static void assertSame(TestServerExtension server, Case c) throws SQLException {
    assertSame(server, connection(server, true), c);
  }

  private static void assertSame(TestServerExtension server, Connection pushing, Case c)
      throws SQLException {
    List<List<Object>> on = run(pushing, c);
    boolean ownData = server == NAN_AS_STRING || server == NAN_AS_NULL;
    String ownKey = System.identityHashCode(server) + "/" + c;
    List<List<Object>> off = ownData ? WITHOUT_PUSHDOWN_OWN.get(ownKey) : WITHOUT_PUSHDOWN.get(c);
    if (off == null) {
      off = run(connection(server, false), c);
      if (ownData) {
        WITHOUT_PUSHDOWN_OWN.put(ownKey, off);
      } else {
        WITHOUT_PUSHDOWN.put(c, off);
      }
    }
    switch (c.compare()) {
      case SEQUENCE -> assertEquals(off, on);
      case ROWS -> assertEquals(sorted(off), sorted(on));
      case ROWS_AND_FIRST_COLUMN_ORDER -> {
        assertEquals(sorted(off), sorted(on));
        assertEquals(off.stream().map(r -> r.get(0)).toList(), on.stream().map(r -> r.get(0)).toList());
      }
      default -> throw new AssertionError(c.compare());
    }
  }

  private static List<List<Object>> run(Connection connection, Case c) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(c.sql())) {
      for (int i = 0; i < c.parameters().size(); i++) {
        s.setObject(i + 1, c.parameters().get(i));
      }
      try (ResultSet rs = s.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            Object v = rs.getObject(i);
            row.add(v instanceof Array a ? Arrays.asList((Object[]) a.getArray()) : v);
          }
          rows.add(row);
        }
        return rows;
      }
    }
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }

  private static String explain(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql.replace("?", "NULL"))) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Connection connection(TestServerExtension server, boolean pushdown)
      throws SQLException {
    String key = System.identityHashCode(server) + "/" + pushdown;
    Connection c = CONNECTIONS.get(key);
    if (c == null) {
      c = server.connect("pushdown", String.valueOf(pushdown), "pageSize", "1000");
      CONNECTIONS.put(key, c);
    }
    return c;
  }

  @AfterAll
  static void close() throws SQLException {
    for (Connection c : CONNECTIONS.values()) {
      c.close();
    }
    CONNECTIONS.clear();
  }
}
