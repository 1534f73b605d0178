package io.github.wandbjdbc.calcite.runs;

import static io.github.wandbjdbc.support.RunNodes.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.columns.KeyScope;
import io.github.wandbjdbc.columns.RunColumn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

public class ColumnDiscoveryTest {
  private static Map<String, ColumnType> types(List<RunColumn.Key> columns) {
    return columns.stream().collect(Collectors.toMap(RunColumn.Key::name, RunColumn.Key::type));
  }

  @Test
  void typesAreTheNarrowestThatFitEverySampledValue() {
    List<RunColumn.Key> cols = ColumnDiscovery.discover(List.of(
        run("a", "{\"lr\":{\"value\":0.1},\"bs\":{\"value\":32},\"opt\":{\"value\":\"adam\"},"
            + "\"aug\":{\"value\":true},\"mixed\":{\"value\":1},\"epochs\":{\"value\":3}}",
            "{\"loss\":NaN,\"step\":10,\"h\":{\"_type\":\"histogram\",\"bins\":[1,2]},\"l\":[1,2]}"),
        run("b", "{\"lr\":{\"value\":1},\"bs\":{\"value\":64},\"mixed\":{\"value\":\"x\"},"
            + "\"epochs\":{\"value\":4.0},\"none\":{\"value\":null}}",
            "{\"loss\":0.5,\"step\":11,\"big\":123456789012345678901234567890}")));
    Map<String, ColumnType> t = types(cols);
    assertEquals(ColumnType.DOUBLE, t.get("config.lr"));
    assertEquals(ColumnType.BIGINT, t.get("config.bs"));
    assertEquals(ColumnType.VARCHAR, t.get("config.opt"));
    assertEquals(ColumnType.BOOLEAN, t.get("config.aug"));
    assertEquals(ColumnType.MIXED, t.get("config.mixed"));
    assertEquals(ColumnType.DOUBLE, t.get("config.epochs"));
    assertEquals(ColumnType.VARCHAR, t.get("config.none"));
    assertEquals(ColumnType.DOUBLE, t.get("summary.loss"));
    assertEquals(ColumnType.BIGINT, t.get("summary.step"));
    assertEquals(ColumnType.JSON, t.get("summary.h"));
    assertEquals(ColumnType.JSON, t.get("summary.l"));
    assertEquals(ColumnType.DOUBLE, t.get("summary.big"));
  }

  @Test
  void nestedObjectsBecomeLeafPathsAndMediaStaysWhole() {
    List<RunColumn.Key> cols = ColumnDiscovery.discover(List.of(run("a",
        "{\"model\":{\"value\":{\"arch\":\"resnet\",\"opt\":{\"lr\":0.1}}},\"empty\":{\"value\":{}}}",
        "{\"val\":{\"img\":{\"_type\":\"image-file\",\"path\":\"x.png\"},\"acc\":0.9}}")));
    Map<String, ColumnType> t = types(cols);
    assertEquals(Map.of("config.model.arch", ColumnType.VARCHAR,
        "config.model.opt.lr", ColumnType.DOUBLE,
        "summary.val.img", ColumnType.JSON,
        "summary.val.acc", ColumnType.DOUBLE), t);
    RunColumn.Key lr = cols.stream().filter(c -> c.name().equals("config.model.opt.lr")).findFirst()
        .orElseThrow();
    assertEquals(List.of("model", "opt", "lr"), lr.path());
    assertEquals("model", lr.topLevelKey());
    assertEquals(KeyScope.CONFIG, lr.scope());
  }

  @Test
  void keysWithSlashesDotsAndSpacesKeepTheirNames() {
    List<RunColumn.Key> cols = ColumnDiscovery.discover(List.of(
        run("a", null, "{\"val/loss\":1.0,\"a.b\":2,\"top k\":3}"),
        run("b", null, "{\"a\":{\"b\":2}}"),
        run("c", null, "{\"a\":{\"b\":5}}")));
    Map<String, ColumnType> t = types(cols);
    assertTrue(t.containsKey("summary.val/loss"));
    assertTrue(t.containsKey("summary.top k"));
    // {"a.b"} and {"a": {"b"}} share a name; the more common path wins.
    RunColumn.Key ab = cols.stream().filter(c -> c.name().equals("summary.a.b")).findFirst()
        .orElseThrow();
    assertEquals(List.of("a", "b"), ab.path());
    assertEquals(1, cols.stream().filter(c -> c.name().equals("summary.a.b")).count());
  }

  @Test
  void columnsAreSortedConfigFirstAndEmptySamplesGiveNone() {
    List<RunColumn.Key> cols = ColumnDiscovery.discover(List.of(
        run("a", "{\"b\":{\"value\":1},\"A\":{\"value\":2}}", "{\"z\":1,\"m\":2}")));
    assertEquals(List.of("config.A", "config.b", "summary.m", "summary.z"),
        cols.stream().map(RunColumn::name).toList());
    assertTrue(ColumnDiscovery.discover(List.of()).isEmpty());
    assertTrue(ColumnDiscovery.discover(List.of(run("x", null, null))).isEmpty());
  }

  @Test
  void veryWideRunsKeepTheMostCommonKeys() {
    StringBuilder wide = new StringBuilder("{");
    for (int i = 0; i < ColumnDiscovery.MAX_COLUMNS_PER_SCOPE + 50; i++) {
      wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
    }
    wide.append("}");
    List<RunColumn.Key> cols = ColumnDiscovery.discover(List.of(
        run("a", null, wide.toString()), run("b", null, "{\"k1049\": 2}")));
    assertEquals(ColumnDiscovery.MAX_COLUMNS_PER_SCOPE, cols.size());
    assertTrue(cols.stream().anyMatch(c -> c.name().equals("summary.k1049")));
    assertFalse(cols.stream().anyMatch(c -> c.name().equals("summary.k999")));
  }
}
