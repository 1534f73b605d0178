package io.github.wandbjdbc.jdbc;

import static io.github.wandbjdbc.support.TestServerExtension.BIG_PROJECT;
import static io.github.wandbjdbc.support.TestServerExtension.ENTITY;
import static io.github.wandbjdbc.support.TestServerExtension.SMALL_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.DbeaverReplay.DataTab;
import io.github.wandbjdbc.support.DbeaverReplay.ResultColumn;
import io.github.wandbjdbc.support.DbeaverReplay.SchemaNode;
import io.github.wandbjdbc.support.DbeaverReplay.Session;
import io.github.wandbjdbc.support.DbeaverReplay.TableNode;
import io.github.wandbjdbc.support.DbeaverReplay;
import io.github.wandbjdbc.support.TestServerExtension;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * DBeaver's generic JDBC plugin connecting, reading the navigator tree, opening tables and their
 * data tabs, replayed call by call ({@link DbeaverReplay}). The order and arguments come from
 * dbeaver/dbeaver (read at commit 2428359b74):
 *
 * <ul>
 *   <li>plugins/org.jkiss.dbeaver.model.jdbc/src/org/jkiss/dbeaver/model/impl/jdbc/
 *       JDBCDataSource.java ({@code openConnection}: {@code setReadOnly(true)} for read-only
 *       connections; {@code initialize}: server version), JDBCExecutionContext.java
 *       ({@code connect}: transaction isolation if configured, {@code setAutoCommit},
 *       {@code getAutoCommit}, commit when auto-commit is off), JDBCSQLDialect.java
 *       ({@code initDriverSettings}: quote string, SQLState type, subquery/case/catalog/schema
 *       support, search escape, keywords, function lists), JDBCDataSourceInfo.java (product,
 *       driver, terms, transactions), JDBCUtils.java ({@code isConnectionAlive}:
 *       {@code isValid}; {@code escapeWildCards}), exec/JDBCConnectionImpl.java
 *       ({@code prepareStatement} for scripts: {@code createStatement(TYPE_FORWARD_ONLY,
 *       CONCUR_READ_ONLY)}), exec/JDBCStatementImpl.java ({@code setLimit}: {@code setMaxRows};
 *       {@code execute}, {@code getResultSet}, {@code getMoreResults},
 *       {@code getUpdateCount}), exec/JDBCColumnMetaData.java (the ResultSetMetaData getters),
 *       struct/JDBCTable.java ({@code readData}: {@code SELECT * FROM schema.table}, fetch loop),
 *       cache/JDBCBasicDataTypeCache.java ({@code getTypeInfo});</li>
 *   <li>plugins/org.jkiss.dbeaver.model/src/org/jkiss/dbeaver/model/DBUtils.java
 *       ({@code makeStatement}) and .../model/exec/DBExecUtils.java
 *       ({@code setStatementFetchSize});</li>
 *   <li>plugins/org.jkiss.dbeaver.ext.generic/src/org/jkiss/dbeaver/ext/generic/model/
 *       GenericDataSource.java ({@code initialize}: type cache, {@code getCatalogs}, schemas;
 *       {@code populateClientAppName}: client info, in DBeaver's generic-based plugins;
 *       {@code TableTypeCache}), GenericExecutionContext.java ({@code getCatalog}, then
 *       {@code getSchema}; {@code setSchema} as the active schema), meta/GenericMetaModel.java
 *       ({@code loadSchemas}: {@code getSchemas(null, "%")}, else {@code getSchemas()};
 *       {@code loadProcedures}: {@code getFunctions} then {@code getProcedures}; tables, columns,
 *       primary and imported keys), IndexCache.java ({@code getIndexInfo(…, false, true)}),
 *       GenericTableBase.java ({@code getExportedKeys}), GenericProcedure.java (procedure and
 *       function columns), GenericObjectContainer.java ({@code cacheStructure}: every table
 *       at once).</li>
 * </ul>
 *
 * <p>Not from DBeaver's generic plugin but asked by other tools, so replayed too: best row
 * identifier, table and column privileges, pseudo and version columns, super tables, UDTs. Not
 * replayed: the row-count property, which DBeaver computes only on request with
 * {@code SELECT COUNT(*)}.
 *
 * <p>"Quickly" is proved by requests, not timings: metadata reads no run pages, only the column
 * samples of the tables whose columns are asked for, and the data tab reads about 200 runs.
 */
