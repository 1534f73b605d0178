package io.github.wandbjdbc.testserver.generate;

import io.github.wandbjdbc.testserver.data.EventsData;
import io.github.wandbjdbc.testserver.data.JsonValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * System-metric rows of a generated run, one per 30 s of runtime, computed when read: the run's
 * latest system metrics varied by the row number, plus {@code system.disk}.
 *
 * @param count  number of rows
 * @param latest the run's {@code systemMetrics}
 */
record GeneratedEvents(long count, Map<String, Object> latest, long createdEpochSecond) implements EventsData {

  GeneratedEvents {
    latest = JsonValues.deepCopyMap(latest);
  }

  @Override
  public long rowCount() {
    return count;
  }

  @Override
  public List<Map<String, Object>> rows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      rows.add(row(i));
    }
    return rows;
  }

  private Map<String, Object> row(long i) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("_wandb", true);
    row.put("_timestamp", createdEpochSecond + 30.0 * i);
    row.put("_runtime", 30.0 * i);
    latest.forEach((key, value) -> row.put(key, value instanceof Number n
        ? Math.round((n.doubleValue() + i % 7) * 10) / 10.0 : value));
    row.put("system.disk", Math.round((35 + 0.01 * i) * 10) / 10.0);
    return row;
  }
}
