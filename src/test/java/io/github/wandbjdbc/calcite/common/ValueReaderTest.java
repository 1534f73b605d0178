package io.github.wandbjdbc.calcite.common;

import static io.github.wandbjdbc.support.RunNodes.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.columns.KeyScope;
import io.github.wandbjdbc.columns.RunAttribute;
import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.model.RunNode;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class ValueReaderTest {
  private static RunColumn.Key key(KeyScope scope, ColumnType type, String... path) {
    return new RunColumn.Key(scope, List.of(path), type, 100);
  }

  private final RunNode run = run("r1",
      "{\"bs\":{\"value\":64},\"epochs\":{\"value\":10.0},\"lr\":{\"value\":0.5},"
          + "\"name\":{\"value\":\"x\"},\"model\":{\"value\":{\"depth\":50}},\"n\":{\"value\":null}}",
      "{\"loss\":NaN,\"acc\":\"Infinity\",\"flag\":true,\"h\":{\"_type\":\"histogram\",\"v\":[NaN]},"
          + "\"s\":\"text\",\"num\":1.5}");

  @Test
  void typedKeysConvertLosslessly() {
    assertEquals(64L, ValueReader.read(key(KeyScope.CONFIG, ColumnType.BIGINT, "bs"), run));
    assertEquals(10L, ValueReader.read(key(KeyScope.CONFIG, ColumnType.BIGINT, "epochs"), run));
    assertEquals(0.5, ValueReader.read(key(KeyScope.CONFIG, ColumnType.DOUBLE, "lr"), run));
    assertEquals(64.0, ValueReader.read(key(KeyScope.CONFIG, ColumnType.DOUBLE, "bs"), run));
    assertEquals(50L, ValueReader.read(key(KeyScope.CONFIG, ColumnType.BIGINT, "model", "depth"), run));
    assertTrue(Double.isNaN((Double) ValueReader.read(key(KeyScope.SUMMARY, ColumnType.DOUBLE, "loss"), run)));
    assertEquals(Double.POSITIVE_INFINITY,
        ValueReader.read(key(KeyScope.SUMMARY, ColumnType.DOUBLE, "acc"), run));
    assertEquals(true, ValueReader.read(key(KeyScope.SUMMARY, ColumnType.BOOLEAN, "flag"), run));
    assertEquals("{\"_type\":\"histogram\",\"v\":[\"NaN\"]}",
        ValueReader.read(key(KeyScope.SUMMARY, ColumnType.JSON, "h"), run));
    assertEquals("text", ValueReader.read(key(KeyScope.SUMMARY, ColumnType.VARCHAR, "s"), run));
    assertEquals("1.5", ValueReader.read(key(KeyScope.SUMMARY, ColumnType.VARCHAR, "num"), run));
  }

  @Test
  void missingAndNullAreNull() {
    assertNull(ValueReader.read(key(KeyScope.CONFIG, ColumnType.BIGINT, "absent"), run));
    assertNull(ValueReader.read(key(KeyScope.CONFIG, ColumnType.BIGINT, "n"), run));
    assertNull(ValueReader.read(key(KeyScope.CONFIG, ColumnType.BIGINT, "bs", "deeper"), run));
  }

  @Test
  void aValueOfAnotherTypeIsAnErrorThatNamesRunColumnAndWayOut() {
    ColumnValueException e = assertThrows(ColumnValueException.class,
        () -> ValueReader.read(key(KeyScope.CONFIG, ColumnType.BIGINT, "lr"), run));
    assertTrue(e.getMessage().contains("'r1'") && e.getMessage().contains("\"config.lr\"")
        && e.getMessage().contains("config JSON column"), e.getMessage());
    assertThrows(ColumnValueException.class,
        () -> ValueReader.read(key(KeyScope.CONFIG, ColumnType.DOUBLE, "name"), run));
    assertThrows(ColumnValueException.class,
        () -> ValueReader.read(key(KeyScope.SUMMARY, ColumnType.BOOLEAN, "s"), run));
  }

  @Test
  void attributesInCalcitesInternalRepresentation() {
    RunNode r = new RunNode("id1", "name", "finished", Instant.parse("2025-01-02T03:04:05.678Z"),
        null, "g", "train", List.of("a", "b"), "alice", "host", "sweep", "notes", "abc", 42L,
        run.config(), run.summary());
    assertEquals("id1", ValueReader.read(new RunColumn.Attribute(RunAttribute.RUN_ID), r));
    assertEquals(Instant.parse("2025-01-02T03:04:05.678Z").toEpochMilli(),
        ValueReader.read(new RunColumn.Attribute(RunAttribute.CREATED_AT), r));
    assertNull(ValueReader.read(new RunColumn.Attribute(RunAttribute.HEARTBEAT_AT), r));
    assertEquals(List.of("a", "b"), ValueReader.read(new RunColumn.Attribute(RunAttribute.TAGS), r));
    assertEquals(42L, ValueReader.read(new RunColumn.Attribute(RunAttribute.HISTORY_LINE_COUNT), r));
    String config = (String) ValueReader.read(new RunColumn.Attribute(RunAttribute.CONFIG), r);
    assertTrue(config.startsWith("{\"bs\":64,"), config);
  }
}
