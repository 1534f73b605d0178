package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;

import static io.github.wandbjdbc.support.PushdownCase.assertPushed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One line per pushdown case: the SQL, the filter W&B must be asked for, and whether that filter
 * is exact or a superset the plan keeps the condition for (see {@link PushdownCase}). A new
 * pushed operator gets its line here.
 */
class PushdownCasesTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static Connection pushing;
  private static Connection notPushing;

  @BeforeAll
  static void connect() throws SQLException {
    pushing = SERVER.connect("pushdown", "true");
    notPushing = SERVER.connect("pushdown", "false");
    // Column discovery samples runs unfiltered on a connection's first query; read it here so
    // that every runs request a case records is the case's own.
    for (Connection c : new Connection[] {pushing, notPushing}) {
      SqlRows.query(c, "SELECT run_id FROM runs LIMIT 1");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    pushing.close();
    notPushing.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      SELECT run_id FROM runs WHERE "config.batch_size" = 64 | {"config.batch_size":64} | true
      SELECT run_id FROM runs WHERE "config.batch_size" IN (32, 128) | {"config.batch_size":{"$in":[32,128]}} | true
      SELECT run_id FROM runs WHERE state = 'crashed' | {"state":"crashed"} | false
      SELECT run_id FROM runs WHERE display_name LIKE 'swift-%' | {"displayName":{"$regex":"swift-"}} | false
      """)
  void pushed(String sql, String filter, boolean exact) throws SQLException {
    assertPushed(SERVER, pushing, notPushing, sql, filter, exact);
  }
}
