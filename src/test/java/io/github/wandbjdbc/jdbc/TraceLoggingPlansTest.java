package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.support.LogCapture;
import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plans that read the same thing twice, with every log level on (java.util.logging at
 * {@code ALL}, which turns Calcite's planner trace on): they plan and return the rows they return
 * with logging off. With nothing pushed the two reads are one node of the plan, which Calcite's
 * standard last planning step rejected under trace logging (see PlanningProgram).
 */
class TraceLoggingPlansTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  static Stream<String> readingTwice() {
    return Stream.of(
        "SELECT run_id FROM runs WHERE \"summary.acc\" > "
            + "(SELECT AVG(\"summary.acc\") FROM runs WHERE state = 'finished')",
        "SELECT a.run_id, b.state FROM runs a JOIN runs b ON a.run_id = b.run_id "
            + "WHERE a.state = 'crashed'",
        "SELECT run_id FROM runs WHERE state = 'failed' UNION ALL "
            + "SELECT run_id FROM runs WHERE state = 'failed'",
        "SELECT run_id FROM runs WHERE run_id IN (SELECT run_id FROM runs WHERE tags IS NOT NULL)",
        "SELECT p.project, q.created_at FROM projects p JOIN projects q ON p.project = q.project");
  }

  @ParameterizedTest
  @MethodSource("readingTwice")
  void plansAndAnswersAsWithLoggingOff(String sql) throws SQLException {
    for (String pushdown : List.of("false", "true")) {
      List<List<Object>> quiet;
      try (Connection c = SERVER.connect("pushdown", pushdown)) {
        quiet = SqlRows.sorted(SqlRows.query(c, sql));
      }
      List<List<Object>> traced;
      String log;
      try (LogCapture logs = new LogCapture(); Connection c = SERVER.connect("pushdown", pushdown)) {
        traced = SqlRows.sorted(SqlRows.query(c, sql));
        log = logs.text();
      }
      assertFalse(quiet.isEmpty(), sql);
      assertEquals(quiet, traced, "pushdown=" + pushdown + ": " + sql);
      assertTrue(log.contains("org.apache.calcite.plan"), "the planner traced its work");
    }
  }

}
