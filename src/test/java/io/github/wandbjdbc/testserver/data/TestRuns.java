package io.github.wandbjdbc.testserver.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small hand-made runs for the pure-logic tests, so each case can name exactly which runs match. */
public final class TestRuns {

  private TestRuns() {
  }

  public static RunData.Builder run(String name) {
    return RunData.builder()
        .entityName("e")
        .projectName("p")
        .name(name)
        .displayName(name)
        .state("finished")
        .createdAt(Instant.parse("2024-01-01T00:00:00Z"))
        .user(new UserData("u", "U", null));
  }

  /** Wraps every value as {@code {"value": v}}, the way wandb-core stores config. */
  public static ConfigData config(Object... keysAndValues) {
    Map<String, Object> wrapped = new LinkedHashMap<>();
    Map<String, Object> values = map(keysAndValues);
    values.forEach((k, v) -> {
      Map<String, Object> wrapper = new LinkedHashMap<>();
      wrapper.put("value", v);
      wrapped.put(k, wrapper);
    });
    return ConfigData.fromWrapped(wrapped);
  }

  /** An insertion-ordered map that, unlike {@code Map.of}, accepts null values. */
  public static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** A project holding {@code runs} in the given order as creation order (seq 1, 2, …). */
  public static ProjectData project(RunData... runs) {
    List<RunData> numbered = new ArrayList<>();
    for (int i = 0; i < runs.length; i++) {
      numbered.add(runs[i].withSeq(i + 1));
    }
    return new ProjectData("e", "p", "1", Instant.parse("2024-01-01T00:00:00Z"), null, null, numbered);
  }
}
