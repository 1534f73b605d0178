package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.sql.SQLException;

/**
 * Errors in the values a statement computes with (found by the bad-input corpus as 125 inputs
 * ending in HY000 "failed unexpectedly, please report"): each is an {@code SQLDataException} with
 * the SQL standard's state, with pushdown on and off alike.
 */
class DataErrorsTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SELECT CAST('abc' AS INTEGER) FROM runs LIMIT 1        | 22018 | \"abc\"",
      "SELECT CAST(state AS INTEGER) FROM runs LIMIT 1        | 22018 | cannot be read as a number",
      "SELECT 1/0 FROM runs LIMIT 1                           | 22012 | Division by zero",
      "SELECT history_line_count / 0 FROM runs LIMIT 1        | 22012 | Division by zero",
      "SELECT CAST('2024-13-45' AS TIMESTAMP) FROM runs LIMIT 1 | 22007 | YYYY-MM-DD",
      "SELECT CAST(state AS DATE) FROM runs LIMIT 1           | 22007 | Invalid DATE value"})
  void aBadValueIsADataException(String sql, String state, String said) throws SQLException {
    for (String pushdown : new String[] {"true", "false"}) {
      try (Connection c = SERVER.connect("pushdown", pushdown)) {
        SQLException e = assertThrows(SQLException.class, () -> SqlRows.query(c, sql));
        assertInstanceOf(SQLDataException.class, e, e.getMessage());
        assertEquals(state, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains(said), e.getMessage());
        assertFalse(e.getMessage().contains("unexpectedly"), e.getMessage());
      }
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SELECT run_id FROM runs WHERE state = (SELECT state FROM runs LIMIT 2) | 21000 |     | ",
      "SELECT run_id FROM runs WHERE history_line_count > ? LIMIT 1           | 22000 | abc | ",
      "SELECT run_id FROM runs WHERE history_line_count > ? LIMIT 1           | 07001 |     | ",
      "SELECT run_id FROM runs WHERE history_line_count > ? LIMIT 1           | 07009 | 1   | 2"})
  void badSubqueriesAndParametersHaveTheirStates(String sql, String state, String value,
      String index) throws SQLException {
    try (Connection c = SERVER.connect()) {
      SQLException e = assertThrows(SQLException.class, () -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          if (value != null) {
            ps.setObject(index == null ? 1 : Integer.parseInt(index), value);
          }
          SqlRows.rows(ps.executeQuery());
        }
      });
      assertEquals(state, e.getSQLState(), e.getMessage());
      assertFalse(e.getMessage().contains("unexpectedly"), e.getMessage());
    }
  }
}
