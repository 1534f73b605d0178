package io.github.wandbjdbc.support;

import io.github.wandbjdbc.support.SqlCorpus.SqlInput;
import io.github.wandbjdbc.support.SqlCorpus.Target;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The SQL family: every statement of {@link SqlCorpus}, and prepared statements with bad
 * parameters, on the small project. Rows are correct when they equal those of a connection with
 * {@code pushdown=false}, where the driver evaluates everything itself.
 */
public final class BadSqlFamily {
  static final long SEED = 20_240_611L;
  private static final int QUERY_TIMEOUT_SECONDS = 30;

  /** Binds a prepared statement's parameters, possibly wrongly. */
  private interface Binding {
    void bind(PreparedStatement ps) throws Exception;
  }

  private record BoundInput(String label, String sql, Binding binding) {}

  private BadSqlFamily() {}

  public static CorpusTally run(TestServerExtension server) throws SQLException {
    CorpusTally tally = new CorpusTally("SQL", server.apiKey());
    try (Connection pushed = server.connect("project", TestServerExtension.SMALL_PROJECT,
            "maxRetries", "0");
        Connection local = server.connect("project", TestServerExtension.SMALL_PROJECT,
            "maxRetries", "0", "pushdown", "false")) {
      Target target = target(local);
      for (SqlInput input : SqlCorpus.generate(new Random(SEED), target)) {
        tally.attempt(input.label(), () -> sameAsLocal(pushed, local, input));
      }
      for (BoundInput input : preparedInputs(target)) {
        tally.attempt(input.label(), () -> sameAsLocal(pushed, local, input));
      }
    }
    return tally;
  }

  /** A run with history, a config column and a numeric summary column of the project. */
  private static Target target(Connection c) throws SQLException {
    String runId = (String) SqlRows.query(c, "SELECT run_id FROM runs WHERE history_line_count > 0"
        + " ORDER BY run_id LIMIT 1").get(0).get(0);
    DatabaseMetaData meta = c.getMetaData();
    String config = null;
    String summary = null;
    try (ResultSet rs = meta.getColumns(null, TestServerExtension.SMALL_PROJECT, "runs", "%")) {
      while (rs.next()) {
        String name = rs.getString("COLUMN_NAME");
        int type = rs.getInt("DATA_TYPE");
        if (config == null && name.startsWith("config.")) {
          config = name;
        }
        if (summary == null && name.startsWith("summary.") && type == Types.DOUBLE) {
          summary = name;
        }
      }
    }
    if (config == null || summary == null) {
      throw new IllegalStateException("the small project has no config or numeric summary column");
    }
    return new Target(runId, config, summary);
  }

  private static Optional<String> sameAsLocal(Connection pushed, Connection local, SqlInput input)
      throws SQLException {
    List<List<Object>> rows = execute(pushed, input.sql());
    List<List<Object>> expected;
    try {
      expected = execute(local, input.sql());
    } catch (SQLException e) {
      return Optional.of("pushdown=true gave " + rows.size() + " rows but pushdown=false failed: "
          + e.getSQLState() + " " + CorpusTally.shorten(String.valueOf(e.getMessage())));
    }
    return ResultRows.difference(rows, expected, input.ordered());
  }

