package io.github.wandbjdbc.oracle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A result as values both engines can be compared by: numbers by value (integers exactly,
 * floating-point to 12 significant digits, NaN and ±Infinity by name, −0.0 as 0), text exactly,
 * timestamps and dates as wall-clock values, arrays as lists, NULL as NULL. Or the error, as
 * "ERROR" and its SQLState class.
 */
record OracleRows(List<List<String>> rows, String error) {
  private static final MathContext DIGITS = new MathContext(12);

  static OracleRows of(Connection c, String sql, List<Object> parameters) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        ps.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
          List<String> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(value(rs, i, meta.getColumnType(i)));
          }
          rows.add(row);
        }
        return new OracleRows(rows, null);
      }
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "?" : e.getSQLState();
      return new OracleRows(List.of(), state + " " + e.getMessage());
    }
  }

  /** The SQLState's class: 22 (data), 42 (syntax), … */
  String errorClass() {
    return error == null ? null : error.substring(0, Math.min(2, error.length()));
  }

  /** The rows as a sorted multiset, for results without a total order. */
  List<List<String>> sorted() {
    List<List<String>> copy = new ArrayList<>(rows);
    copy.sort((a, b) -> String.join("\u0001", a).compareTo(String.join("\u0001", b)));
    return copy;
  }

  private static String value(ResultSet rs, int i, int type) throws SQLException {
    switch (type) {
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE: {
        LocalDateTime t = rs.getObject(i, LocalDateTime.class);
        return t == null ? "NULL" : "T " + t;
      }
      case Types.DATE: {
        LocalDate d = rs.getObject(i, LocalDate.class);
        return d == null ? "NULL" : "D " + d;
      }
      case Types.ARRAY: {
        Array a = rs.getArray(i);
        if (a == null) {
          return "NULL";
        }
        List<String> items = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
          items.add(o == null ? "NULL" : "'" + o + "'");
        }
        return items.toString();
      }
      default: {
        Object v = rs.getObject(i);
        return v == null ? "NULL" : plain(v);
      }
    }
  }

  static String plain(Object v) {
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        return "NaN";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "Infinity" : "-Infinity";
      }
      return number(new BigDecimal(d).round(DIGITS));
    }
    if (v instanceof BigDecimal b) {
      return number(b.scale() <= 0 ? b : b.round(DIGITS));
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger) {
      return number(new BigDecimal(v.toString()));
    }
    if (v instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    return "'" + v + "'";
  }

  private static String number(BigDecimal d) {
    if (d.signum() == 0) {
      return "0";
    }
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() <= 0 && s.precision() - s.scale() <= 20 ? s.toPlainString() : s.toString();
  }
}
