package io.github.wandbjdbc.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import java.util.List;

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

  /** One set lists every step; each other set one key, so sparse keys keep their steps. */
  @Test
  void keySetsListEveryStepAndOneKeyEach() {
    assertEquals(List.of(List.of("_step"), List.of("_step", "_timestamp"), List.of("_step", "val/acc")),
        HistoryWindows.keySets(List.of("_timestamp", "val/acc")));
    assertEquals(List.of(List.of("_step")), HistoryWindows.keySets(List.of()));
  }
}
