package io.github.wandbjdbc.testserver.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** System-metric rows held as texts (loaded run folders, hand-made test rows). */
public final class StoredEvents implements EventsData {

  static final StoredEvents EMPTY = new StoredEvents(new JsonLines(List.of(), new JsonValues()));

  private final JsonLines rows;

  public StoredEvents(JsonLines rows) {
    this.rows = rows;
  }

  static StoredEvents ofRows(List<Map<String, Object>> rows, JsonValues json) {
    return new StoredEvents(new JsonLines(rows.stream().map(json::toJsonString).toList(), json));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredEvents that && rows.equals(that.rows);
  }

  @Override
  public int hashCode() {
    return rows.hashCode();
  }

  @Override
  public String toString() {
    return "StoredEvents[rows=" + rows.size() + "]";
  }

  @Override
  public long rowCount() {
    return rows.size();
  }

  @Override
  public List<Map<String, Object>> rows() {
    List<Map<String, Object>> all = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      all.add(rows.get(i));
    }
    return all;
  }
}
