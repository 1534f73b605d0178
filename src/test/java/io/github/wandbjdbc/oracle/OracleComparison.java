package io.github.wandbjdbc.oracle;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.generate.HostileDataGenerator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one corpus case through the driver in each configuration and compares every answer with
 * PostgreSQL's. Where they differ, the case must be on the {@link OracleAllowlist} with the
 * reason; an allowlisted case that agrees fails too, so that the list stays true.
 */
final class OracleComparison {
  private final TestServerExtension server;
  private final OracleDatabase oracle;
  private final List<Map<String, String>> configurations;
  private final Map<Map<String, String>, Connection> connections = new LinkedHashMap<>();
  private int compared;
  private int bothFailed;
  private long rowsCompared;

  /** @param configurations driver properties, each pair a configuration to compare */
  OracleComparison(TestServerExtension server, OracleDatabase oracle,
      List<Map<String, String>> configurations) {
    this.server = server;
    this.oracle = oracle;
    this.configurations = List.copyOf(configurations);
  }

  void check(OracleCorpus.Case c) throws SQLException {
    for (String column : oracle.mismatched()) {
      if (c.sql().contains("\"" + column + "\"")) {
        fail("the corpus reads " + column + ", where some run's value does not fit the column's"
            + " type; the driver reports that (22000) and PostgreSQL cannot: " + c);
      }
    }
    OracleRows expected = oracle.answer(c);
    if (expected.error() != null) {
      if (!expected.errorClass().equals("22")) {
        fail("PostgreSQL cannot run this case (" + expected.error() + "): the corpus must hold"
            + " SQL both engines accept, or errors in the data (class 22): " + c);
      }
      bothFailed++;
      System.out.println("PostgreSQL refused " + c + ": " + expected.error());
    } else {
      compared++;
      rowsCompared += expected.rows().size();
    }
    Optional<String> allowed = OracleAllowlist.reason(c.sql());
    List<String> differences = new ArrayList<>();
    for (Map<String, String> configuration : configurations) {
      OracleRows actual = OracleRows.of(connection(configuration), c.sql(), c.parameters());
      difference(c, expected, actual).ifPresent(d -> differences.add(configuration + ": " + d));
    }
    if (allowed.isPresent()) {
      if (differences.isEmpty()) {
        fail("allowlisted (" + allowed.get() + ") but the driver agrees with PostgreSQL now:"
            + " take it off the allowlist: " + c);
      }
      return;
    }
    if (!differences.isEmpty()) {
      fail("the driver and PostgreSQL differ on " + c + "\n  PostgreSQL: " + show(expected)
          + "\n  " + String.join("\n  ", differences));
    }
  }

  /** What was compared, for the test's report. */
  String tally() {
    return compared + " cases compared with rows (" + rowsCompared + " rows from PostgreSQL), "
        + bothFailed + " where both failed alike, " + OracleAllowlist.all().size()
        + " allowlisted, in " + configurations.size() + " configurations " + configurations;
  }

  /** Cases where PostgreSQL failed: each must be an error of the statement on purpose. */
  int bothFailed() {
    return bothFailed;
  }

  void close() throws SQLException {
    for (Connection c : connections.values()) {
      c.close();
    }
  }

  private Connection connection(Map<String, String> configuration) throws SQLException {
    Connection c = connections.get(configuration);
    if (c == null) {
      List<String> properties = new ArrayList<>(List.of("project", HostileDataGenerator.PROJECT));
      configuration.forEach((k, v) -> {
        properties.add(k);
        properties.add(v);
      });
      c = server.connect(properties.toArray(String[]::new));
      connections.put(configuration, c);
    }
    return c;
  }

  private static Optional<String> difference(OracleCorpus.Case c, OracleRows expected,
      OracleRows actual) {
    if (expected.error() != null || actual.error() != null) {
      if (expected.error() != null && actual.error() != null
          && expected.errorClass().equals(actual.errorClass())) {
        return Optional.empty();
      }
      return Optional.of("driver: " + show(actual));
    }
    boolean same = c.ordered() ? expected.rows().equals(actual.rows())
        : expected.sorted().equals(actual.sorted());
    return same ? Optional.empty() : Optional.of("driver: " + show(actual));
  }

  private static String show(OracleRows r) {
    if (r.error() != null) {
      return "ERROR " + r.error();
    }
    String rows = r.rows().toString();
    return r.rows().size() + " rows " + (rows.length() > 1500 ? rows.substring(0, 1500) + "…" : rows);
  }
}
