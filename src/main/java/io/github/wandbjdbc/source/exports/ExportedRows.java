package io.github.wandbjdbc.source.exports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.github.wandbjdbc.model.WandbJson;
import io.github.wandbjdbc.source.HistoryScan;
import io.github.wandbjdbc.source.LoggedRows;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chunk of exported rows as the parquet reader decoded them: per column, its cells (null where
 * the key was not logged), and each row's step. A key's value becomes JSON ({@link ExportRows})
 * only when a table column reads it, and {@link #jsonText} writes a row's text straight from the
 * cells: no JSON object is built per row, which for whole rows cost more than reading the file.
 */
final class ExportedRows implements LoggedRows {
  private final List<String> keys;
  private final Map<String, Integer> columnOf;
  /** {@code cells[column][row]}. */
  private final Object[][] cells;
  private final long[] steps;
  private final int size;
  private final int stepColumn;

  ExportedRows(List<String> keys, Object[][] cells, long[] steps, int size) {
    this.keys = keys;
    this.cells = cells;
    this.steps = steps;
    this.size = size;
    this.columnOf = new HashMap<>();
    for (int c = 0; c < keys.size(); c++) {
      columnOf.put(keys.get(c), c);
    }
    this.stepColumn = keys.indexOf(HistoryScan.STEP_KEY);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Long step(int row) {
    return steps[row];
  }

  @Override
  public JsonNode value(int row, String key) {
    Integer column = columnOf.get(key);
    if (column == null || cells[column][row] == null) {
      return null;
    }
    return floatStep(column, cells[column][row])
        ? JsonNodeFactory.instance.numberNode(steps[row])
        : ExportRows.node(key, cells[column][row]);
  }

  /** A {@code _step} cell stored as a float: the row's integer step stands for it. */
  private boolean floatStep(int column, Object cell) {
    return column == stepColumn && cell instanceof Double;
  }

  @Override
  public Double number(int row, String key) {
    Integer column = columnOf.get(key);
    return column != null && column != stepColumn && cells[column][row] instanceof Double d
        ? d : null;
  }

  @Override
  public String jsonText(int row) {
    StringWriter text = new StringWriter(32 * keys.size());
    try (JsonGenerator out = WandbJson.textGenerator(text)) {
      out.writeStartObject();
      for (int c = 0; c < keys.size(); c++) {
        Object cell = cells[c][row];
        if (cell == null) {
          continue;
        }
        out.writeFieldName(keys.get(c));
        if (floatStep(c, cell)) {
          // The integer GraphQL sends, not the float the export stores.
          out.writeNumber(steps[row]);
        } else if (cell instanceof Double d) {
          WandbJson.writeNumber(out, d);
        } else {
          WandbJson.writeJson(out, ExportRows.node(keys.get(c), cell));
        }
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a history row as JSON", e);
    }
    return text.toString();
  }
}
