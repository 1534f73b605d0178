package io.github.wandbjdbc.source.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.model.WandbJson;
import io.github.wandbjdbc.source.LoggedRows;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * An exported chunk gives, row by row, what the JSON row GraphQL's path builds would give: the
 * same JSON text (byte for byte, not only the same values), the same values per key, and for
 * DOUBLE columns the same number, on random cells of every type the reader decodes.
 */
class ExportedRowsTest {
  private static final List<String> KEYS = List.of("_step", "loss", "f", "n", "i", "ok", "s",
      "media", "_runtime");

  @Test
  void eachRowIsTheJsonRowItStandsFor() {
    Random random = new Random(7);
    int rows = 2_000;
    Object[][] cells = new Object[KEYS.size()][rows];
    long[] steps = new long[rows];
    for (int r = 0; r < rows; r++) {
      steps[r] = r * 3L;
      cells[0][r] = (double) steps[r];
      for (int c = 1; c < KEYS.size(); c++) {
        cells[c][r] = random.nextInt(4) == 0 ? null : cell(KEYS.get(c), random);
      }
    }
    ExportedRows chunk = new ExportedRows(KEYS, cells, steps, rows);
    LoggedRows json = LoggedRows.of(java.util.stream.IntStream.range(0, rows)
        .mapToObj(r -> objectOf(cells, steps, r)).toList());
    assertEquals(rows, chunk.size());
    for (int r = 0; r < rows; r++) {
      assertEquals(json.jsonText(r), chunk.jsonText(r), "row " + r);
      assertEquals(json.step(r), chunk.step(r));
      for (String key : KEYS) {
        assertEquals(json.value(r, key), chunk.value(r, key), key + " of row " + r);
        Double number = chunk.number(r, key);
        if (number != null) {
          assertEquals(json.value(r, key).doubleValue(), number, key + " of row " + r);
        }
      }
      assertNull(chunk.value(r, "not-logged"));
      assertNull(chunk.number(r, "_step"), "the step is not a metric's double");
    }
  }

  /** The JSON row the GraphQL path would hold: each cell as ExportRows reads it. */
  private static ObjectNode objectOf(Object[][] cells, long[] steps, int r) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    for (int c = 0; c < KEYS.size(); c++) {
      if (cells[c][r] != null) {
        row.set(KEYS.get(c), c == 0 ? JsonNodeFactory.instance.numberNode(steps[r])
            : ExportRows.node(KEYS.get(c), cells[c][r]));
      }
    }
    return row;
  }

  private static Object cell(String key, Random random) {
    double[] awkward = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0,
        -0.0, 1e-300, 1e300, 0.1, 5.0, 123456789.125};
    return switch (key) {
      case "loss", "_runtime" -> random.nextBoolean() ? awkward[random.nextInt(awkward.length)]
          : random.nextGaussian();
      case "f" -> random.nextBoolean() ? Float.NaN : (float) random.nextGaussian();
      case "n" -> random.nextLong();
      case "i" -> random.nextInt();
      case "ok" -> random.nextBoolean();
      case "s" -> random.nextBoolean() ? "é \"quoted\" \\ \n" : "NaN";
      default -> ("{\"_type\": \"image-file\", \"path\": \"media/images/x_" + random.nextInt(9)
          + ".png\", \"values\": [1, 2.5, NaN, Infinity], \"nested\": {\"a\": null}}")
          .getBytes(StandardCharsets.UTF_8);
    };
  }

  @Test
  void theJsonTextIsWandbJsonText() {
    // One fixed row, to see the form: the integer step, NaN as text, the float's own decimal.
    Object[][] cells = {{4.0}, {Double.NaN}, {0.1f}, {null}, {null}, {true}, {null}, {null},
        {null}};
    ExportedRows chunk = new ExportedRows(KEYS, cells, new long[] {4}, 1);
    assertEquals("{\"_step\":4,\"loss\":\"NaN\",\"f\":0.1,\"ok\":true}", chunk.jsonText(0));
    assertEquals(WandbJson.toJsonText(WandbJson.parseJsonString(chunk.jsonText(0))),
        chunk.jsonText(0));
  }
}
