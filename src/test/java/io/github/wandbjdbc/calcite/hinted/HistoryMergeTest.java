package io.github.wandbjdbc.calcite.hinted;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.pushdown.ResolvedHints;

import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

class HistoryMergeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<ObjectNode> rows(String... json) throws Exception {
    ObjectNode[] out = new ObjectNode[json.length];
    for (int i = 0; i < json.length; i++) {
      out[i] = (ObjectNode) JSON.readTree(json[i]);
    }
    return List.of(out);
  }

  @Test
  void keysJoinTheirStepsAndEveryStepStays() throws Exception {
    List<ObjectNode> merged = HistoryMerge.byStep(List.of(
        rows("{\"_step\": 2}", "{\"_step\": 0}", "{\"_step\": 1}"),
        rows("{\"_step\": 0, \"loss\": 1.5}", "{\"_step\": 2, \"loss\": \"NaN\"}"),
        rows("{\"_step\": 1, \"val/acc\": 0.5}", "{\"_step\": 7, \"val/acc\": 0.9}", "{\"val/acc\": 1}")));
    assertEquals(List.of(
        "{\"_step\":0,\"loss\":1.5}",
        "{\"_step\":1,\"val/acc\":0.5}",
        "{\"_step\":2,\"loss\":\"NaN\"}",
        "{\"_step\":7,\"val/acc\":0.9}",
        "{\"val/acc\":1}"), merged.stream().map(ObjectNode::toString).toList());
  }

  @Test
  void floatStepsJoinIntegralOnes() throws Exception {
    List<ObjectNode> merged = HistoryMerge.byStep(List.of(rows("{\"_step\": 3.0}"),
        rows("{\"_step\": 3, \"x\": true}")));
    assertEquals(1, merged.size());
    assertEquals(true, merged.get(0).get("x").asBoolean());
  }

  @Test
  void keySetsNameOnlyTheUsedKeysAndFallBackToWholeRows() {
    List<TableColumn> columns = List.of(
        TableColumn.required("run_id", ColumnType.VARCHAR, ""),
        TableColumn.fixed("step", ColumnType.BIGINT, ""),
        TableColumn.fixed("logged_at", ColumnType.TIMESTAMP, ""),
        TableColumn.fixed("runtime_seconds", ColumnType.DOUBLE, ""),
        new TableColumn("loss", ColumnType.DOUBLE, true, "", "loss"),
        new TableColumn("val/acc", ColumnType.DOUBLE, true, "", "val/acc"),
        TableColumn.fixed("row", ColumnType.JSON, ""));
    assertEquals(Optional.of(List.of(List.of("_step"), List.of("_step", "_timestamp"), List.of("_step", "val/acc"))),
        HistoryTable.sampledKeySets(columns, ResolvedHints.NONE.withColumns(ImmutableBitSet.of(0, 1, 2, 5))));
    assertEquals(Optional.of(List.of(List.of("_step"))),
        HistoryTable.sampledKeySets(columns, ResolvedHints.NONE.withColumns(ImmutableBitSet.of(0))));
    assertEquals(Optional.empty(),
        HistoryTable.sampledKeySets(columns, ResolvedHints.NONE.withColumns(ImmutableBitSet.of(1, 6))), "row");
    assertEquals(Optional.empty(), HistoryTable.sampledKeySets(columns, ResolvedHints.NONE), "all columns");
  }
}
