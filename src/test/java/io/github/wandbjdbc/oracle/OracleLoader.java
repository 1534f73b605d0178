package io.github.wandbjdbc.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.oracle.OracleSchema.KeyColumn;
import io.github.wandbjdbc.oracle.OracleSchema.Kind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Copies projects from a W&B (test) server into PostgreSQL, as tables {@code runs} and
 * {@code history} of a schema named after the project, with the columns and values the README
 * promises: W&B's timestamps as UTC wall-clock values read to the millisecond, NaN and ±Infinity
 * as PostgreSQL's, JSON values as JSON text. The driver plays no part.
 */
final class OracleLoader {
  /** The fixed columns of {@code runs}, before the typed keys. */
  static final List<String> RUN_COLUMNS = List.of("run_id", "display_name", "state",
      "created_at", "heartbeat_at", "group_name", "job_type", "tags", "username", "host",
      "sweep_id", "notes", "commit", "history_line_count");

  private final GraphQlReader reader;
  private final String entity;
  /** Typed columns where a run's value did not fit (the driver fails reading them: 22000). */
  private final Set<String> mismatched = new HashSet<>();

  OracleLoader(GraphQlReader reader, String entity) {
    this.reader = reader;
    this.entity = entity;
  }

  Set<String> mismatched() {
    return Set.copyOf(mismatched);
  }