public class DbeaverSequenceTest {
  /** Differs from the page size, so that column samples are told apart from data pages. */
  private static final int SAMPLE = 40;
  private static final int MAX_ROWS = 200;
  private static final List<String> TABLES = List.of("artifacts", "files", "history", "lineage",
      "projects", "runs", "sweeps", "system_metrics");
  /** The tables whose columns come from a sample of runs, one request each (RunsTable etc.). */
  private static final Set<String> SAMPLED = Set.of("runs", "history", "system_metrics");

  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  @BeforeEach
  void clear() {
    SERVER.server().clearRequests();
  }

  /** DBeaver's connection: the entity, and the project too when the URL names one. */
  private static Connection connect(boolean withProject) throws SQLException {
    Properties p = SERVER.properties("columnSampleSize", String.valueOf(SAMPLE));
    if (!withProject) {
      p.remove("project");
    }
    return DriverManager.getConnection(WandbDriver.PREFIX, p);
  }

  private static ProjectData project(String name) {
    return SERVER.server().data().project(ENTITY, name);
  }

  private static List<RecordedRequest> requests() {
    return SERVER.server().requests();
  }

  private static Map<String, Long> operations(List<RecordedRequest> requests) {
    return requests.stream().collect(Collectors.groupingBy(RecordedRequest::operationName,
        TreeMap::new, Collectors.counting()));
  }

  @ParameterizedTest(name = "project in URL: {0}")
  @ValueSource(booleans = {false, true})
  void navigatorAndTablesAnswerWithoutReadingRunPages(boolean withProject) throws SQLException {
    try (Connection c = connect(withProject)) {
      SERVER.server().clearRequests();
      DbeaverReplay dbeaver = new DbeaverReplay(c);

      Session session = dbeaver.connect();
      assertEquals("\"", session.quote());
      assertEquals("Weights & Biases", session.productName());
      assertTrue(session.valid());
      assertTrue(session.typeNames().containsAll(List.of("VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN",
          "TIMESTAMP", "ARRAY")), session.typeNames().toString());
      assertEquals(List.of(), session.catalogs(), "no catalogs: DBeaver shows schemas at the top");
      assertNull(session.catalog());
      assertEquals(withProject ? BIG_PROJECT : null, session.schema(),
          "the active schema DBeaver selects");
      Set<String> projects = SERVER.server().data().entity(ENTITY).orElseThrow().projects()
          .stream().map(ProjectData::name).collect(Collectors.toSet());
      assertEquals(projects, new HashSet<>(session.schemas()));

      for (String schema : List.of(BIG_PROJECT, SMALL_PROJECT)) {
        SchemaNode node = dbeaver.expandSchema(schema);
        assertEquals(TABLES, node.tables().stream().sorted().toList(), schema);
        assertTrue(node.tableTypes().contains("TABLE"));
        assertEquals(0, node.functions());
        assertEquals(0, node.procedures());
      }

      TableNode runs = dbeaver.openTable(BIG_PROJECT, "runs");
      assertEquals(Types.VARCHAR, runs.columnTypes().get("run_id"));
      assertEquals(Types.TIMESTAMP, runs.columnTypes().get("created_at"));
      assertEquals(Types.DOUBLE, runs.columnTypes().get("config.lr"), "sampled config keys");
      assertNotNull(runs.remarks().get("run_id"));
      assertNoKeysOrIndexes(runs);

      TableNode history = dbeaver.openTable(BIG_PROJECT, "history");
      assertEquals(Types.VARCHAR, history.columnTypes().get("run_id"));
      assertEquals(Types.BIGINT, history.columnTypes().get("step"));
      assertNoKeysOrIndexes(history);

      TableNode artifacts = dbeaver.openTable(BIG_PROJECT, "artifacts");
      assertEquals(Types.VARCHAR, artifacts.columnTypes().get("artifact_id"));
      assertEquals(Types.TIMESTAMP, artifacts.columnTypes().get("created_at"));
      assertNoKeysOrIndexes(artifacts);

      // The escaped pattern system\_metrics must find the table, not nothing.
      TableNode systemMetrics = dbeaver.openTable(BIG_PROJECT, "system_metrics");
      assertEquals(Types.VARCHAR, systemMetrics.columnTypes().get("run_id"));

      int columns = dbeaver.cacheStructure(BIG_PROJECT);
      assertTrue(columns > runs.columnTypes().size() + history.columnTypes().size(),
          "every table's columns: " + columns);

      List<RecordedRequest> metadata = requests();
      assertEquals(Map.of("Projects", 1L, "Runs", (long) SAMPLED.size()), operations(metadata),
          "metadata reads the project list once and one column sample per sampled table");
      List<RecordedRequest> samples = metadata.stream()
          .filter(r -> r.operationName().equals("Runs")).toList();
      for (RecordedRequest sample : samples) {
        assertEquals(SAMPLE, sample.variables().path("first").asInt(), "a sample, not a page");
        assertTrue(sample.variables().path("after").isNull(), "no paging: " + sample.variables());
        assertEquals(BIG_PROJECT, sample.variables().path("project").asText());
      }
      assertEquals(SAMPLED.size(), samples.stream().map(r -> r.variables().toString()).distinct()
          .count(), "one sample per table, none repeated");
    }
  }

