package io.github.wandbjdbc.calcite.hinted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.calcite.common.ColumnValueException;
import io.github.wandbjdbc.calcite.common.ValueReader;
import io.github.wandbjdbc.model.WandbJson;
import io.github.wandbjdbc.source.HistoryMerge;

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
        case "step" -> HistoryMerge.step(row);
        case "logged_at" -> epochSecondsToMillis(row.get("_timestamp"));
        case "runtime_seconds" -> number(row.get("_runtime"));
        case "row" -> WandbJson.toJsonText(row);
        default -> key(runId, c, row.get(c.key()));
      };
    }
    return values;
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
