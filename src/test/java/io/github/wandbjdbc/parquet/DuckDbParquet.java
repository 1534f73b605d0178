package io.github.wandbjdbc.parquet;

import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB as an independent parquet implementation: it writes files with a given codec, page
 * version and row group size, and reads them back, so the reader's answers are compared with
 * another engine's rather than with themselves.
 */
final class DuckDbParquet implements AutoCloseable {
  private final Connection connection;

  DuckDbParquet() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = connection.createStatement()) {
      // One thread keeps a file's rows in the order they were written.
      s.execute("SET threads = 1");
      s.execute("SET preserve_insertion_order = true");
    }
  }

  /** Writes {@code select}'s rows to {@code file}. */
  void write(String select, Path file, String codec, String version, int rowGroupSize)
      throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("COPY (" + select + ") TO '" + file + "' (FORMAT PARQUET, COMPRESSION '" + codec
          + "', PARQUET_VERSION " + version + ", ROW_GROUP_SIZE " + rowGroupSize + ")");
    }
  }

  /** The rows DuckDB reads from {@code file}, as Java values (BLOBs as {@code byte[]}). */
  List<Object[]> read(Path file, List<String> columns) throws SQLException {
    String select = "SELECT " + String.join(", ", columns.stream().map(c -> '"' + c + '"').toList())
        + " FROM read_parquet('" + file + "')";
    List<Object[]> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(select)) {
      while (rs.next()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          Object value = rs.getObject(i + 1);
          row[i] = value instanceof Blob b ? b.getBytes(1, (int) b.length()) : value;
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Per row group, DuckDB's reading of the minimum and maximum statistics of {@code column}. */
  List<String[]> statistics(Path file, String column) throws SQLException {
    List<String[]> bounds = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT stats_min_value, stats_max_value FROM parquet_metadata('" + file
            + "') WHERE path_in_schema = '" + column + "' ORDER BY row_group_id")) {
      while (rs.next()) {
        bounds.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    return bounds;
  }

  /** The encodings DuckDB lists for the column chunks of {@code file}. */
  java.util.Set<String> encodings(Path file) throws SQLException {
    java.util.Set<String> found = new java.util.TreeSet<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT DISTINCT encodings FROM parquet_metadata('" + file + "')")) {
      while (rs.next()) {
        for (String e : rs.getString(1).split(",")) {
          found.add(e.trim());
        }
      }
    }
    return found;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
