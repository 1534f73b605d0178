package io.github.wandbjdbc.calcite.hinted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.calcite.common.ColumnValueException;
import io.github.wandbjdbc.calcite.common.ValueReader;
import io.github.wandbjdbc.model.WandbJson;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * Turns one logged row ({@code history} or {@code events}: a JSON object with {@code _step},
 * {@code _timestamp}, {@code _runtime} and the logged keys) into a table row. The columns are
 * {@code run_id}, the fixed ones this table has, one per key, and {@code row}.
 */
final class LoggedRowReader {
  private final String table;
  private final List<TableColumn> columns;

  LoggedRowReader(String table, List<TableColumn> columns) {
    this.table = table;
    this.columns = columns;
  }

  /**
   * The table row; columns the query does not use stay null, so a value of an unexpected type
   * fails the query only where it is read.
   */
  Object[] read(String runId, ObjectNode row, IntPredicate uses) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      if (!uses.test(i)) {
        continue;
      }
      TableColumn c = columns.get(i);
      values[i] = switch (c.name()) {
        case "run_id" -> runId;
        case "step" -> step(row);
        case "logged_at" -> epochSecondsToMillis(row.get("_timestamp"));
        case "runtime_seconds" -> number(row.get("_runtime"));
        case "row" -> WandbJson.toJsonText(row);
        default -> key(runId, c, row.get(c.key()));
      };
    }
    return values;
  }

  /**
   * {@code _step}, which may arrive as a float (docs/WIRE.md, W&B's JSON); null when it is not an
   * integer a long holds. Beyond a long, {@code longValue()} wrapped around (2^64 + 22 became step
   * 22, a row shown at another step) and a cast saturated (Infinity, 1e400 became Long.MAX_VALUE,
   * and the row was dropped as outside its window); found by the bad-input corpus, RunHistory rows
   * with {@code _step} 18446744073709551638 and Infinity.
   */
  static Long step(JsonNode row) {
    JsonNode s = row.get("_step");
    if (s == null || !s.isNumber()) {
      return null;
    }
    if (s.isIntegralNumber()) {
      return s.canConvertToLong() ? Long.valueOf(s.longValue()) : null;
    }
    double d = s.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? Long.valueOf((long) d) : null;
  }

  private static Long epochSecondsToMillis(JsonNode seconds) {
    if (seconds == null || !seconds.isNumber() || !Double.isFinite(seconds.doubleValue())) {
      return null;
    }
    return Math.round(seconds.doubleValue() * 1000.0);
  }

  /**
   * {@code _runtime}: a number, or NaN and ±Infinity however they arrive — bare tokens in
   * {@code history}'s JSON strings, text in {@code sampledHistory}'s JSON (which read as NULL).
   */
  private static Double number(JsonNode node) {
    return ValueReader.doubleOrNull(node);
  }

  private Object key(String runId, TableColumn column, JsonNode value) {
    Object converted = ValueReader.fromJson(column.type(), value);
    if (converted != ValueReader.MISMATCH) {
      return converted;
    }
    throw new ColumnValueException("Run '" + runId + "' logged " + ValueReader.shown(value)
        + " as \"" + column.name() + "\" in its " + table + ", which is not a " + column.type()
        + " (the column's type was inferred from a sample of runs). Read it from the \"row\""
        + " column instead, e.g. JSON_VALUE(\"row\", '$.\"" + column.key() + "\"'), or leave the"
        + " column out.");
  }
}
