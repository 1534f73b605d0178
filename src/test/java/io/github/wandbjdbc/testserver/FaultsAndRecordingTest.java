package io.github.wandbjdbc.testserver;

import io.github.wandbjdbc.testserver.faults.Fault;
import io.github.wandbjdbc.testserver.folders.RunFolderLoaderTest;
import io.github.wandbjdbc.testserver.http.RecordedRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripted faults, latency, concurrency, request log and recording files, over HTTP. */
class FaultsAndRecordingTest {

  private static final String VIEWER = WandbTestServerHttpTest.VIEWER_QUERY;
  private static final String RUN_COUNT =
      "query Runs($filters: JSONString) { project(name: \"resnet-sweep\", entityName: \"demo-team\") { runCount(filters: $filters) } }";

  @Test
  void scriptedFaultsAreServedInOrder() {
    try (WandbTestServer server = GraphQlTestClient.recording(WandbTestServer.builder()).start()) {
      server.faults()
          .enqueue(Fault.status(500))
          .enqueue(Fault.status(429).header("Retry-After", "1"))
          .enqueue(Fault.status(503).forOperation("Runs"))
          .enqueue(Fault.body(200, "{not json"));
      GraphQlTestClient client = new GraphQlTestClient(server);

      GraphQlTestClient.Response first = client.post("Viewer", VIEWER, Map.of());
      assertEquals(500, first.status());
      assertTrue(first.firstErrorMessage().contains("500"));
      GraphQlTestClient.Response second = client.post("Viewer", VIEWER, Map.of());
      assertEquals(429, second.status());
      assertEquals("1", second.headers().firstValue("Retry-After").orElseThrow());
      GraphQlTestClient.Response third = client.post("Viewer", VIEWER, Map.of()); // skips the Runs-only fault
      assertEquals(200, third.status());
      assertEquals("{not json", third.body());
      assertEquals(1, server.faults().pending().size());
      GraphQlTestClient.Response fourth = client.post("Viewer", VIEWER, Map.of());
      assertEquals(200, fourth.status());
      assertEquals("demo-team", fourth.data().get("viewer").get("entity").asText());
      GraphQlTestClient.Response fifth = client.post("Runs", RUN_COUNT, Map.of());
      assertEquals(503, fifth.status());
      GraphQlTestClient.Response sixth = client.post("Runs", RUN_COUNT, Map.of());
      assertEquals(200, sixth.status());
      assertEquals(2000, sixth.data().get("project").get("runCount").asInt());
      assertTrue(server.faults().pending().isEmpty());
      assertEquals(List.of(500, 429, 200, 200, 503, 200), server.requests().stream().map(RecordedRequest::httpStatus).toList());
    }
  }

  @Test
  void delayFaultAnswersNormallyButLate() {
    try (WandbTestServer server = GraphQlTestClient.recording(WandbTestServer.builder()).start()) {
      server.faults().enqueue(Fault.delayMillis(400));
      GraphQlTestClient client = new GraphQlTestClient(server);
      GraphQlTestClient.Response late = client.post("Viewer", VIEWER, Map.of());
      assertEquals(200, late.status());
      assertEquals("demo-team", late.data().get("viewer").get("entity").asText());
      assertTrue(late.elapsed().toMillis() >= 400, "answered after " + late.elapsed());
    }
  }

