package io.github.wandbjdbc.testserver;

import io.github.wandbjdbc.testserver.data.HistoryKeys;
import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.generate.SampleDataGenerator;

import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.ENTITY;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.LONG_HISTORY_RUN;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.RESNET_PROJECT;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.STEP_GAP_RUN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code Run.history}, {@code sampledHistory}, {@code events} and {@code historyKeys} over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryServingTest {

  static final String HISTORY = """
      query RunHistory($entity: String!, $project: String!, $run: String!, $minStep: Int64, $maxStep: Int64, $samples: Int) {
        project(name: $project, entityName: $entity) {
          run(name: $run) {
            history(minStep: $minStep, maxStep: $maxStep, samples: $samples)
          }
        }
      }""";
  static final String SAMPLED = """
      query RunSampledHistory($entity: String!, $project: String!, $run: String!, $specs: [JSONString!]!) {
        project(name: $project, entityName: $entity) {
          run(name: $run) {
            sampledHistory(specs: $specs)
          }
        }
      }""";
  static final String EVENTS = """
      query RunEvents($entity: String!, $project: String!, $run: String!, $samples: Int) {
        project(name: $project, entityName: $entity) {
          run(name: $run) {
            eventsLineCount
            events(samples: $samples)
          }
        }
      }""";
  static final String KEYS = """
      query RunHistoryKeys($entity: String!, $project: String!, $run: String!) {
        project(name: $project, entityName: $entity) {
          run(name: $run) {
            historyKeys
            historyLineCount
          }
        }
      }""";

  private final JsonValues json = new JsonValues();
  private WandbTestServer server;
  private GraphQlTestClient client;
  private ProjectData resnet;

  @BeforeAll
  void start() {
    server = GraphQlTestClient.recording(WandbTestServer.builder()).start();
    client = new GraphQlTestClient(server);
    resnet = server.data().project(ENTITY, RESNET_PROJECT);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private JsonNode run(String query, String operation, String runName, Map<String, Object> variables) {
    Map<String, Object> all = new HashMap<>(variables);
    all.put("entity", ENTITY);
    all.put("project", RESNET_PROJECT);
    all.put("run", runName);
    GraphQlTestClient.Response response = client.post(operation, query, all);
    assertEquals(200, response.status(), response.body());
    assertFalse(response.hasErrors(), response.body());
    return response.data().get("project").get("run");
  }

  private List<Map<String, Object>> history(String runName, Long min, Long max, Integer samples) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("minStep", min);
    variables.put("maxStep", max);
    variables.put("samples", samples);
    List<Map<String, Object>> rows = new ArrayList<>();
    run(HISTORY, "RunHistory", runName, variables).get("history").forEach(line -> rows.add(parse(line.asText())));
    return rows;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> parse(String line) {
    try {
      return (Map<String, Object>) json.parseJson(line);
    } catch (IOException e) {
      throw new AssertionError("not a JSON row: " + line, e);
    }
  }

  private static List<Long> steps(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> ((Number) r.get("_step")).longValue()).toList();
  }

  private RunData resnetRun(java.util.function.Predicate<RunData> test) {
    return resnet.runs().stream().filter(test).findFirst().orElseThrow();
  }

  @Test
  void aWindowIsMinInclusiveMaxExclusiveAndEqualsTheData() {
    RunData run = resnetRun(r -> r.history().rowCount() > 100 && r.history().steps(0, 100).length == 100);
    List<Map<String, Object>> rows = history(run.name(), 10L, 60L, 1000);
    assertEquals(50, rows.size());
    assertEquals(10L, steps(rows).get(0));
    assertEquals(59L, steps(rows).get(49), "maxStep is exclusive");
    assertEquals(JsonValues.deepCopy(run.history().rows(10, 60)), JsonValues.deepCopy(rows));
    assertEquals(steps(history(run.name(), null, 60L, 1000)), steps(run.history().rows(0, 60)), "minStep defaults to 0");
  }

  @Test
  void tooFewSamplesDownSampleEvenlyAndDeterministically() {
    List<Map<String, Object>> all = history(LONG_HISTORY_RUN, 0L, 1000L, 1000);
    List<Map<String, Object>> sampled = history(LONG_HISTORY_RUN, 0L, 1000L, 100);
    assertEquals(1000, all.size());
    assertEquals(100, sampled.size(), "exactly samples rows");
    assertNotEquals(steps(all).subList(0, 100), steps(sampled), "spread over the window, not its first rows");
    assertEquals(steps(sampled), steps(history(LONG_HISTORY_RUN, 0L, 1000L, 100)), "the same rows every time");
    assertTrue(all.containsAll(sampled));
    assertEquals(500, history(LONG_HISTORY_RUN, null, null, null).size(), "samples defaults to 500");
  }

  @Test
  void theLongRunHasAHundredThousandStepsReadInWindows() {
    RunData run = resnet.run(LONG_HISTORY_RUN).orElseThrow();
    assertEquals(100_000, run.historyLineCount());
    JsonNode keys = run(KEYS, "RunHistoryKeys", LONG_HISTORY_RUN, Map.of());
    assertEquals(99_999, keys.get("historyKeys").get("lastStep").asLong());
    assertEquals(100_000, keys.get("historyLineCount").asLong());
    assertEquals(100_000, keys.get("historyKeys").get("keys").get("_step").get("typeCounts").get(0).get("count").asLong());
    List<Map<String, Object>> tail = history(LONG_HISTORY_RUN, 99_000L, 100_000L, 1000);
    assertEquals(1000, tail.size());
    assertEquals(99_999L, steps(tail).get(999));
    assertTrue(history(LONG_HISTORY_RUN, 100_000L, 101_000L, 1000).isEmpty(), "nothing after the last step");
  }

  @Test
  void aStepGapGivesEmptyWindowsAndTheClientMustGoOn() {
    RunData run = resnet.run(STEP_GAP_RUN).orElseThrow();
    assertTrue(history(STEP_GAP_RUN, 100L, 500L, 1000).isEmpty(), "no rows inside the gap");
    assertTrue(history(STEP_GAP_RUN, 200L, 300L, 1000).isEmpty());
    assertEquals(List.of(99L, 500L), steps(history(STEP_GAP_RUN, 99L, 501L, 1000)));
    long lastStep = run.history().lastStep();
    assertEquals(lastStep + 1 - 400, run.historyLineCount(), "every step but 100..499");
    long read = 0;
    for (long offset = 0; offset <= lastStep; offset += 100) {
      read += history(STEP_GAP_RUN, offset, offset + 100, 100).size();
    }
    assertEquals(run.historyLineCount(), read, "paging by step windows through the gap reads every row");
  }

  @Test
  void historyCarriesBareNaNAndInfinityTokens() {
    RunData diverged = resnetRun(r -> r.summary().get("loss") instanceof Double d && d.isNaN()
        && r.summary().get("val/loss") instanceof Double v && v.isInfinite() && r.history().rowCount() > 0);
    long last = diverged.history().lastStep();
    Map<String, Object> variables = new HashMap<>();
    variables.put("minStep", last);
    variables.put("maxStep", last + 1);
    String line = run(HISTORY, "RunHistory", diverged.name(), variables).get("history").get(0).asText();
    assertTrue(line.contains("\"loss\":NaN"), line);
    assertTrue(line.matches(".*\"val/loss\":-?Infinity.*"), line);
    Map<String, Object> row = parse(line);
    assertTrue(((Double) row.get("loss")).isNaN());
    assertEquals(diverged.summary().get("val/loss"), row.get("val/loss"), "the last row agrees with the summary");
  }

  @Test
  void sampledHistoryKeepsRowsWithEveryKeyAndOnlyThoseKeys() {
    RunData run = resnetRun(r -> r.summary().containsKey("val/loss") && r.history().rowCount() > 50
        && r.summary().get("loss") instanceof Double d && !d.isNaN());
    long last = run.history().lastStep();
    List<String> specs = List.of(
        "{\"keys\": [\"_step\", \"val/loss\"]}",
        "{\"keys\": [\"_step\", \"loss\"], \"minStep\": 0, \"maxStep\": " + last + ", \"samples\": 100000}",
        "{\"keys\": [\"_step\", \"loss\", \"no such key\"]}");
    JsonNode result = run(SAMPLED, "RunSampledHistory", run.name(), Map.of("specs", specs)).get("sampledHistory");
    assertEquals(3, result.size(), "one array per spec");
    List<Map<String, Object>> expected = new ArrayList<>();
    for (Map<String, Object> row : run.history().rows()) {
      if (row.containsKey("val/loss")) {
        Map<String, Object> projected = new LinkedHashMap<>();
        projected.put("_step", row.get("_step"));
        projected.put("val/loss", row.get("val/loss"));
        expected.add(projected);
      }
    }
    assertTrue(expected.size() < run.historyLineCount(), "val/loss is sparse");
    assertEquals(JsonValues.deepCopy(expected), json.fromTree(result.get(0)));
    List<Long> loss = new ArrayList<>();
    result.get(1).forEach(r -> loss.add(r.get("_step").asLong()));
    assertEquals(run.historyLineCount(), loss.size());
    assertEquals(last, loss.get(loss.size() - 1), "maxStep is inclusive");
    assertEquals(0, result.get(2).size(), "no row holds a key nobody logged");
  }

  @Test
  void sampledHistoryDownSamplesAndBoundsTheWindow() {
    String spec = "{\"keys\": [\"_step\", \"loss\"], \"minStep\": 1000, \"maxStep\": 2999, \"samples\": 20}";
    JsonNode rows = run(SAMPLED, "RunSampledHistory", LONG_HISTORY_RUN, Map.of("specs", List.of(spec)))
        .get("sampledHistory").get(0);
    assertEquals(20, rows.size());
    rows.forEach(r -> {
      assertTrue(r.get("_step").asLong() >= 1000 && r.get("_step").asLong() <= 2999, r.toString());
      assertEquals(2, r.size(), r.toString());
    });
    String all = "{\"keys\": [\"_step\"]}";
    assertEquals(500, run(SAMPLED, "RunSampledHistory", LONG_HISTORY_RUN, Map.of("specs", List.of(all)))
        .get("sampledHistory").get(0).size(), "samples defaults to 500");
  }

  @Test
  void sampledHistoryServesNonFiniteNumbersAsStrings() {
    RunData diverged = resnetRun(r -> r.summary().get("loss") instanceof Double d && d.isNaN()
        && r.summary().get("val/loss") instanceof Double v && v.isInfinite() && r.history().rowCount() > 0);
    String spec = "{\"keys\": [\"_step\", \"loss\", \"val/loss\"]}";
    GraphQlTestClient.Response response = client.post("RunSampledHistory", SAMPLED, Map.of("entity", ENTITY,
        "project", RESNET_PROJECT, "run", diverged.name(), "specs", List.of(spec)));
    assertFalse(response.body().contains(":NaN"), "the outer response stays valid JSON");
    JsonNode rows = response.data().get("project").get("run").get("sampledHistory").get(0);
    JsonNode last = rows.get(rows.size() - 1);
    assertEquals("NaN", last.get("loss").asText());
    assertTrue(last.get("loss").isTextual());
    assertEquals(((Double) diverged.summary().get("val/loss")) > 0 ? "Infinity" : "-Infinity",
        last.get("val/loss").asText());
  }

  @Test
  void eventsAreEverySystemMetricRowDownSampledWhenAskedForFewer() {
    RunData run = resnetRun(r -> r.eventsLineCount() > 50);
    JsonNode all = run(EVENTS, "RunEvents", run.name(), Map.of("samples", 100_000));
    assertEquals(run.eventsLineCount(), all.get("eventsLineCount").asLong());
    assertEquals(run.eventsLineCount(), all.get("events").size());
    Map<String, Object> first = parse(all.get("events").get(0).asText());
    assertEquals(true, first.get("_wandb"));
    for (String key : List.of("_timestamp", "_runtime", "system.cpu", "system.memory", "system.gpu.0.gpu", "system.disk")) {
      assertTrue(first.get(key) instanceof Number, key + " in " + first);
    }
    assertEquals(JsonValues.deepCopy(run.events().rows().get(0)), JsonValues.deepCopy(first));
    assertEquals(10, run(EVENTS, "RunEvents", run.name(), Map.of("samples", 10)).get("events").size());
    RunData pending = resnetRun(r -> "pending".equals(r.state()));
    assertEquals(0, run(EVENTS, "RunEvents", pending.name(), Map.of()).get("events").size());
  }

  @Test
  void historyKeysAgreeWithTheServedRows() {
    List<RunData> runs = List.of(resnet.run(STEP_GAP_RUN).orElseThrow(),
        resnetRun(r -> r.summary().containsKey(SampleDataGenerator.HISTOGRAM_KEY) && r.history().rowCount() > 0),
        resnetRun(r -> r.files().stream().anyMatch(f -> f.name().startsWith("media/images/"))),
        resnetRun(r -> r.history().rowCount() == 0));
    for (RunData run : runs) {
      JsonNode served = run(KEYS, "RunHistoryKeys", run.name(), Map.of());
      List<Map<String, Object>> rows = history(run.name(), 0L, Long.MAX_VALUE, 100_000);
      assertEquals(rows.size(), served.get("historyLineCount").asLong());
      Map<String, Map<String, Long>> counted = new LinkedHashMap<>();
      rows.forEach(row -> row.forEach((key, value) ->
          counted.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(HistoryKeys.typeOf(value), 1L, Long::sum)));
      Map<String, Map<String, Long>> typeCounts = new LinkedHashMap<>();
      served.get("historyKeys").get("keys").fields().forEachRemaining(e -> e.getValue().get("typeCounts")
          .forEach(tc -> typeCounts.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
              .put(tc.get("type").asText(), tc.get("count").asLong())));
      assertEquals(counted, typeCounts, run.name());
      long lastStep = rows.isEmpty() ? -1 : steps(rows).get(rows.size() - 1);
      assertEquals(lastStep, served.get("historyKeys").get("lastStep").asLong());
    }
    Map<?, ?> keys = (Map<?, ?>) runs.get(1).historyKeys().get("keys");
    for (String key : List.of("loss", "acc", "lr", "epoch", "phase", "is_best", "optim", SampleDataGenerator.HISTOGRAM_KEY)) {
      assertTrue(keys.containsKey(key), key + " in " + keys.keySet());
    }
    assertEquals("histogram", type(keys, SampleDataGenerator.HISTOGRAM_KEY));
    assertEquals("map", type(keys, "optim"));
    assertEquals("bool", type(keys, "is_best"));
    assertEquals("string", type(keys, "phase"));
    assertEquals("image-file", type((Map<?, ?>) runs.get(2).historyKeys().get("keys"), "examples"));
  }

  private static String type(Map<?, ?> keys, String key) {
    return (String) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) keys.get(key)).get("typeCounts")).get(0)).get("type");
  }
}
