package io.github.wandbjdbc.calcite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.jdbc.TestServerExtension;
import io.github.wandbjdbc.testserver.RunData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
  static final TestServerExtension SERVER = new TestServerExtension();

  /** NULLs last, then Double.compare: -Infinity < numbers < +Infinity < NaN. */
  private static final Comparator<Double> ASCENDING =
      Comparator.nullsLast(Comparator.<Double>naturalOrder());

  private static List<Double> serverLosses() {
    return serverValues("loss");
  }

  private static List<Double> serverValues(String summaryKey) {
    List<Double> out = new ArrayList<>();
    for (RunData r : SERVER.server().data().project(TestServerExtension.ENTITY,
        TestServerExtension.BIG_PROJECT).runs()) {
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
    try (Connection c = SERVER.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM runs a JOIN runs b"
            + " ON a.\"summary.acc\" = b.\"summary.acc\" WHERE a.run_id < b.run_id")) {
      assertTrue(rs.next());
      assertTrue(rs.getLong(1) >= 0);
    }
  }
}