  /** Any statement through {@code execute}: one that answers with an update count is wrong. */
  private static List<List<Object>> execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      if (!s.execute(sql)) {
        throw new AssertionError("executed as an update (count " + s.getUpdateCount() + ")");
      }
      try (ResultSet rs = s.getResultSet()) {
        return SqlRows.rows(rs);
      }
    }
  }

  private static Optional<String> sameAsLocal(Connection pushed, Connection local,
      BoundInput input) throws Exception {
    List<List<Object>> rows = executePrepared(pushed, input);
    List<List<Object>> expected;
    try {
      expected = executePrepared(local, input);
    } catch (SQLException e) {
      return Optional.of("pushdown=true gave " + rows.size() + " rows but pushdown=false failed: "
          + e.getSQLState() + " " + CorpusTally.shorten(String.valueOf(e.getMessage())));
    }
    return ResultRows.difference(rows, expected, false);
  }

  private static List<List<Object>> executePrepared(Connection c, BoundInput input)
      throws Exception {
    try (PreparedStatement ps = c.prepareStatement(input.sql())) {
      ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      input.binding().bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return SqlRows.rows(rs);
      }
    }
  }

  /** Every statement with every binding: most bindings are wrong for most statements. */
  private static List<BoundInput> preparedInputs(Target t) {
    String s = "\"" + t.summaryColumn() + "\"";
    List<String> statements = List.of(
        "SELECT run_id FROM runs WHERE run_id = ?",
        "SELECT run_id FROM runs WHERE created_at > ?",
        "SELECT run_id FROM runs WHERE " + s + " > ?",
        "SELECT run_id FROM runs ORDER BY run_id LIMIT ?",
        "SELECT run_id FROM runs WHERE ARRAY_CONTAINS(tags, ?)",
        "SELECT step FROM history WHERE run_id = ? AND step BETWEEN ? AND ?");
    Map<String, Binding> bindings = new java.util.LinkedHashMap<>();
    bindings.put("nothing bound", ps -> { });
    bindings.put("index 0", ps -> ps.setString(0, t.runId()));
    bindings.put("index -1", ps -> ps.setInt(-1, 1));
    bindings.put("index 99", ps -> ps.setInt(99, 1));
    bindings.put("the run id", ps -> ps.setString(1, t.runId()));
    bindings.put("a plain Object", ps -> ps.setObject(1, new Object()));
    bindings.put("a Map", ps -> ps.setObject(1, Map.of("a", 1)));
    bindings.put("a List", ps -> ps.setObject(1, List.of(1, 2)));
    bindings.put("bytes", ps -> ps.setBytes(1, new byte[] {0, -1}));
    bindings.put("garbage string", ps -> ps.setString(1, "garbage\u0000\ud83d\ude00"));
    bindings.put("100,000 chars", ps -> ps.setString(1, "y".repeat(100_000)));
    bindings.put("true", ps -> ps.setBoolean(1, true));
    bindings.put("NaN", ps -> ps.setDouble(1, Double.NaN));
    bindings.put("-Infinity", ps -> ps.setDouble(1, Double.NEGATIVE_INFINITY));
    bindings.put("500 digits", ps -> ps.setBigDecimal(1, new BigDecimal("9".repeat(500))));
    bindings.put("1e400", ps -> ps.setBigDecimal(1, new BigDecimal("1e400")));
    bindings.put("Long.MAX_VALUE", ps -> ps.setLong(1, Long.MAX_VALUE));
    bindings.put("-1", ps -> ps.setInt(1, -1));
    bindings.put("1.5", ps -> ps.setDouble(1, 1.5));
    bindings.put("timestamp at Long.MAX_VALUE", ps -> ps.setTimestamp(1,
        new Timestamp(Long.MAX_VALUE)));
    bindings.put("timestamp at Long.MIN_VALUE", ps -> ps.setTimestamp(1,
        new Timestamp(Long.MIN_VALUE)));
    bindings.put("null of type OTHER", ps -> ps.setNull(1, Types.OTHER));
    bindings.put("null of type ARRAY", ps -> ps.setNull(1, Types.ARRAY));
    bindings.put("string as INTEGER", ps -> ps.setObject(1, "x", Types.INTEGER));
    bindings.put("1.5 as TIMESTAMP", ps -> ps.setObject(1, 1.5, Types.TIMESTAMP));
    bindings.put("three bounds, reversed", ps -> {
      ps.setString(1, t.runId());
      ps.setLong(2, Long.MAX_VALUE);
      ps.setLong(3, Long.MIN_VALUE);
    });
    bindings.put("three bounds, strings", ps -> {
      ps.setString(1, t.runId());
      ps.setString(2, "a");
      ps.setString(3, "b");
    });
    bindings.put("bound, then cleared", ps -> {
      ps.setString(1, t.runId());
      ps.clearParameters();
    });
    List<BoundInput> out = new ArrayList<>();
    for (String sql : statements) {
      bindings.forEach((name, binding) ->
          out.add(new BoundInput("prepared " + sql + " with " + name, sql, binding)));
    }
    return out;
  }
}
