package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.testserver.RecordedRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The JDBC calls DBeaver's generic driver support makes when it connects, fills its navigator
 * (schemas, tables, columns, keys, indexes, procedures) and opens a table's data tab, in that
 * order, as read in dbeaver/dbeaver: {@code plugins/org.jkiss.dbeaver.model.jdbc}
 * ({@code JDBCExecutionContext.connect}, {@code JDBCDataSourceInfo}, {@code JDBCBasicDataTypeCache})
 * and {@code plugins/org.jkiss.dbeaver.ext.generic} ({@code GenericDataSource.initialize},
 * {@code GenericMetaModel}: loadTables, loadProcedures, getTableColumns, constraints and indexes;
 * {@code GenericTableBase}). The driver is loaded and called directly, as DBeaver does, not
 * through DriverManager. Every call must answer, and metadata must not read runs.
 */
class DbeaverSequenceTest {
  @RegisterExtension
  static final TestServerExtension SERVER = new TestServerExtension();

  private static final Set<String> TABLES = Set.of("runs", "history", "system_metrics", "files",
      "artifacts", "lineage", "sweeps", "projects");
  /** Operations that read rows; metadata may not send any of them. */
  private static final Set<String> ROW_READS = Set.of("RunHistory", "RunSampledHistory",
      "RunEvents", "RunFiles", "ArtifactTypes", "ArtifactCollections", "ArtifactVersions",
      "RunInputArtifacts", "RunOutputArtifacts", "ArtifactUsage", "Sweeps", "RunCount");

  private final List<String> calls = new ArrayList<>();

  private Connection connectLikeDbeaver(String url) throws SQLException {
    Driver driver = new WandbDriver();
    Properties props = new Properties();
    // DBeaver sends its user and password fields; the key goes in the password.
    props.setProperty("user", "");
    props.setProperty("password", SERVER.apiKey());
    props.setProperty("baseUrl", SERVER.server().baseUrl());
    assertTrue(driver.acceptsURL(url));
    assertTrue(driver.getPropertyInfo(url, props).length > 5);
    return driver.connect(url, props);
  }

  @Test
  void connectBrowseAndOpenTablesAsDbeaverDoes() throws Exception {
    SERVER.server().clearRequests();
    try (Connection c = connectLikeDbeaver(
        "jdbc:wandb:entity=" + TestServerExtension.ENTITY + ";project=resnet-sweep")) {
      executionContext(c);
      DatabaseMetaData md = c.getMetaData();
      dataSourceInfo(md);
      navigatorRoots(md);
      for (String table : List.of("runs", "history", "artifacts", "system_metrics")) {
        tableNode(md, "resnet-sweep", table);
      }
      procedures(md, "resnet-sweep");
      assertNoRowsRead("metadata");

      SERVER.server().clearRequests();
      List<List<Object>> page = dataTab(c, "SELECT * FROM \"resnet-sweep\".runs");
      assertEquals(200, page.size(), "setMaxRows(200) gives 200 rows");
      List<RecordedRequest> runsPages = SERVER.server().requests().stream()
          .filter(r -> "Runs".equals(r.operationName())
              && !r.variables().get("withRunCount").asBoolean())
          .toList();
      int asked = runsPages.stream().mapToInt(r -> r.variables().get("first").asInt()).sum();
      assertTrue(asked >= 200 && asked <= 300 && runsPages.size() <= 3,
          "the data tab reads the pages for 200 runs, not the project: " + runsPages.size()
              + " pages, " + asked + " runs asked for");

      // The active-schema drop-down: setSchema, then unqualified names use it.
      c.setSchema("bert-finetune");
      assertEquals("bert-finetune", c.getSchema());
      List<List<Object>> bert = dataTab(c, "SELECT * FROM runs");
      assertEquals(SqlRows.query(SERVER.connect("project", "bert-finetune"),
          "SELECT COUNT(*) FROM runs").get(0).get(0), (long) bert.size());
      assertTrue(c.isValid(5));
    }
  }

  @Test
  void aConnectionWithoutAProjectListsEveryProjectAsASchema() throws Exception {
    SERVER.server().clearRequests();
    try (Connection c = connectLikeDbeaver("jdbc:wandb:entity=" + TestServerExtension.ENTITY)) {
      executionContext(c);
      DatabaseMetaData md = c.getMetaData();
      dataSourceInfo(md);
      List<String> schemas = navigatorRoots(md);
      assertEquals(List.of("bert-finetune", "resnet-sweep"), schemas);
      tableNode(md, "bert-finetune", "runs");
      assertNoRowsRead("metadata without a default project");
      c.setSchema("resnet-sweep");
      assertEquals(10, dataTab(c, "SELECT run_id FROM runs ORDER BY run_id LIMIT 10").size());
    }
  }

