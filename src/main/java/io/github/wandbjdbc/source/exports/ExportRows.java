package io.github.wandbjdbc.source.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.model.WandbJson;
import io.github.wandbjdbc.parquet.ParquetFormatException;
import io.github.wandbjdbc.parquet.RowCursor;
import io.github.wandbjdbc.source.HistoryScan;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One exported parquet row as the history row GraphQL would have sent for it: a JSON object of
 * the keys logged at that step (a null cell is a key not logged there), numbers as numbers
 * (NaN and ±Infinity too), text as text, and the binary JSON of non-scalar values (media,
 * histograms, nested dicts) parsed back into JSON. {@code _step}, stored as a float, becomes the
 * integer GraphQL sends.
 */
final class ExportRows {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExportRows() {}

  /** The current row of {@code cursor}, whose columns are {@code keys}. */
  static ObjectNode row(RowCursor cursor, List<String> keys) {
    ObjectNode row = NODES.objectNode();
    for (int i = 0; i < keys.size(); i++) {
      Object value = cursor.value(i);
      if (value != null) {
        String key = keys.get(i);
        row.set(key, key.equals(HistoryScan.STEP_KEY)
            ? step(value) : node(key, value));
      }
    }
    return row;
  }

  private static JsonNode step(Object value) {
    Long step = value instanceof Double d ? WandbJson.step(d) : null;
    return step != null ? NODES.numberNode(step) : node(HistoryScan.STEP_KEY, value);
  }

  static JsonNode node(String key, Object value) {
    if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Float f) {
      // The float's own shortest decimal, not its expansion as a double (0.1, not 0.100000001).
      return NODES.numberNode(Double.parseDouble(Float.toString(f)));
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Integer n) {
      return NODES.numberNode(n);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof byte[] bytes) {
      try {
        JsonNode parsed = WandbJson.parseJsonString(new String(bytes, StandardCharsets.UTF_8));
        return parsed == null ? NODES.nullNode() : parsed;
      } catch (IllegalArgumentException e) {
        throw new ParquetFormatException("the exported value of key " + key
            + " is binary that is not JSON");
      }
    }
    throw new ParquetFormatException("the exported value of key " + key + " is of a type the"
        + " driver does not read: " + value.getClass().getSimpleName());
  }
}