  @Test
  void latencyIsAddedAndRequestsAreHandledConcurrently() {
    try (WandbTestServer server = GraphQlTestClient.recording(WandbTestServer.builder()).latencyMillis(300).start()) {
      GraphQlTestClient client = new GraphQlTestClient(server);
      String body = GraphQlTestClient.body("Viewer", VIEWER, Map.of());
      List<CompletableFuture<GraphQlTestClient.Response>> inFlight = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        inFlight.add(client.postAsync(body, client.authorization()));
      }
      for (CompletableFuture<GraphQlTestClient.Response> response : inFlight) {
        assertEquals(200, response.join().status());
        assertTrue(response.join().elapsed().toMillis() >= 300);
      }
      assertEquals(6, server.requestCount());
      assertTrue(server.maxConcurrentRequests() >= 2, "max concurrent " + server.maxConcurrentRequests());
      server.clearRequests();
      assertEquals(0, server.requestCount());
      assertTrue(server.requests().isEmpty());
    }
  }

  @Test
  void requestsAreLoggedInArrivalOrderWithTheirVariables() {
    try (WandbTestServer server = GraphQlTestClient.recording(WandbTestServer.builder()).start()) {
      GraphQlTestClient client = new GraphQlTestClient(server);
      client.post("Viewer", VIEWER, Map.of());
      client.post("Runs", RUN_COUNT, Map.of("filters", "{\"state\": \"finished\"}"));
      client.post("Viewer", VIEWER, Map.of());
      List<RecordedRequest> requests = server.requests();
      assertEquals(List.of(1L, 2L, 3L), requests.stream().map(RecordedRequest::seq).toList());
      assertEquals(List.of("Viewer", "Runs", "Viewer"), requests.stream().map(RecordedRequest::operationName).toList());
      assertEquals("{\"state\": \"finished\"}", requests.get(1).variables().get("filters").asText());
      assertEquals(RUN_COUNT, requests.get(1).query());
      assertTrue(requests.stream().allMatch(RecordedRequest::authorized));
      assertFalse(requests.get(0).receivedAt().isAfter(requests.get(2).receivedAt()));
    }
  }

  @Test
  void recordingWritesOneFilePerRequestWithUniqueNamesAcrossServers(@TempDir Path folder) throws IOException {
    try (WandbTestServer a = WandbTestServer.builder().recordTo(folder).generatedProjects(false).start();
         WandbTestServer b = WandbTestServer.builder().recordTo(folder).generatedProjects(false).start()) {
      assertNotEquals(a.instanceId(), b.instanceId());
      GraphQlTestClient toA = new GraphQlTestClient(a);
      GraphQlTestClient toB = new GraphQlTestClient(b);
      toA.post("Viewer", VIEWER, Map.of());
      toA.post("Runs", RUN_COUNT, Map.of("filters", "{}"));
      toA.post(null, "{ viewer { id } }", Map.of());
      toB.post("Viewer", VIEWER, Map.of());
      toB.postBody(GraphQlTestClient.body("Viewer", VIEWER, Map.of()), null); // unauthorized, still recorded

      List<Path> files;
      try (Stream<Path> listing = Files.list(folder)) {
        files = listing.sorted().toList();
      }
      assertEquals(5, files.size(), files.toString());
      assertEquals(3, files.stream().filter(f -> f.getFileName().toString().startsWith(a.instanceId() + "-")).count());
      assertEquals(2, files.stream().filter(f -> f.getFileName().toString().startsWith(b.instanceId() + "-")).count());
      assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals(a.instanceId() + "-00002-Runs.json")));
      assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals(a.instanceId() + "-00003-anonymous.json")));

      ObjectMapper mapper = new ObjectMapper();
      JsonNode runs = mapper.readTree(folder.resolve(a.instanceId() + "-00002-Runs.json").toFile());
      List<String> fields = new ArrayList<>();
      for (Iterator<String> it = runs.fieldNames(); it.hasNext(); ) {
        fields.add(it.next());
      }
      assertEquals(List.of("query", "variables", "operationName"), fields);
      assertEquals(RUN_COUNT, runs.get("query").asText());
      assertEquals("{}", runs.get("variables").get("filters").asText());
      assertEquals("Runs", runs.get("operationName").asText());
      JsonNode anonymous = mapper.readTree(folder.resolve(a.instanceId() + "-00003-anonymous.json").toFile());
      assertTrue(anonymous.get("operationName").isNull());
      for (Path file : files) {
        assertFalse(Files.readString(file).contains(a.apiKey()), "no key in " + file);
      }
    }
  }

  @Test
  void closeFreesThePortAndCaseModeChangesStringComparison() {
    int port;
    try (WandbTestServer first = WandbTestServer.builder().start()) {
      port = first.port();
      assertTrue(port > 0);
    }
    String filters = "{\"config.optimizer\": \"ADAM\"}";
    try (WandbTestServer again = GraphQlTestClient.recording(WandbTestServer.builder()).port(port)
        .caseInsensitiveStrings(true).start()) {
      assertEquals(port, again.port());
      assertEquals("http://127.0.0.1:" + port, again.baseUrl());
      int insensitive = new GraphQlTestClient(again).post("Runs", RUN_COUNT, Map.of("filters", filters))
          .data().get("project").get("runCount").asInt();
      assertTrue(insensitive > 100, "ADAM matches adam case-insensitively: " + insensitive);
    }
    try (WandbTestServer sensitive = GraphQlTestClient.recording(WandbTestServer.builder()).start()) {
      assertEquals(0, new GraphQlTestClient(sensitive).post("Runs", RUN_COUNT, Map.of("filters", filters))
          .data().get("project").get("runCount").asInt());
    }
  }

  @Test
  void withoutGeneratedProjectsTheFirstDataEntityIsTheViewers() {
    try (WandbTestServer server = GraphQlTestClient.recording(WandbTestServer.builder())
        .generatedProjects(false).dataDir(RunFolderLoaderTest.FIXTURES).apiKey("local-" + "k".repeat(40)).start()) {
      assertEquals(List.of("acme/legacy-vision", "acme/modern-llm"), server.data().projectPaths());
      assertEquals(6, server.loadReport().loaded().size());
      assertEquals(3, server.loadReport().skipped().size());
      GraphQlTestClient client = new GraphQlTestClient(server);
      assertEquals("acme", client.post("Viewer", VIEWER, Map.of()).data().get("viewer").get("entity").asText());
      assertEquals(401, new GraphQlTestClient(server.graphqlUri(), WandbTestServer.DEFAULT_API_KEY)
          .post("Viewer", VIEWER, Map.of()).status());
    }
  }

  /** The key a request presented comes back in 401 and 5xx answers only, and only when asked. */
  @Test
  void echoKeyInErrorsSaysThePresentedKeyIn401sAnd5xxs() {
    String key = "echo-" + "e".repeat(40);
    String wrong = "wrong-" + "w".repeat(40);
    String echo = "request with api key " + wrong + " (Authorization: " + GraphQlTestClient.basic(wrong) + ")";
    String body = GraphQlTestClient.body("Viewer", VIEWER, Map.of());
    try (WandbTestServer server = GraphQlTestClient.recording(WandbTestServer.builder())
        .apiKey(key).echoKeyInErrors(true).start()) {
      GraphQlTestClient client = new GraphQlTestClient(server);
      GraphQlTestClient.Response rejected = client.postBody(body, GraphQlTestClient.basic(wrong));
      assertEquals(401, rejected.status());
      assertEquals(echo + ": invalid or missing API key: send HTTP Basic auth with user 'api' and the API key as"
          + " password", rejected.firstErrorMessage());
      assertEquals(401, client.postBody(body, null).status());
      assertFalse(client.postBody(body, null).body().contains("request with"), "no key, no echo");

      server.faults().enqueue(Fault.status(500)).enqueue(Fault.body(502, "<html>Bad Gateway</html>"))
          .enqueue(Fault.status(429));
      GraphQlTestClient.Response failed = client.postBody(body);
      assertEquals(500, failed.status());
      assertEquals("request with api key " + key + " (Authorization: " + client.authorization()
          + "): scripted fault: HTTP 500", failed.firstErrorMessage());
      assertEquals("request with api key " + key + " (Authorization: " + client.authorization()
          + ") <html>Bad Gateway</html>", client.postBody(body).body());
      assertEquals("{\"errors\":[{\"message\":\"scripted fault: HTTP 429\"}]}", client.postBody(body).body(),
          "other statuses are left alone");
      assertEquals(200, client.postBody(body).status());
    }
    try (WandbTestServer quiet = GraphQlTestClient.recording(WandbTestServer.builder()).start()) {
      GraphQlTestClient.Response rejected = new GraphQlTestClient(quiet).postBody(body, GraphQlTestClient.basic(wrong));
      assertFalse(rejected.body().contains(wrong), "by default the key is never echoed");
    }
  }
}
