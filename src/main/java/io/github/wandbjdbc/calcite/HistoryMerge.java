package io.github.wandbjdbc.calcite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins the results of one {@code sampledHistory} request by step. The first result lists every
 * step (its spec asks for {@code _step} alone); each other one holds some key at the steps where
 * it was logged. A step in those but not in the first is kept too, so nothing is lost whatever
 * the server answered.
 */
final class HistoryMerge {
  private HistoryMerge() {}

  /** One row per step, ascending, holding every key any result had at that step. */
  static List<ObjectNode> byStep(List<List<ObjectNode>> results) {
    Map<Long, ObjectNode> rows = new TreeMap<>();
    List<ObjectNode> stepless = new ArrayList<>();
    for (List<ObjectNode> result : results) {
      for (ObjectNode logged : result) {
        Long step = LoggedRowReader.step(logged);
        if (step == null) {
          // Cannot be joined to a step; kept as it came (the reader gives it a NULL step).
          stepless.add(logged.deepCopy());
          continue;
        }
        ObjectNode row = rows.computeIfAbsent(step, s -> logged.objectNode());
        for (Iterator<Map.Entry<String, JsonNode>> it = logged.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          row.set(field.getKey(), field.getValue());
        }
      }
    }
    List<ObjectNode> merged = new ArrayList<>(rows.values());
    merged.addAll(stepless);
    return merged;
  }
}
