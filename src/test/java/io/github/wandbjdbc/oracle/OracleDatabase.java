package io.github.wandbjdbc.oracle;

import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.WandbTestServer;
import io.github.wandbjdbc.testserver.generate.HostileDataGenerator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A test server, and PostgreSQL holding what it serves: a database per test class, loaded by
 * {@link OracleLoader} from the server's answers, with the projects of the corpus (the hostile
 * values and the BERT project with their history, the 2,000 ResNet runs without). One PostgreSQL
 * server per JVM, stopped when the tests end. Also remembers PostgreSQL's answer to each case.
 */
final class OracleDatabase implements BeforeAllCallback, AfterAllCallback {
  private static final Object LOCK = new Object();
  private static PostgresCluster cluster;

  private final TestServerExtension server;
  private final String name;
  private Connection connection;
  private Set<String> mismatched = Set.of();
  private final Map<OracleCorpus.Case, OracleRows> answers = new HashMap<>();

  /** @param serverOptions the test server's; the hostile project is always served */
  OracleDatabase(UnaryOperator<WandbTestServer.Builder> serverOptions, String name) {
    this.server = new TestServerExtension(b -> serverOptions.apply(b.hostileProject(true)));
    this.name = name;
  }

  /** The server the database was loaded from, for the driver to read. */
  TestServerExtension server() {
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    server.beforeAll(context);
    PostgresCluster pg = cluster();
    try (Connection admin = pg.connect(); Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'"
          + " LC_CTYPE 'C'");
    }
    connection = pg.connect(name);
    WandbTestServer served = server.server();
    OracleLoader loader = new OracleLoader(new GraphQlReader(served.baseUrl(), served.apiKey()),
        TestServerExtension.ENTITY);
    loader.load(connection, HostileDataGenerator.PROJECT, 100, true);
    loader.load(connection, TestServerExtension.SMALL_PROJECT, 100, true);
    loader.load(connection, TestServerExtension.BIG_PROJECT, 100, false);
    mismatched = loader.mismatched();
    try (Statement s = connection.createStatement()) {
      s.execute("SET search_path = " + OracleLoader.quote(HostileDataGenerator.PROJECT));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    try {
      if (connection != null) {
        connection.close();
      }
    } finally {
      server.afterAll(context);
    }
  }

  /** PostgreSQL's answer to a case, asked once. */
  synchronized OracleRows answer(OracleCorpus.Case c) {
    return answers.computeIfAbsent(c, k -> OracleRows.of(connection, k.postgres(), k.parameters()));
  }

  /** Typed columns where some run holds a value of another type (the driver reports 22000). */
  Set<String> mismatched() {
    return mismatched;
  }

  Connection connection() {
    return connection;
  }

  private static PostgresCluster cluster() {
    synchronized (LOCK) {
      if (cluster == null) {
        cluster = PostgresCluster.start();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "oracle-postgres-stop"));
      }
      return cluster;
    }
  }
}
