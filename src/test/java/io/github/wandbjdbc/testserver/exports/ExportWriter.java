package io.github.wandbjdbc.testserver.exports;

import io.github.wandbjdbc.testserver.data.JsonValues;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes history rows as W&B's exports lay them out (docs/WIRE.md, RunParquetHistory), with
 * DuckDB, an independent parquet writer: one column per top-level key, in the order keys first
 * appear; {@code _step} as DOUBLE; a key of whole numbers only as BIGINT, of numbers as DOUBLE
 * (NaN and ±Infinity included), of booleans as BOOLEAN, of text as VARCHAR; any other key
 * (objects, lists, media, keys of several types) as a BLOB of JSON. SNAPPY, row groups of
 * {@code rowGroupRows}.
 */
final class ExportWriter {
  enum Kind { BIGINT, DOUBLE, BOOLEAN, VARCHAR, BLOB }

  private final JsonValues json;
  /** One in-memory DuckDB for every file: starting a database per file cost ~40 ms each. */
  private DuckDBConnection duck;
  private long tables;

  ExportWriter(JsonValues json) {
    this.json = json;
  }

  /** The columns of {@code rows}: keys in first-appearance order, each with its kind. */
  static Map<String, Kind> columns(List<Map<String, Object>> rows) {
    Map<String, Kind> kinds = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      row.forEach((key, value) -> {
        if (value != null) {
          Kind kind = key.equals("_step") ? Kind.DOUBLE : kindOf(value);
          kinds.merge(key, kind, ExportWriter::widen);
        } else {
          kinds.putIfAbsent(key, null);
        }
      });
    }
    kinds.replaceAll((k, v) -> v == null ? Kind.BLOB : v);
    return kinds;
  }

  private static Kind kindOf(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return Kind.DOUBLE;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return Kind.BIGINT;
    }
    if (value instanceof Boolean) {
      return Kind.BOOLEAN;
    }
    if (value instanceof String) {
      return Kind.VARCHAR;
    }
    return Kind.BLOB;
  }

  private static Kind widen(Kind a, Kind b) {
    if (a == null || a == b) {
      return b;
    }
    if (b == null) {
      return a;
    }
    boolean numbers = (a == Kind.BIGINT || a == Kind.DOUBLE) && (b == Kind.BIGINT || b == Kind.DOUBLE);
    return numbers ? Kind.DOUBLE : Kind.BLOB;
  }

  /** Writes {@code rows} (in step order) to {@code file}; one file at a time. */
  synchronized void write(List<Map<String, Object>> rows, Map<String, Kind> columns, Path file,
      int rowGroupRows) throws SQLException {
    if (duck == null) {
      duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = duck.createStatement()) {
        s.execute("SET threads = 1");
        s.execute("SET preserve_insertion_order = true");
      }
    }
    String table = "h" + tables++;
    try (Statement s = duck.createStatement()) {
      List<String> defs = new ArrayList<>();
      columns.forEach((name, kind) -> defs.add(quoted(name) + " " + kind));
      s.execute("CREATE TABLE " + table + " (" + String.join(", ", defs) + ")");
      try {
        try (DuckDBAppender appender = duck.createAppender("main", table)) {
          for (Map<String, Object> row : rows) {
            appender.beginRow();
            for (Map.Entry<String, Kind> column : columns.entrySet()) {
              append(appender, column.getValue(), row.get(column.getKey()));
            }
            appender.endRow();
          }
        }
        s.execute("COPY " + table + " TO '" + file.toString().replace("'", "''")
            + "' (FORMAT PARQUET, COMPRESSION 'snappy', ROW_GROUP_SIZE " + rowGroupRows + ")");
      } finally {
        s.execute("DROP TABLE " + table);
      }
    }
  }

  /** Closes the DuckDB database, if one was opened. */
  synchronized void close() throws SQLException {
    if (duck != null) {
      duck.close();
      duck = null;
    }
  }

  private void append(DuckDBAppender appender, Kind kind, Object value) throws SQLException {
    if (value == null) {
      appender.appendNull();
      return;
    }
    switch (kind) {
      case DOUBLE -> appender.append(((Number) value).doubleValue());
      case BIGINT -> appender.append(((Number) value).longValue());
      case BOOLEAN -> appender.append((Boolean) value);
      case VARCHAR -> appender.append((String) value);
      case BLOB -> appender.append(json.toJsonString(value).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
