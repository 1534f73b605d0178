package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;

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
import java.sql.Statement;
import java.util.Collections;

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
      "SELECT CAST(state AS DATE) FROM runs LIMIT 1           | 22007 | Invalid DATE value",
      "SELECT CAST('2024-02-30' AS DATE) FROM runs LIMIT 1    | 22008 | '2024-02-30'",
      "SELECT LN(-1) FROM runs LIMIT 1                        | 2201E | positive numbers",
      "SELECT run_id FROM runs WHERE run_id = TRUE LIMIT 1    | 22018 | Invalid character for cast",
      "SELECT run_id FROM runs LIMIT 99999999999999999999     | 22003 | at most 922337203"})
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

  /**
   * Statements Calcite accepts as text but cannot take, each found by the bad-input corpus as
   * HY000 or as "SQL syntax error: null": each has the state of what is wrong with it.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SET x = 1                                  | 0A000 | connection properties",
      "SELECT COALESCE() FROM runs                | 42000 | column 8",
      "SELECT run_id FROM runs WHERE <5000 ORs>   | 54001 | IN (...)",
      "SELECT <5000 parentheses>                  | 54001 | simplify it",
      "SELECT run_id FROM runs ORDER BY run_id LIMIT ? | 22004 | setInt or setLong"})
  void statementsCalciteCannotTakeHaveTheirStates(String sql, String state, String said)
      throws SQLException {
    String expanded = sql
        .replace("<5000 ORs>", String.join(" OR ", Collections.nCopies(5_000, "state = 'x'")))
        .replace("<5000 parentheses>", "(".repeat(5_000) + "1" + ")".repeat(5_000));
    for (String pushdown : new String[] {"true", "false"}) {
      try (Connection c = SERVER.connect("pushdown", pushdown); Statement s = c.createStatement()) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(expanded));
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