  /** Loads {@code project}'s runs, and its history when {@code withHistory}. */
  void load(Connection pg, String project, int sampleSize, boolean withHistory)
      throws SQLException {
    List<JsonNode> runs = reader.runs(entity, project, "+created_at", Integer.MAX_VALUE);
    List<JsonNode> sample = reader.runs(entity, project, "-created_at", sampleSize);
    List<KeyColumn> keys = OracleSchema.runKeys(sample);
    String schema = quote(project);
    try (Statement s = pg.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      StringBuilder ddl = new StringBuilder("CREATE TABLE " + schema + ".runs (run_id text NOT NULL,"
          + " display_name text, state text, created_at timestamp(3), heartbeat_at timestamp(3),"
          + " group_name text, job_type text, tags text[], username text, host text,"
          + " sweep_id text, notes text, commit text, history_line_count bigint");
      keys.forEach(k -> ddl.append(", ").append(quote(k.name())).append(' ').append(k.kind().postgres));
      s.execute(ddl.append(")").toString());
    }
    StringBuilder insert = new StringBuilder("INSERT INTO " + schema + ".runs VALUES (?");
    insert.append(", ?".repeat(RUN_COLUMNS.size() + keys.size() - 1)).append(")");
    try (PreparedStatement ps = pg.prepareStatement(insert.toString())) {
      for (JsonNode run : runs) {
        int i = 1;
        ps.setString(i++, text(run.get("name")));
        ps.setString(i++, text(run.get("displayName")));
        ps.setString(i++, text(run.get("state")));
        ps.setObject(i++, timestamp(run.get("createdAt")), Types.TIMESTAMP);
        ps.setObject(i++, timestamp(run.get("heartbeatAt")), Types.TIMESTAMP);
        ps.setString(i++, text(run.get("group")));
        ps.setString(i++, text(run.get("jobType")));
        List<String> tags = new ArrayList<>();
        run.path("tags").forEach(t -> tags.add(t.asText()));
        ps.setArray(i++, pg.createArrayOf("text", tags.toArray()));
        ps.setString(i++, text(run.path("user").get("username")));
        ps.setString(i++, text(run.get("host")));
        ps.setString(i++, text(run.get("sweepName")));
        ps.setString(i++, text(run.get("notes")));
        ps.setString(i++, text(run.get("commit")));
        ps.setObject(i++, run.path("historyLineCount").isNumber()
            ? run.path("historyLineCount").longValue() : null, Types.BIGINT);
        ObjectNode config = OracleSchema.config(run);
        ObjectNode summary = OracleSchema.summary(run);
        for (KeyColumn k : keys) {
          JsonNode value = OracleSchema.at(k.name().startsWith("config.") ? config : summary,
              k.path());
          set(ps, i++, k, value);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
    if (withHistory) {
      loadHistory(pg, project, runs, OracleSchema.historyKeys(sample));
    }
  }

  private void loadHistory(Connection pg, String project, List<JsonNode> runs,
      List<KeyColumn> keys) throws SQLException {
    String schema = quote(project);
    try (Statement s = pg.createStatement()) {
      StringBuilder ddl = new StringBuilder("CREATE TABLE " + schema + ".history (run_id text NOT"
          + " NULL, step bigint, logged_at timestamp(3), runtime_seconds double precision");
      keys.forEach(k -> ddl.append(", ").append(quote(k.name())).append(' ').append(k.kind().postgres));
      s.execute(ddl.append(")").toString());
    }
    StringBuilder insert = new StringBuilder("INSERT INTO " + schema + ".history VALUES (?, ?, ?, ?");
    insert.append(", ?".repeat(keys.size())).append(")");
    try (PreparedStatement ps = pg.prepareStatement(insert.toString())) {
      for (JsonNode run : runs) {
        long lines = run.path("historyLineCount").asLong(0);
        if (lines == 0) {
          continue;
        }
        JsonNode historyKeys = GraphQlReader.parse(run.path("historyKeys").isTextual()
            ? run.path("historyKeys").asText() : run.path("historyKeys").toString());
        long lastStep = historyKeys == null ? lines : historyKeys.path("lastStep").asLong(lines);
        for (JsonNode row : reader.history(entity, project, run.get("name").asText(), lastStep)) {
          ps.setString(1, run.get("name").asText());
          JsonNode step = row.get("_step");
          ps.setObject(2, step == null ? null : (long) step.doubleValue(), Types.BIGINT);
          JsonNode at = row.get("_timestamp");
          ps.setObject(3, at == null || !at.isNumber() || !Double.isFinite(at.doubleValue()) ? null
              : LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC)
                  .plus(Math.round(at.doubleValue() * 1000.0), ChronoUnit.MILLIS), Types.TIMESTAMP);
          setDouble(ps, 4, doubleOrNull(row.get("_runtime")));
          int i = 5;
          for (KeyColumn k : keys) {
            set(ps, i++, k, row.get(k.path().get(0)));
          }
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** A value into its column, by the README's rules for each type. */
  private void set(PreparedStatement ps, int i, KeyColumn k, JsonNode value) throws SQLException {
    if (value == null || value.isNull()) {
      ps.setNull(i, k.kind().jdbc);
      return;
    }
    switch (k.kind()) {
      case BIGINT -> {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
          ps.setLong(i, value.longValue());
        } else if (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue())
            && Math.abs(value.doubleValue()) < 0x1p63) {
          ps.setLong(i, (long) value.doubleValue());
        } else {
          mismatch(ps, i, k);
        }
      }
      case DOUBLE -> {
        Double d = doubleOrNull(value);
        if (d == null) {
          mismatch(ps, i, k);
        } else {
          setDouble(ps, i, d);
        }
      }
      case BOOLEAN -> {
        if (value.isBoolean()) {
          ps.setBoolean(i, value.booleanValue());
        } else {
          mismatch(ps, i, k);
        }
      }
      case VARCHAR -> ps.setString(i, value.isTextual() ? value.asText() : jsonText(value));
      case JSON -> ps.setString(i, jsonText(value));
      default -> throw new AssertionError(k);
    }
  }

  private void mismatch(PreparedStatement ps, int i, KeyColumn k) throws SQLException {
    mismatched.add(k.name());
    ps.setNull(i, k.kind().jdbc);
  }

  private static void setDouble(PreparedStatement ps, int i, Double d) throws SQLException {
    if (d == null) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, d);
    }
  }

  /** A number, or W&B's text for NaN and ±Infinity. */
  private static Double doubleOrNull(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    return switch (value.isTextual() ? value.asText() : "") {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> null;
    };
  }

  /** JSON text; JSON has no NaN, so NaN and ±Infinity become the strings W&B uses. */
  static String jsonText(JsonNode value) {
    try {
      return GraphQlReader.JSON.writeValueAsString(deNaN(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode deNaN(JsonNode node) {
    if (node.isNumber() && node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      double d = node.doubleValue();
      return JsonNodeFactory.instance.textNode(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity"
          : "-Infinity");
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), deNaN(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> copy.add(deNaN(n)));
      return copy;
    }
    return node;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  /** W&B's DateTime (UTC, usually without zone) as the wall clock, to the millisecond. */
  static LocalDateTime timestamp(JsonNode node) {
    if (node == null || node.isNull() || node.asText().isBlank()) {
      return null;
    }
    String s = node.asText().trim().replace(' ', 'T');
    LocalDateTime t = s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")
        ? OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
        : LocalDateTime.parse(s);
    return t.truncatedTo(ChronoUnit.MILLIS);
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
