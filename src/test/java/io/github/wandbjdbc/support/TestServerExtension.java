package io.github.wandbjdbc.support;

import io.github.wandbjdbc.jdbc.WandbDriver;
import io.github.wandbjdbc.testserver.WandbTestServer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Starts a W&B test server for a test class, recording every request under
 * {@code target/graphql-requests/<TestClass>/} for check-graphql, and opens driver connections to it.
 */
public final class TestServerExtension implements BeforeAllCallback, AfterAllCallback {
  public static final String ENTITY = "demo-team";
  public static final String BIG_PROJECT = "resnet-sweep";
  public static final String SMALL_PROJECT = "bert-finetune";

  private final UnaryOperator<WandbTestServer.Builder> customizer;
  private WandbTestServer server;

  public TestServerExtension() {
    this(b -> b);
  }

  public TestServerExtension(UnaryOperator<WandbTestServer.Builder> customizer) {
    this.customizer = customizer;
  }

  public static Path requestLog(String name) {
    return Path.of(System.getProperty("wandbjdbc.test.requestLog", "target/graphql-requests"))
        .resolve(name);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = customizer.apply(WandbTestServer.builder()
        .recordTo(requestLog(context.getRequiredTestClass().getSimpleName())))
        .start();
  }

  /** Closes the server, and fails the test class if the driver sent anything but queries. */
  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
    List<String> writes =
        ReadOnlyWire.writes(requestLog(context.getRequiredTestClass().getSimpleName()));
    if (!writes.isEmpty()) {
      throw new AssertionError("the driver sent GraphQL operations other than queries: " + writes);
    }
  }

  public WandbTestServer server() {
    return server;
  }

  public String apiKey() {
    return server.apiKey();
  }

  /** Properties for a connection to the big sample project, with quick retries for tests. */
  public Properties properties(String... keyValues) {
    return properties(server, keyValues);
  }

  /** The same for a server a test started itself. */
  public static Properties properties(WandbTestServer server, String... keyValues) {
    Properties p = new Properties();
    p.setProperty("baseUrl", server.baseUrl());
    p.setProperty("apiKey", server.apiKey());
    p.setProperty("entity", ENTITY);
    p.setProperty("project", BIG_PROJECT);
    p.setProperty("retryBackoffMs", "20");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  /** A connection through DriverManager, as applications open one. */
  public Connection connect(String... keyValues) throws SQLException {
    return DriverManager.getConnection(WandbDriver.PREFIX, properties(keyValues));
  }
}
