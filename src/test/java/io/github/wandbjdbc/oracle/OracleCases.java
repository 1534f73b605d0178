package io.github.wandbjdbc.oracle;

import io.github.wandbjdbc.jdbc.TestServerExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The corpus, run through the driver connected to one test server in some configurations, each
 * answer compared with PostgreSQL's on the data that server serves. A subclass registers the
 * server and the {@link OracleDatabase} loaded from it (the database after the server, with
 * {@code @Order}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OracleCases {
  private OracleComparison comparison;

  /** The server the driver reads. */
  abstract TestServerExtension server();

  /** PostgreSQL holding what {@link #server()} serves. */
  abstract OracleDatabase oracle();

  /** Driver properties, each map a configuration every case runs in. */
  abstract List<Map<String, String>> configurations();

  @BeforeAll
  void connect() {
    comparison = new OracleComparison(server(), oracle(), configurations());
  }

  @AfterAll
  void close() throws SQLException {
    System.out.println(getClass().getSimpleName() + " in time zone "
        + java.util.TimeZone.getDefault().getID() + ": " + comparison.tally());
    comparison.close();
  }

  static List<OracleCorpus.Case> corpus() {
    return OracleCorpus.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void agreesWithPostgres(OracleCorpus.Case c) throws SQLException {
    comparison.check(c);
  }
}
