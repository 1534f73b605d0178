package io.github.wandbjdbc.calcite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.generate.HostileDataGenerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ordering by W&B metrics that hold NaN and Infinity: every operator that orders by one
 * floating-point key works (Calcite's single-key comparator alone would fail), with NaN above
 * +Infinity and NULLs last ascending, first descending, as in PostgreSQL.
 */
class NanOrderingTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension(b -> b.hostileProject(true));

  /** A summary key of the hostile project holding NaN, both infinities, ±0.0, numbers and NULL. */
  private static final String HOSTILE_KEY = "x";

  /** NULLs last, then Double.compare: -Infinity < numbers < +Infinity < NaN. */
  private static final Comparator<Double> ASCENDING =
      Comparator.nullsLast(Comparator.<Double>naturalOrder());

  private static List<Double> serverLosses() {
    return serverValues("loss");
  }

  private static List<Double> serverValues(String summaryKey) {
    return serverValues(TestServerExtension.BIG_PROJECT, summaryKey);
  }

  private static List<Double> serverValues(String project, String summaryKey) {
    List<Double> out = new ArrayList<>();
    for (RunData r : SERVER.server().data().project(TestServerExtension.ENTITY, project).runs()) {
      Object loss = r.summary().get(summaryKey);
      out.add(loss == null ? null : ((Number) loss).doubleValue());
    }
    return out;
  }

  private static List<Double> doubles(Connection c, String sql) throws SQLException {
    List<Double> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        double d = rs.getDouble(1);
        out.add(rs.wasNull() ? null : d);
      }
    }
    return out;
  }

  @Test
  void sortsPlaceNanAboveInfinityAndNullsAsPostgresDoes() throws SQLException {
    List<Double> losses = serverValues("loss");
    assertTrue(losses.stream().anyMatch(d -> d != null && d.isNaN()));
    assertTrue(losses.contains(null));
    List<Double> valLosses = serverValues("val/loss");
    assertTrue(valLosses.contains(Double.POSITIVE_INFINITY));
    assertTrue(valLosses.contains(Double.NEGATIVE_INFINITY));
    try (Connection c = SERVER.connect()) {
      assertSorted(c, "\"summary.loss\"", losses);
      assertSorted(c, "\"summary.val/loss\"", valLosses);
    }
  }

  private static void assertSorted(Connection c, String column, List<Double> values)
      throws SQLException {
    List<Double> ascending = new ArrayList<>(values);
    ascending.sort(ASCENDING);
    List<Double> descending = new ArrayList<>(values);
    descending.sort(ASCENDING.reversed());
    String from = " FROM runs ORDER BY " + column;
    assertEquals(ascending, doubles(c, "SELECT " + column + from));
    assertEquals(descending, doubles(c, "SELECT " + column + from + " DESC"));
    assertEquals(ascending.subList(3, 8), doubles(c, "SELECT " + column + from + " LIMIT 5 OFFSET 3"));
    assertEquals(descending.subList(0, 5), doubles(c, "SELECT " + column + from + " DESC LIMIT 5"));
  }

  @Test
  void windowsAndOrderedAggregatesOverAMetricWithNan() throws SQLException {
    List<Double> losses = serverLosses();
    try (Connection c = SERVER.connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT \"summary.loss\","
          + " RANK() OVER (ORDER BY \"summary.loss\") FROM runs")) {
        int rows = 0;
        while (rs.next()) {
          double d = rs.getDouble(1);
          Double loss = rs.wasNull() ? null : d;
          long smaller = losses.stream().filter(x -> ASCENDING.compare(x, loss) < 0).count();
          assertEquals(smaller + 1, rs.getLong(2), "rank of " + loss);
          rows++;
        }
        assertEquals(losses.size(), rows);
      }
      Map<String, List<Double>> byState = new HashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT state, LISTAGG(CAST(\"summary.loss\" AS VARCHAR),"
          + " '|') WITHIN GROUP (ORDER BY \"summary.loss\" DESC) FROM runs GROUP BY state")) {
        while (rs.next()) {
          List<Double> values = new ArrayList<>();
          String list = rs.getString(2);
          for (String v : list == null ? new String[0] : list.split("\\|")) {
            values.add(Double.valueOf(v));
          }
          byState.put(rs.getString(1), values);
        }
      }
      assertEquals(7, byState.size());
      for (List<Double> values : byState.values()) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.reverseOrder());
        assertEquals(sorted, values, "WITHIN GROUP order, NaN first when descending");
      }
      assertTrue(byState.values().stream().anyMatch(v -> !v.isEmpty() && v.get(0).isNaN()));
    }
  }

  @Test
  void joinsOnAMetricWithNan() throws SQLException {
    List<Double> losses = serverLosses();
    assertTrue(losses.stream().filter(d -> d != null && d.isNaN()).count() >= 2,
        "the data has NaN pairs to join");
    try (Connection c = SERVER.connect()) {
      for (String key : List.of("acc", "loss")) {
        long expected = equalPairs(serverValues(key));
        assertTrue(expected > 0, key);
        String sql = "SELECT COUNT(*) FROM runs a JOIN runs b ON a.\"summary." + key
            + "\" = b.\"summary." + key + "\" WHERE a.run_id < b.run_id";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
          assertTrue(rs.next());
          assertEquals(expected, rs.getLong(1), sql);
        }
      }
    }
  }

  /**
   * Pairs of distinct runs whose values are equal in PostgreSQL: NULL equals nothing, NaN equals
   * NaN, −0.0 equals 0.0. Run names are unique, so each pair is counted once, as
   * {@code a.run_id < b.run_id} counts it.
   */
  private static long equalPairs(List<Double> values) {
    long pairs = 0;
    for (int i = 0; i < values.size(); i++) {
      for (int j = i + 1; j < values.size(); j++) {
        Double a = values.get(i);
        Double b = values.get(j);
        if (a != null && b != null && Double.compare(a + 0.0, b + 0.0) == 0) {
          pairs++;
        }
      }
    }
    return pairs;
  }

  /**
   * NaN, +Infinity and −Infinity in one column, as PostgreSQL orders them: ascending −Infinity,
   * numbers, +Infinity, NaN, NULLs last; descending the reverse, NULLs first. With pushdown W&B's
   * sort is split into segments put back in this order (PushedOrder); without, Calcite sorts by
   * PostgresOrder's keys. Both must give the order the server's data sorts to.
   */
  @ParameterizedTest(name = "pushdown={0}")
  @ValueSource(booleans = {true, false})
  void nanAndBothInfinitiesInOneColumnOrderAsInPostgres(boolean pushdown) throws SQLException {
    List<Double> values = serverValues(HostileDataGenerator.PROJECT, HOSTILE_KEY).stream()
        .map(NanOrderingTest::zeroAsZero).toList();
    for (Double special : List.of(Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY)) {
      assertTrue(values.contains(special), "the data holds " + special);
    }
    assertTrue(values.contains(null));
    List<Double> ascending = new ArrayList<>(values);
    ascending.sort(ASCENDING);
    List<Double> descending = new ArrayList<>(values);
    descending.sort(ASCENDING.reversed());

    String column = "\"summary." + HOSTILE_KEY + "\"";
    String from = " FROM runs ORDER BY " + column;
    try (Connection c = SERVER.connect("project", HostileDataGenerator.PROJECT,
        "pushdown", String.valueOf(pushdown))) {
      assertEquals(pushdown, plan(c, "SELECT " + column + from).contains("(NaN, ±Infinity apart)"),
          "W&B sorts only with pushdown");
      assertEquals(ascending, zerosAsZero(doubles(c, "SELECT " + column + from)));
      assertEquals(descending, zerosAsZero(doubles(c, "SELECT " + column + from + " DESC")));
      // A page across the end of the numbers: the last of them, +Infinity, NaN, the first NULL;
      // and the first rows descending, up to the first number.
      int start = ascending.indexOf(Double.POSITIVE_INFINITY) - 1;
      int end = ascending.indexOf(null) + 1;
      assertEquals(ascending.subList(start, end), zerosAsZero(doubles(c, "SELECT " + column
          + from + " LIMIT " + (end - start) + " OFFSET " + start)));
      int firstNumber = (int) descending.stream().takeWhile(v -> v == null || v.isNaN()
          || v == Double.POSITIVE_INFINITY).count();
      assertEquals(descending.subList(0, firstNumber + 1), zerosAsZero(doubles(c, "SELECT "
          + column + from + " DESC LIMIT " + (firstNumber + 1))));
    }
  }

  /** −0.0 as 0.0: PostgreSQL holds them equal, so their order among themselves is open. */
  private static Double zeroAsZero(Double d) {
    return d == null ? null : d + 0.0;
  }

  private static List<Double> zerosAsZero(List<Double> values) {
    return values.stream().map(NanOrderingTest::zeroAsZero).toList();
  }

  private static String plan(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }
}
