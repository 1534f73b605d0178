package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

class ReadOnlyGuardTest {
  @Test
  void findsTheVerbBehindCommentsAndParentheses() {
    assertEquals("SELECT", ReadOnlyGuard.firstWord("  -- note\n /* x */ ((select 1))"));
    assertEquals("INSERT", ReadOnlyGuard.firstWord("/* a */insert into runs values (1)"));
    assertEquals("", ReadOnlyGuard.firstWord("-- only a comment"));
  }

  @Test
  void refusesWritesWithReadOnlySqlState() {
    for (String sql : new String[] {"INSERT INTO runs VALUES ('x')", "update runs set state='x'",
        "DELETE FROM runs", "merge into runs using x on true when matched then delete",
        "CREATE TABLE t (a int)", "drop table runs", "ALTER TABLE runs ADD c INT",
        "truncate table runs"}) {
      SQLException e = assertThrows(SQLException.class, () -> ReadOnlyGuard.check(sql), sql);
      assertEquals("25006", e.getSQLState());
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    }
  }

  @Test
  void letsQueriesThrough() {
    for (String sql : new String[] {"SELECT * FROM runs", "with t as (select 1) select * from t",
        "EXPLAIN PLAN FOR SELECT 1", "VALUES 1", "select 'insert' from runs"}) {
      assertDoesNotThrow(() -> ReadOnlyGuard.check(sql), sql);
    }
  }
}
