package io.github.wandbjdbc.support;

import io.github.wandbjdbc.jdbc.DbeaverSequenceTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JDBC calls DBeaver's generic plugin makes, in its order, phase by phase; each phase names
 * the DBeaver class it follows (repository dbeaver/dbeaver, see {@link DbeaverSequenceTest} for
 * the paths). DBeaver catches and logs most failures; here every call must answer, so a driver
 * that only gets by on DBeaver's tolerance fails. Result sets are checked for the columns JDBC
 * specifies, since DBeaver reads them by name.
 */
public final class DbeaverReplay {
  /** DBeaver's {@code getAllObjectsPattern()}. */
  static final String ALL = "%";

  private final Connection connection;
  private DatabaseMetaData md;
  /** {@code getSearchStringEscape()}, with which DBeaver escapes names used as patterns. */
  private String escape;

  public DbeaverReplay(Connection connection) {
    this.connection = connection;
  }

  /** What DBeaver knows after connecting. */
  public record Session(String catalog, String schema, List<String> catalogs, List<String> schemas,
      List<String> typeNames, String quote, String productName, boolean valid) {}

  /** What the navigator shows under one schema. */
  public record SchemaNode(List<String> tables, List<String> tableTypes, int functions, int procedures) {}

  /** What a table's editor shows besides its data. */
  public record TableNode(Map<String, Integer> columnTypes, Map<String, String> remarks, int primaryKeys,
      int importedKeys, int exportedKeys, int indexes) {}

  /** One column as {@code JDBCColumnMetaData} reads it from a result set. */
  public record ResultColumn(String label, String name, int type, String typeName, String table,
      String schema, String catalog, int nullable, boolean autoIncrement, boolean readOnly) {}

  /** A data tab: its columns and rows. */
  public record DataTab(List<ResultColumn> columns, List<List<Object>> rows, boolean moreResults,
      int updateCount) {}

