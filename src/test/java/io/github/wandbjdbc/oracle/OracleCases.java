package io.github.wandbjdbc.oracle;

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
 * {@link OracleDatabase} (which starts the server) and passes it here with the configurations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OracleCases {
  private final OracleDatabase oracle;
  private final List<Map<String, String>> configurations;
  private OracleComparison comparison;

  /** @param configurations driver properties, each map a configuration every case runs in */
  OracleCases(OracleDatabase oracle, List<Map<String, String>> configurations) {
    this.oracle = oracle;
    this.configurations = List.copyOf(configurations);
  }

  @BeforeAll
  void connect() {
    comparison = new OracleComparison(oracle.server(), oracle, configurations);
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
