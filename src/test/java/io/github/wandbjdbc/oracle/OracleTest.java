package io.github.wandbjdbc.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.support.TestServerExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/**
 * The driver agrees with PostgreSQL on every case of the corpus, with pushdown on and off and
 * with several page sizes. Maven also runs this class in JVMs whose time zone is New York's and
 * Kolkata's ({@code wandbjdbc.oracle.configurations=basic}: with pushdown, default pages only).
 */
class OracleTest extends OracleCases {
  @RegisterExtension
  static final OracleDatabase ORACLE = new OracleDatabase(b -> b, "oracle_default");
  private static final TestServerExtension SERVER = ORACLE.server();

  OracleTest() {
    super(ORACLE, configurations());
  }

  private static List<Map<String, String>> configurations() {
    Map<String, String> pushing = Map.of("pushdown", "true");
    if ("basic".equals(System.getProperty("wandbjdbc.oracle.configurations"))) {
      return List.of(pushing);
    }
    return List.of(pushing, Map.of("pushdown", "false"), Map.of("pushdown", "true", "pageSize", "7"),
        Map.of("pushdown", "false", "pageSize", "29"));
  }

  /**
   * The driver's columns are the README's, worked out independently from the same answers:
   * names and JDBC types of {@code runs} and {@code history} in every loaded project.
   */
  @Test
  void columnsAreTheDocumentedOnes() throws SQLException {
    for (String project : List.of("hostile-values", "bert-finetune", "resnet-sweep")) {
      for (String table : List.of("runs", "history")) {
        Map<String, Integer> postgres = new java.util.TreeMap<>();
        try (ResultSet rs = ORACLE.connection().getMetaData().getColumns(null, project, table,
            null)) {
          while (rs.next()) {
            postgres.put(rs.getString("COLUMN_NAME"), jdbcType(rs.getInt("DATA_TYPE")));
          }
        }
        if (postgres.isEmpty()) {
          continue; // history is loaded for some projects only
        }
        Map<String, Integer> driver = new java.util.TreeMap<>();
        try (Connection c = SERVER.connect();
            ResultSet rs = c.getMetaData().getColumns(null, project, table, null)) {
          while (rs.next()) {
            if (!List.of("config", "summary", "row").contains(rs.getString("COLUMN_NAME"))) {
              driver.put(rs.getString("COLUMN_NAME"), jdbcType(rs.getInt("DATA_TYPE")));
            }
          }
        }
        assertEquals(postgres, driver, project + "." + table);
      }
    }
  }

  /**
   * The JDBC getters of TIMESTAMP and DATE values read what pgjdbc's read from PostgreSQL holding
   * the same UTC wall-clock values, in this JVM's zone (Maven runs this class in three): text,
   * {@code java.sql} values with and without calendars (DST gaps and overlaps included: the
   * hostile runs were created at 02:30 on the day New York skips that hour, and at 01:30 on the
   * day it repeats it), {@code java.time} values.
   */
  @Test
  void temporalGettersReadAsPgjdbcDoes() throws SQLException {
    String sql = "SELECT run_id, created_at, heartbeat_at, CAST(created_at AS DATE) FROM runs"
        + " ORDER BY run_id";
    java.util.Calendar utc = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
    java.util.Calendar tokyo =
        java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("Asia/Tokyo"));
    int compared = 0;
    try (Connection driver = SERVER.connect("project", "hostile-values");
        java.sql.Statement d = driver.createStatement(); ResultSet dr = d.executeQuery(sql);
        java.sql.Statement p = ORACLE.connection().createStatement(); ResultSet pr = p.executeQuery(sql)) {
      while (pr.next()) {
        assertTrue(dr.next(), "the driver has as many rows");
        String at = pr.getString(1);
        assertEquals(at, dr.getString(1));
        for (int i = 2; i <= 3; i++) {
          String where = at + " column " + i;
          assertEquals(pr.getString(i), dr.getString(i), where);
          assertEquals(pr.getTimestamp(i), dr.getTimestamp(i), where);
          assertEquals(String.valueOf(pr.getTimestamp(i)), String.valueOf(dr.getTimestamp(i)), where);
          assertEquals(pr.getTimestamp(i, utc), dr.getTimestamp(i, utc), where);
          assertEquals(pr.getTimestamp(i, tokyo), dr.getTimestamp(i, tokyo), where);
          assertEquals(pr.getDate(i), dr.getDate(i), where);
          assertEquals(pr.getDate(i, utc), dr.getDate(i, utc), where);
          assertEquals(pr.getObject(i), dr.getObject(i), where);
          assertEquals(pr.getObject(i, java.time.LocalDateTime.class),
              dr.getObject(i, java.time.LocalDateTime.class), where);
          java.time.LocalDateTime wall = pr.getObject(i, java.time.LocalDateTime.class);
          assertEquals(wall == null ? null : wall.atOffset(java.time.ZoneOffset.UTC),
              dr.getObject(i, java.time.OffsetDateTime.class), where);
          assertEquals(wall == null ? null : wall.toInstant(java.time.ZoneOffset.UTC),
              dr.getObject(i, java.time.Instant.class), where);
          compared++;
        }
        assertEquals(pr.getString(4), dr.getString(4));
        assertEquals(pr.getDate(4), dr.getDate(4), at);
        assertEquals(String.valueOf(pr.getDate(4)), String.valueOf(dr.getDate(4)), at);
        assertEquals(pr.getDate(4, utc), dr.getDate(4, utc), at);
        assertEquals(pr.getObject(4, java.time.LocalDate.class),
            dr.getObject(4, java.time.LocalDate.class), at);
        assertEquals(pr.getObject(4), dr.getObject(4), at);
      }
      assertFalse(dr.next(), "the driver has as many rows");
    }
    assertTrue(compared > 100, "compared " + compared);
  }

  /** PostgreSQL's text is VARCHAR, its float8 DOUBLE, its timestamp TIMESTAMP. */
  private static int jdbcType(int type) {
    return type == Types.LONGVARCHAR || type == Types.CHAR ? Types.VARCHAR
        : type == Types.FLOAT ? Types.DOUBLE : type == Types.BIT ? Types.BOOLEAN : type;
  }
}
