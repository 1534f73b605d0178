package io.github.wandbjdbc.calcite.hinted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.calcite.common.ColumnValueException;
import io.github.wandbjdbc.calcite.common.ValueReader;
import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.source.LoggedRows;

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
  /** What each column holds, worked out once: rows are read by the million. */
  private final Kind[] kinds;

  private enum Kind { RUN_ID, STEP, LOGGED_AT, RUNTIME, ROW, KEY }

  LoggedRowReader(String table, List<TableColumn> columns) {
    this.table = table;
    this.columns = columns;
    this.kinds = columns.stream().map(c -> switch (c.name()) {
      case "run_id" -> Kind.RUN_ID;
      case "step" -> Kind.STEP;
      case "logged_at" -> Kind.LOGGED_AT;
      case "runtime_seconds" -> Kind.RUNTIME;
      case "row" -> Kind.ROW;
      default -> Kind.KEY;
    }).toArray(Kind[]::new);
  }

  /**
   * The table row; columns the query does not use stay null, so a value of an unexpected type
   * fails the query only where it is read.
   */
  Object[] read(String runId, ObjectNode row, IntPredicate uses) {
    return read(runId, LoggedRows.of(List.of(row)), 0, uses);
  }

  /** The table row of row {@code index} of {@code logged}. */
  Object[] read(String runId, LoggedRows logged, int index, IntPredicate uses) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      if (!uses.test(i)) {
        continue;
      }
      values[i] = switch (kinds[i]) {
        case RUN_ID -> runId;
        case STEP -> logged.step(index);
        case LOGGED_AT -> epochSecondsToMillis(logged.value(index, "_timestamp"));
        case RUNTIME -> number(logged.value(index, "_runtime"));
        case ROW -> logged.jsonText(index);
        case KEY -> key(runId, columns.get(i), logged, index);
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

  private Object key(String runId, TableColumn column, LoggedRows logged, int index) {
    if (column.type() == ColumnType.DOUBLE) {
      Double number = logged.number(index, column.key());
      if (number != null) {
        return number;
      }
    }
    JsonNode value = logged.value(index, column.key());
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
