package io.github.wandbjdbc.support;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Query results as plain lists, for tests that compare them with data or with each other. */
public final class SqlRows {
  private SqlRows() {}

  /** Every row of the query; SQL arrays become lists. */
  public static List<List<Object>> query(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rows(rs);
      }
    }
  }

  /** Every remaining row of a result set; SQL arrays become lists. */
  public static List<List<Object>> rows(ResultSet rs) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        Object value = rs.getObject(i);
        row.add(value instanceof Array a ? Arrays.asList((Object[]) a.getArray()) : value);
      }
      rows.add(row);
    }
    return rows;
  }

  /** The rows in the order of their text, for comparisons that ignore row order. */
  public static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }
}
