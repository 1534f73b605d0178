package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.ConfigData;
import io.github.wandbjdbc.testserver.data.RunData;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the server stores and serves NaN and ±Infinity in configs and summaries: as the numbers (bare
 * {@code NaN} tokens in the JSONString, the default; docs/WIRE.md, W&B's JSON), as the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, or as {@code null} — the forms W&B's own
 * tools have been seen to meet. Filters and orders then see the stored form.
 */
public enum NanForm {
  NUMBER, STRING, NULL;

  public RunData apply(RunData run) {
    if (this == NUMBER) {
      return run;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) convert(run.summary());
    @SuppressWarnings("unchecked")
    Map<String, Object> wrapped = (Map<String, Object>) convert(run.config().wrapped());
    return run.toBuilder().summary(summary).config(ConfigData.fromWrapped(wrapped)).build();
  }

  private Object convert(Object value) {
    if (value instanceof Double d && !Double.isFinite(d)) {
      return this == NULL ? null : Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), convert(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(convert(v)));
      return out;
    }
    return value;
  }
}
