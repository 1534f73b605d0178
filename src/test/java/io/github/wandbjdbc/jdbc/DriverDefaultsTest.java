package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Connections configured by the environment and the wandb client's files alone, through the real
 * driver, with a temporary HOME.
 */
class DriverDefaultsTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  @TempDir
  Path home;

  private final Map<String, String> env = new HashMap<>();

  private Connection connect(String url) throws SQLException {
    return new WandbDriver(new Environment(env, home)).connect(url, new Properties());
  }

  private static List<String> operations() {
    return SERVER.server().requests().stream().map(RecordedRequest::operationName).toList();
  }

  @Test
  void entityDefaultsToTheViewersEntity() throws SQLException {
    env.put("WANDB_API_KEY", SERVER.apiKey());
    env.put("WANDB_BASE_URL", SERVER.server().baseUrl());
    SERVER.server().clearRequests();
    try (Connection c = connect("jdbc:wandb:")) {
      assertEquals(List.of("Viewer"), operations(), "one request at connect");
      assertNull(c.getSchema(), "no project, no default schema");
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"bert-finetune\".runs")) {
        assertTrue(rs.next());
        assertEquals(SERVER.server().data().project(SERVER.server().data().viewerEntity(),
            TestServerExtension.SMALL_PROJECT).runs().size(), rs.getLong(1));
      }
    }
  }

  @Test
  void entityAndProjectFromTheEnvironment() throws SQLException {
    env.put("WANDB_API_KEY", SERVER.apiKey());
    env.put("WANDB_BASE_URL", SERVER.server().baseUrl());
    env.put("WANDB_ENTITY", TestServerExtension.ENTITY);
    env.put("WANDB_PROJECT", TestServerExtension.SMALL_PROJECT);
    SERVER.server().clearRequests();
    try (Connection c = connect("jdbc:wandb:")) {
      assertEquals(List.of("Project"), operations(), "the project is checked, no viewer needed");
      assertEquals(TestServerExtension.SMALL_PROJECT, c.getSchema());
    }
  }

  @Test
  void keyFromNetrcAndBaseUrlFromTheSettingsFile() throws Exception {
    String base = SERVER.server().baseUrl();
    String hostAndPort = base.substring("http://".length());
    Files.writeString(home.resolve(".netrc"),
        "machine " + hostAndPort + "\n  login user\n  password " + SERVER.apiKey() + "\n");
    Path settings = Files.createDirectories(home.resolve(".config/wandb")).resolve("settings");
    Files.writeString(settings, "[default]\nbase_url = " + base + "\n");
    try (Connection c = connect("jdbc:wandb:entity=demo-team;project=resnet-sweep");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT run_id FROM runs LIMIT 1")) {
      assertTrue(rs.next());
    }
  }
}
