package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.support.TestServerExtension.SMALL_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DatabaseMetaData as DBeaver and BI tools call it. */
class MetadataTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static List<RecordedRequest> requests(String operation) {
    return SERVER.server().requests().stream()
        .filter(r -> operation.equals(r.operationName())).toList();
  }

  @Test
  void schemasAreTheEntitysProjectsWithoutCatalog() throws SQLException {
    try (Connection c = SERVER.connect(); ResultSet rs = c.getMetaData().getSchemas()) {
      Set<String> schemas = new HashSet<>();
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
        assertNull(rs.getString("TABLE_CATALOG"));
      }
      Set<String> expected = new HashSet<>();
      SERVER.server().data().entity(TestServerExtension.ENTITY).orElseThrow().projects()
          .forEach(p -> expected.add(p.name()));
      assertEquals(expected, schemas);
    }
  }

  @Test
  void tablesAndColumnsWithTypesNullabilityAndRemarks() throws SQLException {
    try (Connection c = SERVER.connect()) {
      DatabaseMetaData md = c.getMetaData();
      SERVER.server().clearRequests();
      Set<String> tables = new HashSet<>();
      try (ResultSet rs = md.getTables(null, BIG_PROJECT, "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
          assertEquals("TABLE", rs.getString("TABLE_TYPE"));
          String owner = rs.getString("TABLE_NAME").equals("projects") ? TestServerExtension.ENTITY
              : BIG_PROJECT;
          assertTrue(rs.getString("REMARKS").contains(owner), rs.getString("REMARKS"));
        }
      }
      assertEquals(Set.of("runs", "history", "system_metrics", "files", "artifacts", "lineage",
          "sweeps", "projects"), tables);
      assertEquals(List.of(), SERVER.server().requests().stream()
          .filter(r -> !r.operationName().equals("Projects")).toList(),
          "listing tables reads no runs (no columns are discovered)");
      SERVER.server().clearRequests();
      Map<String, Integer> types = new HashMap<>();
      Map<String, String> nullable = new HashMap<>();
      try (ResultSet rs = md.getColumns(null, BIG_PROJECT, "runs", "%")) {
        while (rs.next()) {
          String name = rs.getString("COLUMN_NAME");
          types.put(name, rs.getInt("DATA_TYPE"));
          nullable.put(name, rs.getString("IS_NULLABLE"));
          assertNotNull(rs.getString("REMARKS"), "REMARKS of " + name);
        }
      }
      assertEquals(Types.VARCHAR, types.get("run_id"));
      assertEquals("NO", nullable.get("run_id"));
      assertEquals("YES", nullable.get("state"));
      assertEquals(Types.TIMESTAMP, types.get("created_at"));
      assertEquals(Types.ARRAY, types.get("tags"));
      assertEquals(Types.BIGINT, types.get("history_line_count"));
      assertEquals(Types.DOUBLE, types.get("config.lr"));
      assertEquals(Types.BIGINT, types.get("config.batch_size"));
      assertEquals(Types.BOOLEAN, types.get("config.augment"));
      assertEquals(Types.VARCHAR, types.get("config.optimizer"));
      assertEquals(Types.BIGINT, types.get("config.model.depth"));
      assertEquals(Types.DOUBLE, types.get("summary.val/loss"));
      assertEquals(Types.VARCHAR, types.get("summary"));

      List<RecordedRequest> runs = requests("Runs");
      assertEquals(1, runs.size(), "getColumns reads one sample page, no paging");
      assertTrue(runs.get(0).variables().path("after").isNull());
      assertEquals(100, runs.get(0).variables().path("first").asInt());
    }
  }

  @Test
  void whatToolsAskAboutTheDatabase() throws SQLException {
    try (Connection c = SERVER.connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals("\"", md.getIdentifierQuoteString());
      assertEquals("Weights & Biases", md.getDatabaseProductName());
      assertEquals("wandb-jdbc", md.getDriverName());
      assertEquals(DriverInfo.VERSION, md.getDriverVersion());
      assertTrue(md.isReadOnly());
      assertTrue(c.isReadOnly());
      assertFalse(md.getURL().contains(SERVER.apiKey()));
      try (ResultSet rs = md.getTypeInfo()) {
        Set<String> typeNames = new HashSet<>();
        while (rs.next()) {
          typeNames.add(rs.getString("TYPE_NAME"));
        }
        assertTrue(typeNames.containsAll(List.of("VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN",
            "TIMESTAMP", "ARRAY")), typeNames.toString());
      }
      assertTrue(c.toString().contains("demo-team") && !c.toString().contains(SERVER.apiKey()));
    }
  }

  @Test
  void jdbcObjectsPointBackToTheirProxies() throws SQLException {
    try (Connection c = SERVER.connect(); Statement s = c.createStatement()) {
      assertTrue(s.getConnection() == c);
      try (ResultSet rs = s.executeQuery("SELECT run_id FROM runs LIMIT 1")) {
        assertTrue(rs.getStatement() == s);
      }
      DatabaseMetaData md = c.getMetaData();
      assertTrue(md.getConnection() == c);
      try (ResultSet tables = md.getTables(null, BIG_PROJECT, "%", null)) {
        Statement owner = tables.getStatement();
        assertTrue(owner == null || owner.getConnection() == c);
      }
      assertTrue(c.unwrap(Connection.class) == c);
      assertNotNull(c.unwrap(org.apache.calcite.jdbc.CalciteConnection.class));
    }
  }

  @Test
  void setSchemaRoundTripsAndRefusesUnknownProjects() throws SQLException {
    try (Connection c = SERVER.connect()) {
      assertEquals(BIG_PROJECT, c.getSchema());
      c.setSchema(SMALL_PROJECT);
      assertEquals(SMALL_PROJECT, c.getSchema());
      long expected = SERVER.server().data().project(TestServerExtension.ENTITY, SMALL_PROJECT)
          .runs().size();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM runs")) {
        assertTrue(rs.next());
        assertEquals(expected, rs.getLong(1));
      }
      SQLException e = assertThrows(SQLException.class, () -> c.setSchema("no-such-project"));
      assertEquals("3F000", e.getSQLState());
      assertEquals(SMALL_PROJECT, c.getSchema());
    }
  }

  @Test
  void propertyInfoListsEveryPropertyWithADescription() throws SQLException {
    Driver driver = DriverManager.getDriver(WandbDriver.PREFIX);
    assertTrue(driver instanceof WandbDriver);
    DriverPropertyInfo[] info = driver.getPropertyInfo(WandbDriver.PREFIX + "entity=x;apiKey=secret",
        new java.util.Properties());
    Map<String, DriverPropertyInfo> byName = new HashMap<>();
    Arrays.stream(info).forEach(i -> byName.put(i.name, i));
    for (ConnectionProperty p : ConnectionProperty.values()) {
      DriverPropertyInfo i = byName.get(p.propertyName());
      assertNotNull(i, p.propertyName());
      assertFalse(i.description == null || i.description.isBlank(), p.propertyName());
    }
    assertEquals("x", byName.get("entity").value);
    assertNull(byName.get("apiKey").value, "the key is never echoed");
    assertEquals("1000", byName.get("pageSize").value);
    assertEquals("8", byName.get("parallelism").value);
  }

  @Test
  void writesAreRefusedAsReadOnly() throws SQLException {
    try (Connection c = SERVER.connect(); Statement s = c.createStatement()) {
      for (String sql : List.of("INSERT INTO runs (run_id) VALUES ('x')",
          "DELETE FROM runs", "UPDATE runs SET state = 'x'", "CREATE TABLE t (a INT)")) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals("25006", e.getSQLState(), sql);
      }
      SQLException e = assertThrows(SQLException.class,
          () -> c.prepareStatement("MERGE INTO runs USING runs r ON true WHEN MATCHED THEN DELETE"));
      assertEquals("25006", e.getSQLState());
    }
  }
}
