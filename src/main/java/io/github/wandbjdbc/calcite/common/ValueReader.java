package io.github.wandbjdbc.calcite.common;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.columns.KeyScope;
import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.WandbJson;

import java.time.Instant;
import java.util.List;

/**
 * Reads a column's value from a run, in Calcite's internal representation: VARCHAR and JSON as
 * {@code String}, BIGINT as {@code Long}, DOUBLE as {@code Double}, BOOLEAN as {@code Boolean},
 * TIMESTAMP as epoch milliseconds of the UTC wall clock, tags as {@code List<String>}.
 */
public final class ValueReader {
  private ValueReader() {}

  public static Object read(RunColumn column, RunNode run) {
    if (column instanceof RunColumn.Key key) {
      JsonNode document = key.scope() == KeyScope.CONFIG ? run.config() : run.summary();
      return convert(key, run, at(document, key.path()));
    }
    RunColumn.Attribute a = (RunColumn.Attribute) column;
    return switch (a.attribute()) {
      case RUN_ID -> run.name();
      case DISPLAY_NAME -> run.displayName();
      case STATE -> run.state();
      case CREATED_AT -> millis(run.createdAt());
      case HEARTBEAT_AT -> millis(run.heartbeatAt());
      case GROUP_NAME -> run.group();
      case JOB_TYPE -> run.jobType();
      case TAGS -> run.tags() == null ? null : List.copyOf(run.tags());
      case USERNAME -> run.username();
      case HOST -> run.host();
      case SWEEP_ID -> run.sweepName();
      case NOTES -> run.notes();
      case COMMIT -> run.commit();
      case HISTORY_LINE_COUNT -> run.historyLineCount();
      case CONFIG -> WandbJson.toJsonText(run.config());
      case SUMMARY -> WandbJson.toJsonText(run.summary());
    };
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static JsonNode at(JsonNode document, List<String> path) {
    JsonNode node = document;
    for (String key : path) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(key);
    }
    return node;
  }

  private static Object convert(RunColumn.Key column, RunNode run, JsonNode value) {
    Object converted = fromJson(column.type(), value);
    if (converted != MISMATCH) {
      return converted;
    }
    throw new ColumnValueException("Run '" + run.name() + "' has " + shown(value) + " in \""
        + column.name() + "\", which is not a " + column.type() + " (the column's type was inferred"
        + " from the " + column.sampleSize() + " most recent runs). Read it from the "
        + column.scope().columnPrefix().replace(".", "") + " JSON column instead, or leave the"
        + " column out.");
  }

  /** What {@link #fromJson} returns for a value the type cannot hold. */
  public static final Object MISMATCH = new Object();

  /**
   * A JSON value in a column's internal representation; null for JSON null or absent, and
   * {@link #MISMATCH} when the value does not fit the type (a type inferred from a sample).
   */
  public static Object fromJson(ColumnType type, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    switch (type) {
      case BIGINT:
        if (value.isIntegralNumber() && value.canConvertToLong()) {
          return value.longValue();
        }
        if (value.isNumber() && isWhole(value.doubleValue())) {
          return (long) value.doubleValue();
        }
        return MISMATCH;
      case DOUBLE:
        if (value.isNumber()) {
          return value.doubleValue();
        }
        if (value.isTextual() && isNonFiniteName(value.asText())) {
          return Double.parseDouble(value.asText());
        }
        return MISMATCH;
      case BOOLEAN:
        return value.isBoolean() ? value.booleanValue() : MISMATCH;
      case JSON:
      case MIXED:
        // A key of several types is its values' JSON text, strings quoted, so that "1" and 1
        // stay apart (JSON has no NaN: W&B's NaN is the text "NaN", quoted, on every path).
        return WandbJson.toJsonText(value);
      default:
        return value.isTextual() ? value.asText() : WandbJson.toJsonText(value);
    }
  }

  public static String shown(JsonNode value) {
    String text = WandbJson.toJsonText(value);
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }

  private static boolean isWhole(double d) {
    return d == Math.rint(d) && Math.abs(d) < 0x1p63;
  }

  /** A number, or W&B's text for NaN and ±Infinity (JSON-typed answers carry them as text). */
  public static Double doubleOrNull(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    return value.isTextual() && isNonFiniteName(value.asText())
        ? Double.valueOf(value.asText()) : null;
  }

  private static boolean isNonFiniteName(String s) {
    return s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity");
  }

}
