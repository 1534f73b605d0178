package io.github.wandbjdbc.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.model.WandbJson;

import java.util.List;

/**
 * One read of a run's logged rows, row by row index: each row is what GraphQL's {@code history}
 * sends for a step (a JSON object of the keys logged there), but a source need not hold it as
 * one. GraphQL's rows are JSON objects already ({@link #of}); the parquet exports keep their
 * decoded columns and give a key's value, or the row's JSON text, only when the table asks.
 */
public interface LoggedRows {
  int size();

  /** The row's integral {@code _step}, or null when it has none. */
  Long step(int row);

  /** The value logged for {@code key} at the row, or null where the key was not logged. */
  JsonNode value(int row, String key);

  /**
   * The value logged for {@code key} at the row when the source holds it as a plain double
   * (what a DOUBLE column reads of it without going through JSON), else null: then ask
   * {@link #value}.
   */
  default Double number(int row, String key) {
    return null;
  }

  /** The whole row as JSON text, as {@link WandbJson#toJsonText} writes the row's object. */
  String jsonText(int row);

  /** Rows that are JSON objects already. */
  static LoggedRows of(List<ObjectNode> rows) {
    return new LoggedRows() {
      @Override
      public int size() {
        return rows.size();
      }

      @Override
      public Long step(int row) {
        return HistoryMerge.step(rows.get(row));
      }

      @Override
      public JsonNode value(int row, String key) {
        return rows.get(row).get(key);
      }

      @Override
      public String jsonText(int row) {
        return WandbJson.toJsonText(rows.get(row));
      }
    };
  }
}
