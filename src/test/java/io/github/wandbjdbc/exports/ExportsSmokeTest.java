package io.github.wandbjdbc.exports;

import static io.github.wandbjdbc.support.TestServerExtension.SMALL_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wandbjdbc.support.TestServerExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

class ExportsSmokeTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static List<String> rows(String mode, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = SERVER.connect("project", SMALL_PROJECT, "historySource", mode);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(rs.getString(i)).append('|');
        }
        rows.add(b.toString());
      }
      for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
        System.out.println(mode + " WARNING " + w.getMessage());
      }
    }
    return rows;
  }

  @Test
  void sameRows() throws Exception {
    for (String sql : List.of(
        "SELECT run_id, step, \"train/loss\", \"eval/accuracy\" FROM history ORDER BY run_id, step",
        "SELECT run_id, step, \"row\" FROM history ORDER BY run_id, step",
        "SELECT COUNT(*) FROM history")) {
      List<String> graphql = rows("graphql", sql);
      List<String> parquet = rows("parquet", sql);
      System.out.println(sql + ": " + graphql.size() + " rows; first " + (graphql.isEmpty() ? "" : graphql.get(0)) + " / " + (parquet.isEmpty() ? "" : parquet.get(0)));
      System.out.println("storage requests: " + SERVER.server().storageRequests().size());
      assertEquals(graphql, parquet, sql);
    }
  }
}
