package io.github.wandbjdbc.testserver.folders;

import io.github.wandbjdbc.testserver.GraphQlTestClient;
import io.github.wandbjdbc.testserver.WandbTestServer;
import io.github.wandbjdbc.testserver.data.HistoryData;
import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.RunFile;
import io.github.wandbjdbc.testserver.data.ServerData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * History, events and files of loaded run folders (fixtures under {@code rundata-streams/}), with
 * the quirks real folders have: repeated, missing, float and huge {@code _step} values, bare
 * NaN/Infinity, lines that are not JSON objects, events under {@code files/}, odd file names, and a
 * flat pre-0.10 folder.
 */
class RunFolderStreamsTest {

  static final Path FIXTURES = fixtures();

  private final ServerData.Assembler assembler = ServerData.assembler(ServerData.DEFAULT_VIEWER);
  private final LoadReport report = new RunFolderLoader(new JsonValues()).load(List.of(FIXTURES), assembler);
  private final ServerData data = assembler.build();

  static Path fixtures() {
    try {
      return Path.of(Objects.requireNonNull(RunFolderStreamsTest.class.getResource("rundata-streams")).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private RunData run(String name) {
    return data.project("acme", "quirks").run(name).orElseThrow();
  }

  @Test
  void historyStepsFollowTheDocumentedRules() {
    RunData run = run("quirk001");
    HistoryData history = run.history();
    // 0; 1.0 then 1 again (the later row wins); no _step -> 2; 5e9 kept exactly; 2.5 -> after 5e9.
    assertEquals(List.of(0L, 1L, 2L, 5_000_000_000L, 5_000_000_001L),
        Arrays.stream(history.steps(Long.MIN_VALUE, Long.MAX_VALUE)).boxed().toList());
    assertEquals(5, run.historyLineCount());
    assertEquals(5_000_000_001L, history.lastStep());
    assertEquals(5_000_000_001L, run.historyKeys().get("lastStep"));
    Map<String, Object> repeated = history.row(1);
    assertEquals("logged again at step 1", repeated.get("note"));
    assertEquals(1.25, repeated.get("loss"));
    assertFalse(repeated.containsKey("acc"), "the earlier row of step 1 is gone, not merged");
    assertEquals(2L, history.row(2).get("_step"), "numbered rows carry their step");
    assertEquals(Double.NEGATIVE_INFINITY, history.row(5_000_000_000L).get("val loss"));
    assertEquals(3L, history.row(5_000_000_000L).get("a/b.c %"));
    assertEquals(1.5, history.row(0).get("loss"));
    String notes = report.loaded().stream().filter(e -> e.runPath().endsWith("quirk001")).findFirst().orElseThrow().detail();
    assertTrue(notes.contains("2 history line(s) are not JSON objects"), notes);
    assertTrue(notes.contains("1 history row(s) repeated an earlier step"), notes);
    assertTrue(notes.contains("2 history row(s) without an integral _step"), notes);
    Map<?, ?> keys = (Map<?, ?>) run.historyKeys().get("keys");
    assertEquals(List.of(Map.of("type", "number", "count", 5L)),
        ((Map<?, ?>) keys.get("_step")).get("typeCounts"));
    assertEquals(List.of(Map.of("type", "image-file", "count", 1L)),
        ((Map<?, ?>) keys.get("media")).get("typeCounts"));
  }

  @Test
  void eventsComeFromFilesAndKeepNaN() {
    RunData run = run("quirk001");
    assertEquals(2, run.eventsLineCount());
    List<Map<String, Object>> rows = run.events().rows();
    assertTrue(((Double) rows.get(0).get("system.gpu.0.gpu")).isNaN());
    assertEquals(13.5, run.systemMetrics().get("system.cpu"), "systemMetrics is the last row");
    assertEquals(1, run("flatq002").eventsLineCount());
  }

  @Test
  void filesAreTheFilesFolderOrTheFlatFolder() {
    RunData run = run("quirk001");
    assertEquals(List.of("config.yaml", "media/images/sample_0_abc.png", "my notes 50%_done.txt", "output.log",
        "wandb-events.jsonl", "wandb-metadata.json", "wandb-summary.json"),
        run.files().stream().map(RunFile::name).toList(), "not logs/, the root history or the .wandb log");
    RunFile notes = run.files().get(2);
    assertEquals(10, notes.sizeBytes());
    assertEquals("o0nK2VRPAmICe/xV4z7hzQ==", notes.md5(), "base64 MD5 of the content");
    assertEquals("text/plain", notes.mimetype());
    assertEquals(run.updatedAt(), notes.updatedAt());
    assertEquals("image/png", run.files().get(1).mimetype());
    assertEquals(List.of("config.yaml", "media/images/x.png", "wandb-events.jsonl", "wandb-history.jsonl",
        "wandb-summary.json"), run("flatq002").files().stream().map(RunFile::name).toList());
    assertEquals(2, run("flatq002").historyLineCount());
  }

  @Test
  void loadedStreamsAreServed() {
    try (WandbTestServer server = GraphQlTestClient.recording(WandbTestServer.builder())
        .generatedProjects(false).dataDir(FIXTURES).start()) {
      GraphQlTestClient client = new GraphQlTestClient(server);
      String query = """
          query RunStreams($entity: String!, $project: String!, $run: String!, $minStep: Int64, $maxStep: Int64, $pattern: String, $specs: [JSONString!]!) {
            project(name: $project, entityName: $entity) {
              run(name: $run) {
                history(minStep: $minStep, maxStep: $maxStep, samples: 1000)
                sampledHistory(specs: $specs)
                events(samples: 1000)
                files(pattern: $pattern) { edges { node { name sizeBytes md5 url directUrl } } }
              }
            }
          }""";
      GraphQlTestClient.Response response = client.post("RunStreams", query, Map.of("entity", "acme",
          "project", "quirks", "run", "quirk001", "minStep", 1, "maxStep", 5_000_000_001L, "pattern", "my notes 50\\%\\_%",
          "specs", List.of("{\"keys\": [\"_step\", \"loss\"], \"maxStep\": 5000000001}")));
      assertFalse(response.hasErrors(), response.body());
      JsonNode run = response.data().get("project").get("run");
      List<String> history = new ArrayList<>();
      run.get("history").forEach(h -> history.add(h.asText()));
      assertEquals(3, history.size(), history.toString());
      assertTrue(history.get(2).contains("\"val loss\":-Infinity"), history.get(2));
      assertTrue(history.get(2).contains("\"_step\":5000000000"), history.get(2));
      JsonNode sampled = run.get("sampledHistory").get(0);
      assertEquals(4, sampled.size(), "rows with loss, maxStep inclusive: " + sampled);
      assertEquals(5_000_000_001L, sampled.get(3).get("_step").asLong());
      assertEquals(2, run.get("events").size());
      assertTrue(run.get("events").get(0).asText().contains("NaN"));
      JsonNode file = run.get("files").get("edges").get(0).get("node");
      assertEquals("my notes 50%_done.txt", file.get("name").asText());
      assertEquals(1, run.get("files").get("edges").size());
      assertTrue(file.get("url").asText().endsWith("/files/acme/quirks/quirk001/my%20notes%2050%25_done.txt"),
          file.get("url").asText());
    }
  }
}
