package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.RunData;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs created while a statement pages through a project (W&B does not document what its cursors do
 * then: docs/WIRE.md, "Where W&B's documentation is silent"): every run that existed when the
 * statement began is returned once, with its values; the only other rows are runs created
 * meanwhile; an ORDER BY still holds.
 */
class RunsArrivingWhileListingTest {
  private static final int ARRIVING = 400;

  @RegisterExtension
  static final TestServerExtension SERVER =
      new TestServerExtension(b -> b.runsArriveWhileListing(ARRIVING));

  @ParameterizedTest(name = "{0} pushdown={1}")
  @CsvSource(delimiter = '|', value = {
      "SELECT run_id, \"summary.loss\" FROM runs                                          | true",
      "SELECT run_id, \"summary.loss\" FROM runs ORDER BY created_at DESC                 | true",
      "SELECT run_id, \"summary.loss\" FROM runs WHERE state = 'finished'                 | true",
      "SELECT run_id, \"summary.loss\" FROM runs ORDER BY \"summary.loss\" DESC           | true",
      "SELECT run_id, \"summary.loss\" FROM runs WHERE state = 'finished' ORDER BY \"summary.loss\" | true",
      "SELECT run_id, \"summary.loss\" FROM runs ORDER BY \"summary.loss\" DESC           | false",
  })
  void everyRunThatExistedComesOnceAndOnlyNewRunsBesides(String sql, boolean pushdown)
      throws SQLException {
    Predicate<RunData> where = sql.contains("'finished'") ? r -> "finished".equals(r.state())
        : r -> true;
    int existing = visible(r -> true).size();
    Map<String, RunData> before = visible(where);
    List<String> ids = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    try (Connection c = SERVER.connect("pushdown", String.valueOf(pushdown), "pageSize", "100");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
        losses.add(rs.getObject(2) == null ? null : rs.getDouble(2));
      }
    }
    Map<String, RunData> after = visible(where);
    int existed = visible(r -> true).size();
    assertTrue(existed > existing && existed < existing + ARRIVING,
        "runs arrived while the statement ran: " + existing + " then " + existed);

    assertEquals(ids.size(), new HashSet<>(ids).size(), "no run twice");
    Set<String> missing = new HashSet<>(before.keySet());
    ids.forEach(missing::remove);
    assertEquals(Set.of(), missing, "every run that existed when the statement began");
    Set<String> unknown = ids.stream().filter(id -> !after.containsKey(id))
        .collect(Collectors.toSet());
    assertEquals(Set.of(), unknown, "only runs that exist, and match");
    for (int i = 0; i < ids.size(); i++) {
      Object loss = after.get(ids.get(i)).summary().get("loss");
      assertEquals(loss == null ? null : ((Number) loss).doubleValue(), losses.get(i),
          ids.get(i));
    }
    if (sql.contains("ORDER BY \"summary.loss\"")) {
      // PostgreSQL's order: NaN above every number, NULLs last ascending, first descending.
      Comparator<Double> ascending = Comparator.nullsLast(Double::compare);
      Comparator<Double> order = sql.contains("DESC") ? ascending.reversed() : ascending;
      for (int i = 1; i < losses.size(); i++) {
        assertTrue(order.compare(losses.get(i - 1), losses.get(i)) <= 0,
            "in order at row " + i + ": " + losses.get(i - 1) + ", " + losses.get(i));
      }
    }
  }

  private static Map<String, RunData> visible(Predicate<RunData> where) {
    return SERVER.server().visibleRuns(TestServerExtension.ENTITY, TestServerExtension.BIG_PROJECT)
        .stream().filter(where).collect(Collectors.toMap(RunData::name, r -> r, (a, b) -> a,
            TreeMap::new));
  }
}
