package io.github.wandbjdbc.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** What the bad-input corpus counts as a clear error, and what as a failure. */
class CorpusTallyTest {
  private static final String KEY = "k".repeat(40);

  private static CorpusTally endingIn(List<SQLException> errors) {
    CorpusTally tally = new CorpusTally("test", KEY);
    for (int i = 0; i < errors.size(); i++) {
      SQLException e = errors.get(i);
      tally.attempt("input " + i, () -> {
        throw e;
      });
    }
    tally.attempt("rows", Optional::empty);
    return tally;
  }

  @Test
  void definiteStatesWithMessagesThatSaySomethingAreClearErrors() {
    CorpusTally tally = endingIn(List.of(
        new SQLException("SQL syntax error: Encountered \"FORM\" at line 1, column 10.", "42000"),
        new SQLException("W&B's answer to the Runs request could not be read. If this persists,"
            + " report it with your W&B server version.", "08P01"),
        new SQLException("The query ran past its timeout of 2 s.", "HYT00")));
    tally.assertNoFailures();
    assertEquals(4, tally.inputs());
  }

  @Test
  void theCatchAllStateAndMessagesWithoutContentAreFailures() {
    List<SQLException> vague = List.of(
        new SQLException("DDL not supported: SET `x` = 1", "HY000"),
        new SQLException("wandb-jdbc failed unexpectedly: java.lang.ExceptionInInitializerError."
            + " Please report this with the SQL statement.", "22000"),
        new SQLException("SQL syntax error: null", "42000"),
        new SQLException("java.lang.NullPointerException", "22000"),
        new SQLException("null", "0A000"),
        new SQLException("no state"),
        new SQLException("the key " + KEY, "28000"));
    CorpusTally tally = endingIn(vague);
    assertEquals(vague.size(), tally.failures().size(), tally.failures().toString());
    AssertionError listed = assertThrows(AssertionError.class, tally::assertNoFailures);
    assertTrue(listed.getMessage().contains("HY000, the driver's catch-all"), listed.getMessage());
    assertTrue(listed.getMessage().contains("the API key appears"), listed.getMessage());
    assertTrue(!listed.getMessage().contains(KEY), "the key is not repeated in the report");
  }
}
