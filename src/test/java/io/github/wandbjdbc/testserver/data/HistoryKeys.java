package io.github.wandbjdbc.testserver.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code Run.historyKeys}: {@code {"lastStep": n, "keys": {key: {"typeCounts": [{"type": t,
 * "count": c}, …]}}}} — the shape W&B's weave engine reads to type history columns. Types follow
 * W&B's names: {@code number}, {@code string}, {@code bool}, {@code nil}, {@code list}, {@code map},
 * or a media object's {@code _type} (e.g. {@code histogram}).
 */
public final class HistoryKeys {

  private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
  private long lastStep = -1;

  /** Counts one history row. */
  void addRow(Map<String, Object> row) {
    row.forEach((key, value) -> add(key, value, 1));
    if (row.get("_step") instanceof Number step && !Double.isNaN(step.doubleValue())) {
      lastStep = Math.max(lastStep, step.longValue());
    }
  }

  /** Counts {@code times} occurrences of a key with a value of {@code value}'s type. */
  void add(String key, Object value, long times) {
    counts.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(typeOf(value), times, Long::sum);
  }

  void lastStep(long step) {
    lastStep = step;
  }

  Map<String, Object> build() {
    Map<String, Object> keys = new LinkedHashMap<>();
    counts.forEach((key, byType) -> {
      List<Object> typeCounts = new ArrayList<>();
      byType.forEach((type, count) -> {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", type);
        entry.put("count", count);
        typeCounts.add(entry);
      });
      keys.put(key, Map.of("typeCounts", typeCounts));
    });
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("lastStep", lastStep);
    result.put("keys", keys);
    return result;
  }

  public static String typeOf(Object value) {
    if (value == null) {
      return "nil";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof List<?>) {
      return "list";
    }
    if (value instanceof Map<?, ?> map && map.get("_type") instanceof String mediaType) {
      return mediaType;
    }
    return "map";
  }
}
