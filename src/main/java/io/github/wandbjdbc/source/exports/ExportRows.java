package io.github.wandbjdbc.source.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.github.wandbjdbc.model.WandbJson;
import io.github.wandbjdbc.parquet.ParquetFormatException;
import io.github.wandbjdbc.source.HistoryScan;

import java.nio.charset.StandardCharsets;

/**
 * Exported parquet cells as the values GraphQL would have sent in a history row (a null cell is
 * a key not logged at that step): numbers as numbers (NaN and ±Infinity too), text as text, and
 * the binary JSON of non-scalar values (media, histograms, nested dicts) parsed back into JSON.
 * {@code _step}, stored as a float, is the integer GraphQL sends.
 */
final class ExportRows {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExportRows() {}

  /**
   * The integral step of an exported {@code _step} cell (a float, as a rule), or null when it
   * has none.
   */
  static Long step(Object cell) {
    if (cell instanceof Double d) {
      return WandbJson.step(d);
    }
    return cell == null ? null : WandbJson.step(node(HistoryScan.STEP_KEY, cell));
  }

  /** An exported cell as the JSON value GraphQL sends for it. */
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