  /** JDBCExecutionContext.connect and its transaction settings. */
  private void executionContext(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(autoCommit);
    int isolation = c.getTransactionIsolation();
    assertTrue(isolation >= Connection.TRANSACTION_NONE);
    c.setReadOnly(true);
    assertTrue(c.isReadOnly());
    c.getCatalog();
    c.getClientInfo();
    c.getWarnings();
    c.clearWarnings();
    assertFalse(c.isClosed());
  }

  /** JDBCDataSourceInfo: what DBeaver records about the database and driver. */
  private void dataSourceInfo(DatabaseMetaData md) throws SQLException {
    assertNotNull(md.getDatabaseProductName());
    assertNotNull(md.getDatabaseProductVersion());
    assertEquals("wandb-jdbc", md.getDriverName());
    assertNotNull(md.getDriverVersion());
    assertEquals("\"", md.getIdentifierQuoteString());
    md.getSQLKeywords();
    md.getNumericFunctions();
    md.getStringFunctions();
    md.getSystemFunctions();
    md.getTimeDateFunctions();
    md.getSearchStringEscape();
    md.getExtraNameCharacters();
    md.getCatalogTerm();
    md.getSchemaTerm();
    md.getProcedureTerm();
    md.getCatalogSeparator();
    md.isCatalogAtStart();
    md.supportsTransactions();
    md.supportsSavepoints();
    md.supportsBatchUpdates();
    md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY);
    md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE);
    md.supportsMultipleResultSets();
    md.getDefaultTransactionIsolation();
    md.supportsSchemasInTableDefinitions();
    md.supportsSchemasInDataManipulation();
    md.supportsCatalogsInTableDefinitions();
    md.supportsCatalogsInDataManipulation();
    md.storesLowerCaseIdentifiers();
    md.storesUpperCaseIdentifiers();
    md.storesMixedCaseIdentifiers();
    md.storesMixedCaseQuotedIdentifiers();
    md.supportsMixedCaseIdentifiers();
    md.supportsMixedCaseQuotedIdentifiers();
    md.getMaxTableNameLength();
    md.getMaxColumnNameLength();
    md.getJDBCMajorVersion();
    assertTrue(md.isReadOnly());
    md.getURL();
    md.getUserName();
  }

  /** GenericDataSource.initialize: table types, catalogs, schemas, data types. */
  private List<String> navigatorRoots(DatabaseMetaData md) throws SQLException {
    List<String> types = column(md.getTableTypes(), "TABLE_TYPE");
    assertTrue(types.contains("TABLE"), types.toString());
    // Catalogs are not used: at most Calcite's one nameless root, which DBeaver skips.
    assertTrue(column(md.getCatalogs(), "TABLE_CAT").stream()
        .allMatch(name -> name == null || name.isEmpty()));
    List<String> schemas = column(md.getSchemas(), "TABLE_SCHEM");
    assertEquals(schemas, column(md.getSchemas(null, null), "TABLE_SCHEM"));
    List<String> typeNames = column(md.getTypeInfo(), "TYPE_NAME");
    assertTrue(typeNames.contains("VARCHAR") && typeNames.contains("TIMESTAMP")
        && typeNames.contains("DOUBLE"), typeNames.toString());
    for (String schema : schemas) {
      List<String> tables = column(md.getTables(null, schema, "%", null), "TABLE_NAME");
      assertEquals(TABLES, Set.copyOf(tables), schema);
      assertEquals(tables, column(md.getTables(null, schema, "%", new String[] {"TABLE"}),
          "TABLE_NAME"));
    }
    return schemas;
  }

  /** A table's node: columns, then its keys and indexes (GenericTableBase). */
  private void tableNode(DatabaseMetaData md, String schema, String table) throws SQLException {
    Map<String, Integer> columns = new TreeMap<>();
    try (ResultSet rs = md.getColumns(null, schema, table, "%")) {
      while (rs.next()) {
        columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
        rs.getString("TYPE_NAME");
        rs.getInt("COLUMN_SIZE");
        rs.getInt("NULLABLE");
        rs.getString("REMARKS");
        rs.getInt("ORDINAL_POSITION");
        rs.getString("IS_NULLABLE");
        rs.getString("IS_AUTOINCREMENT");
      }
    }
    String key = table.equals("artifacts") ? "artifact_id" : "run_id";
    assertEquals(Types.VARCHAR, columns.get(key), table + " columns: " + columns);
    if (table.equals("runs")) {
      assertEquals(Types.TIMESTAMP, columns.get("created_at"));
      assertEquals(Types.ARRAY, columns.get("tags"));
      assertTrue(columns.keySet().stream().anyMatch(n -> n.startsWith("config.")),
          columns.toString());
    }
    expectEmpty(md.getPrimaryKeys(null, schema, table), "PK_NAME");
    expectEmpty(md.getImportedKeys(null, schema, table), "FKTABLE_NAME");
    expectEmpty(md.getExportedKeys(null, schema, table), "PKTABLE_NAME");
    expectEmpty(md.getIndexInfo(null, schema, table, false, true), "INDEX_NAME");
    expectEmpty(md.getBestRowIdentifier(null, schema, table, DatabaseMetaData.bestRowSession,
        true), "COLUMN_NAME");
    expectEmpty(md.getTablePrivileges(null, schema, table), "PRIVILEGE");
    expectEmpty(md.getSuperTables(null, schema, table), "SUPERTABLE_NAME");
    expectEmpty(md.getPseudoColumns(null, schema, table, "%"), "COLUMN_NAME");
  }

  /** GenericMetaModel.loadProcedures: none, in valid result sets. */
  private void procedures(DatabaseMetaData md, String schema) throws SQLException {
    expectEmpty(md.getProcedures(null, schema, "%"), "PROCEDURE_NAME");
    expectEmpty(md.getProcedureColumns(null, schema, "%", "%"), "COLUMN_NAME");
    expectEmpty(md.getUDTs(null, schema, "%", null), "TYPE_NAME");
    // Functions may list Calcite's built-ins or nothing; the call must answer.
    try (ResultSet rs = md.getFunctions(null, schema, "%")) {
      rs.getMetaData().getColumnCount();
      while (rs.next()) {
        rs.getString("FUNCTION_NAME");
      }
    }
  }

  /** The data tab: a forward-only statement limited to 200 rows, then cell by cell. */
  private List<List<Object>> dataTab(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY,
        ResultSet.CONCUR_READ_ONLY)) {
      s.setFetchSize(200);
      s.setMaxRows(200);
      assertTrue(s.execute(sql));
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet rs = s.getResultSet()) {
        ResultSetMetaData meta = rs.getMetaData();
        forEachColumn(meta, i -> {
          try {
            meta.getColumnLabel(i);
            meta.getColumnName(i);
            meta.getColumnType(i);
            meta.getColumnTypeName(i);
            meta.getPrecision(i);
            meta.getScale(i);
            meta.isNullable(i);
            meta.getTableName(i);
            meta.getSchemaName(i);
            meta.getCatalogName(i);
            meta.isAutoIncrement(i);
            meta.isReadOnly(i);
            meta.getColumnClassName(i);
          } catch (SQLException e) {
            throw new AssertionError(e);
          }
        });
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
      }
      assertEquals(-1, s.getUpdateCount());
      assertFalse(s.getMoreResults());
      return rows;
    }
  }

  private static void forEachColumn(ResultSetMetaData meta, Consumer<Integer> action)
      throws SQLException {
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      action.accept(i);
    }
  }

  private void assertNoRowsRead(String what) {
    List<RecordedRequest> requests = SERVER.server().requests();
    for (RecordedRequest r : requests) {
      assertFalse(ROW_READS.contains(r.operationName()), what + " read rows: " + r.operationName());
      if ("Runs".equals(r.operationName())) {
        assertTrue(r.variables().get("after").isNull(), what + " paged through runs");
        assertTrue(r.variables().get("withRunCount").asBoolean(),
            what + " read runs other than a column sample: " + r.variables());
      }
    }
  }

  private static void expectEmpty(ResultSet rs, String column) throws SQLException {
    try (rs) {
      rs.findColumn(column);
      assertFalse(rs.next(), column + " of a table without keys, indexes or privileges");
    }
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString(name));
      }
    }
    return out;
  }
}
