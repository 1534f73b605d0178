package io.github.wandbjdbc.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.wandbjdbc.testserver.http.RecordedRequest;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A history window a request asked for, whether whole rows ({@code RunHistory}) or some keys
 * ({@code RunSampledHistory}, whose spec {@code maxStep} is inclusive).
 *
 * @param maxStep  exclusive
 * @param keySets  the specs' keys; empty for whole rows
 */
public record HistoryWindow(String run, long minStep, long maxStep, List<List<String>> keySets) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The windows of the history requests among these, in order. */
  public static List<HistoryWindow> of(List<RecordedRequest> requests) {
    List<HistoryWindow> windows = new ArrayList<>();
    for (RecordedRequest r : requests) {
      JsonNode v = r.variables();
      if ("RunHistory".equals(r.operationName())) {
        windows.add(new HistoryWindow(v.get("run").asText(), v.get("minStep").asLong(),
            v.get("maxStep").asLong(), List.of()));
      } else if ("RunSampledHistory".equals(r.operationName())) {
        List<List<String>> keySets = new ArrayList<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (JsonNode text : v.get("specs")) {
          JsonNode spec = parse(text.asText());
          List<String> keys = new ArrayList<>();
          spec.get("keys").forEach(k -> keys.add(k.asText()));
          keySets.add(keys);
          min = Math.min(min, spec.get("minStep").asLong());
          max = Math.max(max, spec.get("maxStep").asLong() + 1);
          if (spec.get("samples").asLong() < spec.get("maxStep").asLong() + 1 - spec.get("minStep").asLong()) {
            throw new AssertionError("a spec that W&B would down-sample: " + spec);
          }
        }
        windows.add(new HistoryWindow(v.get("run").asText(), min, max, keySets));
      }
    }
    return windows;
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
