package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

/** The warm-up's statements run through the driver's own Calcite set-up, and answer right. */
class PlannerWarmUpTest {
  @Test
  void theWarmUpStatementsPlanCompileAndAnswer() throws SQLException {
    // LIMIT 1; the finished run with loss > 0.1; two states; the two finished runs joined.
    assertEquals(List.of(1, 1, 2, 2), PlannerWarmUp.rowCounts(new WandbDriver()));
  }
}
