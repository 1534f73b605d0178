package io.github.wandbjdbc.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads result sets into lists and compares them, for the bad-input corpus. */
final class ResultRows {
  private ResultRows() {}

  static List<List<Object>> read(ResultSet rs) throws SQLException {
    int n = rs.getMetaData().getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
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

  /** Empty when equal (in order when {@code ordered}, else as multisets), else the difference. */
  static Optional<String> difference(List<List<Object>> actual, List<List<Object>> expected,
      boolean ordered) {
    List<List<Object>> a = ordered ? actual : SqlRows.sorted(actual);
    List<List<Object>> e = ordered ? expected : SqlRows.sorted(expected);
    if (a.equals(e)) {
      return Optional.empty();
    }
    if (a.size() != e.size()) {
      return Optional.of(a.size() + " rows where pushdown=false gives " + e.size());
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(e.get(i))) {
        return Optional.of("row " + i + " is " + CorpusTally.shorten(a.get(i).toString())
            + ", pushdown=false gives " + CorpusTally.shorten(e.get(i).toString()));
      }
    }
    return Optional.of("rows differ");
  }
}
