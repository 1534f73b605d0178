package io.github.wandbjdbc.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.wandbjdbc.testserver.http.RecordedRequest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The one home of a pushdown case: {@link #assertPushed} runs a query on the big sample project
 * with and without pushdown and checks, together, that the rows agree, that every runs request
 * carried the expected filter, and that EXPLAIN shows it with the SQL condition kept in the plan
 * exactly when the pushed filter is only a superset.
 */
public final class PushdownCase {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PushdownCase() {}

  /**
   * @param pushing a connection that pushes, to the server of {@code server}
   * @param notPushing one that does not
   * @param expectedFilter the {@code filters} JSON every runs request must carry
   * @param exact whether W&B's answer is exactly SQL's rows (the plan keeps no condition)
   */
  public static void assertPushed(TestServerExtension server, Connection pushing, Connection notPushing,
      String sql, String expectedFilter, boolean exact) throws SQLException {
    List<List<Object>> expected = SqlRows.sorted(SqlRows.query(notPushing, sql));
    server.server().clearRequests();
    List<List<Object>> rows = SqlRows.sorted(SqlRows.query(pushing, sql));
    assertEquals(expected, rows, sql);
    List<RecordedRequest> runs = server.server().requests().stream()
        .filter(r -> "Runs".equals(r.operationName())).toList();
    assertFalse(runs.isEmpty(), "no runs request for " + sql);
    JsonNode filter = json(expectedFilter);
    for (RecordedRequest r : runs) {
      assertEquals(filter, json(r.variables().path("filters").asText()), sql);
    }
    String plan = explain(pushing, sql);
    assertTrue(plan.contains("filter=[" + filter + "]"), plan);
    assertEquals(!exact, keepsACondition(plan), (exact ? "exact, yet the plan keeps a condition: "
        : "a superset, yet the plan keeps no condition: ") + plan);
  }

  /** Whether a plan still evaluates a condition above the scan. */
  private static boolean keepsACondition(String plan) {
    return plan.lines().filter(l -> !l.contains("WandbTableScan"))
        .anyMatch(l -> l.contains("condition=") || l.contains("Filter("));
  }

  private static String explain(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