  /**
   * Connecting: {@code JDBCDataSource.openConnection} (read-only if the connection is marked so),
   * {@code GenericDataSource.populateClientAppName} (DBeaver's generic subclasses),
   * {@code JDBCExecutionContext.connect} (auto-commit), {@code JDBCDataSource.initialize},
   * {@code JDBCSQLDialect.initDriverSettings}, {@code JDBCDataSourceInfo},
   * {@code GenericDataSource.initialize} (type cache, catalogs, schemas),
   * {@code GenericExecutionContext.determineSelectedEntity} (catalog, else schema), then the
   * context's transaction state and {@code JDBCUtils.isConnectionAlive}.
   */
  public Session connect() throws SQLException {
    connection.setReadOnly(true);
    md = connection.getMetaData();
    try (ResultSet clientInfo = md.getClientInfoProperties()) {
      rows(clientInfo, "NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION");
    }
    connection.setClientInfo("ApplicationName", "DBeaver 25.2.0 - Main <wandb>");
    connection.setAutoCommit(true);
    boolean autoCommit = connection.getAutoCommit();
    assertTrue(autoCommit, "auto-commit as DBeaver set it");

    md.getDatabaseMajorVersion();
    md.getDatabaseMinorVersion();

    String quote = md.getIdentifierQuoteString();
    md.getSQLStateType();
    boolean subqueries = md.supportsCorrelatedSubqueries() || md.supportsSubqueriesInComparisons()
        || md.supportsSubqueriesInExists() || md.supportsSubqueriesInIns()
        || md.supportsSubqueriesInQuantifieds();
    assertTrue(subqueries);
    md.supportsMixedCaseIdentifiers();
    md.supportsMixedCaseQuotedIdentifiers();
    md.storesUpperCaseIdentifiers();
    md.storesLowerCaseIdentifiers();
    md.storesUpperCaseQuotedIdentifiers();
    md.storesLowerCaseQuotedIdentifiers();
    escape = md.getSearchStringEscape();
    md.getCatalogSeparator();
    md.supportsCatalogsInDataManipulation();
    md.supportsCatalogsInTableDefinitions();
    md.supportsCatalogsInProcedureCalls();
    md.supportsCatalogsInIndexDefinitions();
    md.supportsCatalogsInPrivilegeDefinitions();
    assertTrue(md.supportsSchemasInDataManipulation(), "schema-qualified SELECTs work");
    md.supportsSchemasInTableDefinitions();
    md.supportsSchemasInProcedureCalls();
    md.supportsSchemasInIndexDefinitions();
    md.supportsSchemasInPrivilegeDefinitions();
    md.getExtraNameCharacters();
    md.isCatalogAtStart();
    assertFalse(md.getSQLKeywords().isBlank(), "keywords for highlighting");
    for (String functions : List.of(md.getNumericFunctions(), md.getStringFunctions(),
        md.getSystemFunctions(), md.getTimeDateFunctions())) {
      assertTrue(functions != null && !functions.isBlank(), "function lists for autocompletion");
    }

    md.isReadOnly();
    String productName = md.getDatabaseProductName();
    md.getDatabaseProductVersion();
    md.getDriverName();
    md.getDriverVersion();
    md.getSchemaTerm();
    md.getProcedureTerm();
    md.getCatalogTerm();
    md.supportsBatchUpdates();
    if (md.supportsTransactions()) {
      for (int level : new int[] {Connection.TRANSACTION_READ_UNCOMMITTED,
          Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
          Connection.TRANSACTION_SERIALIZABLE}) {
        md.supportsTransactionIsolationLevel(level);
      }
    }

    List<String> typeNames = new ArrayList<>();
    try (ResultSet rs = md.getTypeInfo()) {
      for (Map<String, Object> row : rows(rs, "TYPE_NAME", "DATA_TYPE", "PRECISION",
          "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS", "NULLABLE", "CASE_SENSITIVE",
          "SEARCHABLE", "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE", "AUTO_INCREMENT",
          "LOCAL_TYPE_NAME", "MINIMUM_SCALE", "MAXIMUM_SCALE", "SQL_DATA_TYPE",
          "SQL_DATETIME_SUB", "NUM_PREC_RADIX")) {
        typeNames.add((String) row.get("TYPE_NAME"));
      }
    }
    List<String> catalogs = new ArrayList<>();
    try (ResultSet rs = md.getCatalogs()) {
      // DBeaver skips rows without a name, as drivers without catalogs give.
      rows(rs, "TABLE_CAT").stream().map(r -> (String) r.get("TABLE_CAT"))
          .filter(n -> n != null && !n.isEmpty()).forEach(catalogs::add);
    }
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = md.getSchemas(null, ALL)) {
      rows(rs, "TABLE_SCHEM", "TABLE_CATALOG").forEach(r -> schemas.add((String) r.get("TABLE_SCHEM")));
    }
    List<String> plainSchemas = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      rows(rs, "TABLE_SCHEM", "TABLE_CATALOG").forEach(r -> plainSchemas.add((String) r.get("TABLE_SCHEM")));
    }
    assertEquals(schemas, plainSchemas, "getSchemas() and getSchemas(null, \"%\") agree");

    String catalog = connection.getCatalog();
    String schema = connection.getSchema();

    connection.getTransactionIsolation();
    connection.getWarnings();
    connection.clearWarnings();
    boolean valid = connection.isValid(5);
    return new Session(catalog, schema, catalogs, schemas, typeNames, quote, productName, valid);
  }

  /**
   * Expanding a schema: {@code GenericDataSource.TableTypeCache},
   * {@code GenericMetaModel.prepareTableLoadStatement} and {@code GenericMetaModel.loadProcedures}
   * (functions first, then procedures), the schema name escaped as a pattern.
   */
  public SchemaNode expandSchema(String schema) throws SQLException {
    List<String> tableTypes = new ArrayList<>();
    try (ResultSet rs = md.getTableTypes()) {
      rows(rs, "TABLE_TYPE").forEach(r -> tableTypes.add((String) r.get("TABLE_TYPE")));
    }
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, pattern(schema), ALL, null)) {
      for (Map<String, Object> row : rows(rs, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
          "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME",
          "SELF_REFERENCING_COL_NAME", "REF_GENERATION")) {
        assertEquals(schema, row.get("TABLE_SCHEM"));
        tables.add((String) row.get("TABLE_NAME"));
      }
    }
    int functions;
    try (ResultSet rs = md.getFunctions(null, pattern(schema), ALL)) {
      functions = rows(rs, "FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS",
          "FUNCTION_TYPE", "SPECIFIC_NAME").size();
    }
    int procedures;
    try (ResultSet rs = md.getProcedures(null, pattern(schema), ALL)) {
      procedures = rows(rs, "PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", null, null,
          null, "REMARKS", "PROCEDURE_TYPE", "SPECIFIC_NAME").size();
    }
    // GenericProcedure.loadProcedureColumns, for any procedure or function listed.
    try (ResultSet rs = md.getProcedureColumns(null, pattern(schema), ALL, ALL)) {
      rows(rs, "PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME", "COLUMN_TYPE",
          "DATA_TYPE", "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS");
    }
    try (ResultSet rs = md.getFunctionColumns(null, pattern(schema), ALL, ALL)) {
      rows(rs, "FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "COLUMN_NAME", "COLUMN_TYPE",
          "DATA_TYPE", "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS");
    }
    return new SchemaNode(tables, tableTypes, functions, procedures);
  }

  /**
   * Opening a table (columns, keys, foreign keys, references, indexes):
   * {@code GenericMetaModel.prepareTableColumnLoadStatement},
   * {@code prepareUniqueConstraintsLoadStatement}, {@code prepareForeignKeysLoadStatement},
   * {@code IndexCache.prepareObjectsStatement} ({@code false, true}),
   * {@code GenericTableBase.loadReferenceInfoList}; then what other tools and DBeaver's
   * result-set viewer ask of a table (best row identifier, privileges, pseudo and version
   * columns, super tables), which the generic plugin itself does not.
   */
  public TableNode openTable(String schema, String table) throws SQLException {
    Map<String, Integer> types = new LinkedHashMap<>();
    Map<String, String> remarks = new LinkedHashMap<>();
    try (ResultSet rs = md.getColumns(null, pattern(schema), pattern(table), ALL)) {
      for (Map<String, Object> row : rows(rs, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
          "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH",
          "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF",
          "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION",
          "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE",
          "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN")) {
        assertEquals(table, row.get("TABLE_NAME"), "the escaped pattern matches only " + table);
        String name = (String) row.get("COLUMN_NAME");
        types.put(name, ((Number) row.get("DATA_TYPE")).intValue());
        remarks.put(name, (String) row.get("REMARKS"));
      }
    }
    int primaryKeys;
    try (ResultSet rs = md.getPrimaryKeys(null, schema, table)) {
      primaryKeys = rows(rs, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ",
          "PK_NAME").size();
    }
    int imported;
    try (ResultSet rs = md.getImportedKeys(null, schema, table)) {
      imported = rows(rs, KEY_COLUMNS).size();
    }
    int indexes;
    try (ResultSet rs = md.getIndexInfo(null, schema, table, false, true)) {
      indexes = rows(rs, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE",
          "INDEX_QUALIFIER", "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME",
          "ASC_OR_DESC", "CARDINALITY", "PAGES", "FILTER_CONDITION").size();
    }
    int exported;
    try (ResultSet rs = md.getExportedKeys(null, schema, table)) {
      exported = rows(rs, KEY_COLUMNS).size();
    }

    try (ResultSet rs = md.getBestRowIdentifier(null, schema, table,
        DatabaseMetaData.bestRowSession, true)) {
      rows(rs, "SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH",
          "DECIMAL_DIGITS", "PSEUDO_COLUMN");
    }
    try (ResultSet rs = md.getTablePrivileges(null, pattern(schema), pattern(table))) {
      rows(rs, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE",
          "IS_GRANTABLE");
    }
    try (ResultSet rs = md.getColumnPrivileges(null, schema, table, ALL)) {
      rows(rs, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "GRANTOR", "GRANTEE",
          "PRIVILEGE", "IS_GRANTABLE");
    }
    try (ResultSet rs = md.getPseudoColumns(null, pattern(schema), pattern(table), ALL)) {
      rows(rs, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE",
          "COLUMN_SIZE", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "COLUMN_USAGE", "REMARKS",
          "CHAR_OCTET_LENGTH", "IS_NULLABLE");
    }
    try (ResultSet rs = md.getVersionColumns(null, schema, table)) {
      rows(rs, "SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH",
          "DECIMAL_DIGITS", "PSEUDO_COLUMN");
    }
    try (ResultSet rs = md.getSuperTables(null, pattern(schema), pattern(table))) {
      rows(rs, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "SUPERTABLE_NAME");
    }
    return new TableNode(types, remarks, primaryKeys, imported, exported, indexes);
  }

  /**
   * {@code GenericObjectContainer.cacheStructure}, run for SQL autocompletion: every table's
   * columns, keys, indexes and foreign keys of a schema at once ({@code "%"} as table), and
   * {@code getUDTs} for the data type cache of DBeaver's extended plugins.
   */
  public int cacheStructure(String schema) throws SQLException {
    int columns;
    try (ResultSet rs = md.getColumns(null, pattern(schema), ALL, ALL)) {
      columns = rows(rs, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME").size();
    }
    try (ResultSet rs = md.getPrimaryKeys(null, schema, ALL)) {
      rows(rs, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME");
    }
    try (ResultSet rs = md.getIndexInfo(null, schema, ALL, false, true)) {
      rows(rs, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE");
    }
    try (ResultSet rs = md.getImportedKeys(null, schema, ALL)) {
      rows(rs, KEY_COLUMNS);
    }
    try (ResultSet rs = md.getUDTs(null, pattern(schema), ALL, null)) {
      rows(rs, "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE", "REMARKS",
          "BASE_TYPE");
    }
    return columns;
  }

  /**
   * The data tab: {@code JDBCTable.readData} through {@code DBUtils.makeStatement} —
   * {@code JDBCConnectionImpl.prepareStatement} for a script ({@code createStatement} forward-only,
   * read-only), {@code JDBCStatementImpl.setLimit} ({@code setMaxRows}),
   * {@code DBExecUtils.setStatementFetchSize}, {@code execute}, {@code getResultSet}, every
   * column's metadata as {@code JDBCColumnMetaData} reads it, and rows fetched as
   * {@code readData} does: {@code next()} first, then the check that enough rows came. The SQL
   * editor then asks {@code SQLQueryJob}'s questions: more results, update count, warnings.
   */
  public DataTab readData(String sql, int maxRows) throws SQLException {
    try (Statement st = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
        ResultSet.CONCUR_READ_ONLY)) {
      st.setMaxRows(maxRows);
      st.setFetchSize(maxRows);
      assertTrue(st.execute(sql), "a SELECT gives a result set");
      List<ResultColumn> columns = new ArrayList<>();
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet rs = st.getResultSet()) {
        ResultSetMetaData m = rs.getMetaData();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          m.isWritable(i);
          m.getColumnDisplaySize(i);
          columns.add(new ResultColumn(m.getColumnLabel(i), m.getColumnName(i), m.getColumnType(i),
              m.getColumnTypeName(i), m.getTableName(i), m.getSchemaName(i), m.getCatalogName(i),
              m.isNullable(i), m.isAutoIncrement(i), m.isReadOnly(i)));
          m.getPrecision(i);
          m.getScale(i);
        }
        while (rs.next()) {
          if (rows.size() >= maxRows) {
            break;
          }
          List<Object> row = new ArrayList<>(columns.size());
          for (int i = 1; i <= columns.size(); i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
      }
      boolean more = st.getMoreResults();
      int updateCount = st.getUpdateCount();
      st.getWarnings();
      return new DataTab(columns, rows, more, updateCount);
    }
  }

  /** {@code JDBCUtils.escapeWildCards}: a name used as a pattern, its wildcards escaped. */
  private String pattern(String name) {
    if (escape == null || escape.isBlank()) {
      return name;
    }
    return name.replace("%", escape + "%").replace("_", escape + "_");
  }

  /**
   * The leading columns of {@code getImportedKeys} and {@code getExportedKeys}. The 14th,
   * JDBC's {@code DEFERRABILITY}, is spelt {@code DEFERABILITY} by Avatica; DBeaver reads it
   * leniently and the result sets are empty, so it is not checked.
   */
  private static final String[] KEY_COLUMNS = {"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME",
      "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ",
      "UPDATE_RULE", "DELETE_RULE", "FK_NAME", "PK_NAME"};

  /**
   * Every row by column label, after checking that the result set begins with the columns JDBC
   * specifies ({@code null} for reserved columns whose names JDBC leaves open).
   */
  static List<Map<String, Object>> rows(ResultSet rs, String... jdbcColumns) throws SQLException {
    ResultSetMetaData m = rs.getMetaData();
    assertTrue(m.getColumnCount() >= jdbcColumns.length,
        "at least " + jdbcColumns.length + " columns, got " + m.getColumnCount());
    for (int i = 0; i < jdbcColumns.length; i++) {
      if (jdbcColumns[i] != null) {
        assertEquals(jdbcColumns[i], m.getColumnLabel(i + 1), "column " + (i + 1));
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= m.getColumnCount(); i++) {
        row.put(m.getColumnLabel(i), rs.getObject(i));
      }
      rows.add(row);
    }
    return rows;
  }
}