  private static void assertNoKeysOrIndexes(TableNode table) {
    assertEquals(0, table.primaryKeys());
    assertEquals(0, table.importedKeys());
    assertEquals(0, table.exportedKeys());
    assertEquals(0, table.indexes());
  }

  @ParameterizedTest(name = "project in URL: {0}")
  @ValueSource(booleans = {false, true})
  void runsDataTabReadsAboutTwoHundredRuns(boolean withProject) throws SQLException {
    try (Connection c = connect(withProject)) {
      DbeaverReplay dbeaver = new DbeaverReplay(c);
      dbeaver.connect();
      dbeaver.openTable(BIG_PROJECT, "runs");
      SERVER.server().clearRequests();

      DataTab tab = dbeaver.readData("SELECT * FROM \"resnet-sweep\".runs", MAX_ROWS);

      assertEquals(MAX_ROWS, tab.rows().size());
      assertFalse(tab.moreResults());
      assertEquals(-1, tab.updateCount());
      ResultColumn runId = tab.columns().get(0);
      assertEquals(new ResultColumn("run_id", "run_id", Types.VARCHAR, "VARCHAR", "runs",
          BIG_PROJECT, null, runId.nullable(), false, true), runId);
      assertTrue(tab.columns().stream().allMatch(col -> "runs".equals(col.table())
          && BIG_PROJECT.equals(col.schema())), "DBeaver ties every column to the table");
      assertEquals(Types.TIMESTAMP, column(tab, "created_at").type());
      Set<String> runIds = project(BIG_PROJECT).runs().stream().map(RunData::name)
          .collect(Collectors.toSet());
      Set<Object> read = tab.rows().stream().map(r -> r.get(0)).collect(Collectors.toSet());
      assertEquals(MAX_ROWS, read.size(), "distinct runs");
      assertTrue(runIds.containsAll(read));

      List<RecordedRequest> pages = requests();
      assertEquals(Map.of("Runs", (long) pages.size()), operations(pages));
      int asked = pages.stream().mapToInt(r -> r.variables().path("first").asInt()).sum();
      assertTrue(pages.size() <= 2 && asked >= MAX_ROWS && asked <= MAX_ROWS + 50,
          "about 200 runs read, not pages beyond them: " + pages.size() + " requests for "
              + asked + " runs");
    }
  }

  @Test
  void historyAndArtifactsDataTabs() throws SQLException {
    try (Connection c = connect(true)) {
      DbeaverReplay dbeaver = new DbeaverReplay(c);
      dbeaver.connect();
      dbeaver.openTable(BIG_PROJECT, "history");
      SERVER.server().clearRequests();

      DataTab history = dbeaver.readData("SELECT * FROM \"resnet-sweep\".history", MAX_ROWS);
      assertEquals(MAX_ROWS, history.rows().size());
      assertEquals("history", column(history, "step").table());
      assertEquals(Types.BIGINT, column(history, "step").type());
      List<RecordedRequest> runPages = requests().stream()
          .filter(r -> r.operationName().startsWith("Runs")).toList();
      long runsRead = history.rows().stream().map(r -> r.get(0)).distinct().count();
      assertEquals(1, runPages.size(), "one page of runs for " + runsRead + " runs' history");
      assertTrue(runPages.get(0).variables().path("first").asInt() <= MAX_ROWS + 1);
      long historyRequests = requests().size() - runPages.size();
      assertTrue(historyRequests <= runsRead + 1,
          historyRequests + " history requests for rows of " + runsRead + " runs");

      SERVER.server().clearRequests();
      DataTab artifacts = dbeaver.readData("SELECT * FROM \"resnet-sweep\".artifacts", MAX_ROWS);
      int versions = project(BIG_PROJECT).artifacts().size();
      assertEquals(Math.min(MAX_ROWS, versions), artifacts.rows().size());
      assertEquals("artifacts", column(artifacts, "artifact_id").table());
      int idAt = artifacts.columns().indexOf(column(artifacts, "artifact_id"));
      Set<Object> ids = artifacts.rows().stream().map(r -> r.get(idAt)).collect(Collectors.toSet());
      assertEquals(artifacts.rows().size(), ids.size(), "distinct versions");
      assertTrue(project(BIG_PROJECT).artifacts().stream().map(a -> a.id())
          .collect(Collectors.toSet()).containsAll(ids));
      assertFalse(operations(requests()).containsKey("Runs"), "artifacts need no runs");
    }
  }

