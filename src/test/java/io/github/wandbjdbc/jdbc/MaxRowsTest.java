package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static io.github.wandbjdbc.support.TestServerExtension.SMALL_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Statement.setMaxRows}, which the driver plans as a limit (MaxRowsLimit): the same rows
 * as the query's own LIMIT, with and without pushdown, and only the runs they need read.
 */
class MaxRowsTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static final String BY_LOSS = "SELECT run_id, \"summary.loss\" FROM runs"
      + " ORDER BY \"summary.loss\" NULLS LAST, run_id";

  /** The rows of {@code sql} read through a plain statement with {@code maxRows}. */
  private static List<List<Object>> withMaxRows(Connection c, String sql, int maxRows)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      st.setMaxRows(maxRows);
      try (ResultSet rs = st.executeQuery(sql)) {
        return rows(rs);
      }
    }
  }

  private static List<List<Object>> rows(ResultSet rs) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getObject(i));
      }
      rows.add(row);
    }
    return rows;
  }

  @Test
  void sameRowsAsTheQuerysOwnLimitInItsOrder() throws SQLException {
    try (Connection on = SERVER.connect(); Connection off = SERVER.connect("pushdown", "false")) {
      List<List<Object>> limited = SqlRows.query(off, BY_LOSS + " LIMIT 7");
      assertEquals(7, limited.size());
      assertEquals(limited, withMaxRows(on, BY_LOSS, 7));
      assertEquals(limited, withMaxRows(off, BY_LOSS, 7));
      assertEquals(SqlRows.query(off, BY_LOSS + " LIMIT 3"), withMaxRows(on, BY_LOSS + " LIMIT 3", 7),
          "a smaller LIMIT of the query wins");
    }
  }

  @Test
  void moreRowsAllowedThanThereAreGivesEveryRow() throws SQLException {
    try (Connection c = SERVER.connect("project", SMALL_PROJECT)) {
      int runs = SERVER.server().data().project(ENTITY, SMALL_PROJECT).runs().size();
      assertEquals(runs, withMaxRows(c, "SELECT run_id FROM runs", 1000).size());
      assertEquals(runs, withMaxRows(c, "SELECT run_id FROM runs", 0).size(), "0: no limit");
    }
  }

  @Test
  void aPlainStatementReadsOnlyThePageItsRowsNeed() throws SQLException {
    try (Connection c = SERVER.connect()) {
      withMaxRows(c, "SELECT run_id FROM runs", 1);
      SERVER.server().clearRequests();
      assertEquals(50, withMaxRows(c, "SELECT * FROM runs", 50).size());
      List<RecordedRequest> runs = SERVER.server().requests().stream()
          .filter(r -> r.operationName().equals("Runs")).toList();
      assertEquals(1, runs.size(), "one page");
      int first = runs.get(0).variables().path("first").asInt();
      assertTrue(first >= 50 && first <= 51, "about 50 runs asked for: " + first);
    }
  }

  @Test
  void preparedStatementsStopAtMaxRowsToo() throws SQLException {
    try (Connection c = SERVER.connect(); PreparedStatement ps = c.prepareStatement(BY_LOSS)) {
      ps.setMaxRows(4);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(SqlRows.query(c, BY_LOSS + " LIMIT 4"), rows(rs));
      }
    }
  }
}