  private static ResultColumn column(DataTab tab, String label) {
    return tab.columns().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
  }

  @Test
  void activeSchemaIsWhatUnqualifiedQueriesRead() throws SQLException {
    try (Connection c = connect(false)) {
      DbeaverReplay dbeaver = new DbeaverReplay(c);
      assertNull(dbeaver.connect().schema());

      // GenericExecutionContext.setDefaultSchema: the schema picked in DBeaver's toolbar.
      c.setSchema(SMALL_PROJECT);
      assertEquals(SMALL_PROJECT, c.getSchema());
      SERVER.server().clearRequests();
      DataTab small = dbeaver.readData("SELECT * FROM runs", MAX_ROWS);
      Set<String> smallRuns = project(SMALL_PROJECT).runs().stream().map(RunData::name)
          .collect(Collectors.toSet());
      assertEquals(smallRuns, small.rows().stream().map(r -> (String) r.get(0))
          .collect(Collectors.toSet()), "all of " + SMALL_PROJECT + "'s runs, fewer than 200");
      assertEquals(SMALL_PROJECT, column(small, "run_id").schema());
      assertTrue(requests().stream().allMatch(r -> SMALL_PROJECT.equals(
          r.variables().path("project").asText())), "only " + SMALL_PROJECT + " was read");

      c.setSchema(BIG_PROJECT);
      assertEquals(BIG_PROJECT, c.getSchema());
      DataTab big = dbeaver.readData("SELECT * FROM runs", MAX_ROWS);
      assertEquals(MAX_ROWS, big.rows().size());
      assertEquals(BIG_PROJECT, column(big, "run_id").schema());
    }
  }

  /** DBeaver's "Production" connection type turns auto-commit off and commits after connecting. */
  @Test
  void manualCommitModeCommitsAndRollsBackNothing() throws SQLException {
    Connection c = connect(true);
    c.setAutoCommit(false);
    c.commit();
    c.rollback();
    try (var st = c.createStatement();
        var rs = st.executeQuery("SELECT COUNT(*) FROM \"bert-finetune\".runs")) {
      assertTrue(rs.next());
      assertEquals(project(SMALL_PROJECT).runs().size(), rs.getLong(1));
    }
    c.commit();
    c.close();
    assertEquals("08003", assertThrows(SQLException.class, c::commit).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, c::rollback).getSQLState());
  }

  /** DBeaver's generic-based plugins name themselves as ApplicationName. */
  @Test
  void clientInfoIsKeptForTheConnection() throws SQLException {
    Connection c = connect(true);
    assertNull(c.getClientInfo("ApplicationName"));
    c.setClientInfo("ApplicationName", "DBeaver 25.2.0 - Main");
    assertEquals("DBeaver 25.2.0 - Main", c.getClientInfo("ApplicationName"));
    Properties all = new Properties();
    all.setProperty("ClientUser", "analyst");
    c.setClientInfo(all);
    assertEquals(all, c.getClientInfo());
    assertNull(c.getClientInfo("ApplicationName"), "setClientInfo(Properties) replaces all");
    c.setClientInfo("ClientUser", null);
    assertTrue(c.getClientInfo().isEmpty());
    c.close();
    SQLClientInfoException e = assertThrows(SQLClientInfoException.class,
        () -> c.setClientInfo("ApplicationName", "x"));
    assertEquals("08003", e.getSQLState());
    assertTrue(e.getFailedProperties().containsKey("ApplicationName"));
  }
}
