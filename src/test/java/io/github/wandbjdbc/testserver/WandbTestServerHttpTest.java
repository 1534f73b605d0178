package io.github.wandbjdbc.testserver;

import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.ServerData;
import io.github.wandbjdbc.testserver.data.WandbDateTime;
import io.github.wandbjdbc.testserver.folders.RunFolderLoaderTest;
import io.github.wandbjdbc.testserver.generate.SampleDataGenerator;
import io.github.wandbjdbc.testserver.http.RecordedRequest;
import io.github.wandbjdbc.testserver.semantics.RunQuery;
import io.github.wandbjdbc.testserver.semantics.ValueOrder;

import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.ENTITY;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.RESNET_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The server over real HTTP, with valid W&B requests. Every request here is recorded into the
 * surefire request log and must pass check-graphql; deliberately invalid requests live in
 * {@link WandbTestServerRejectionTest}, whose server does not record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WandbTestServerHttpTest {

  static final String RUNS_QUERY = """
      query Runs($project: String!, $entity: String!, $cursor: String, $perPage: Int = 50, $order: String, $filters: JSONString) {
        project(name: $project, entityName: $entity) {
          internalId
          runCount(filters: $filters)
          readOnly
          runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {
            totalCount
            edges {
              cursor
              node {
                projectId id name displayName state tags group jobType sweepName commit host description notes
                readOnly createdAt updatedAt heartbeatAt stopped computeSeconds
                user { id name username email }
                config summaryMetrics systemMetrics wandbConfig(keys: ["cli_version"])
                historyKeys historyLineCount eventsLineCount logLineCount fileCount
                project { name entityName }
              }
            }
            pageInfo { startCursor endCursor hasNextPage hasPreviousPage }
          }
        }
      }""";
  static final String NAMES_QUERY = """
      query RunNames($project: String!, $entity: String!, $cursor: String, $perPage: Int, $order: String, $filters: JSONString) {
        project(name: $project, entityName: $entity) {
          runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {
            edges { cursor node { name } }
            pageInfo { endCursor hasNextPage }
          }
        }
      }""";
  static final String VIEWER_QUERY = "query Viewer { viewer { id entity username name email admin flags teams { edges { node { name isTeam } } } } }";

  private static final Pattern WANDB_DATE_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?");
  private static final JsonValues JSON = new JsonValues();

  private WandbTestServer server;
  private GraphQlTestClient client;

  @BeforeAll
  void start() {
    server = GraphQlTestClient.recording(WandbTestServer.builder()).dataDir(RunFolderLoaderTest.FIXTURES).start();
    client = new GraphQlTestClient(server);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void viewerNamesTheDefaultEntity() {
    GraphQlTestClient.Response response = client.post("Viewer", VIEWER_QUERY, Map.of());
    assertEquals(200, response.status());
    JsonNode viewer = response.data().get("viewer");
    assertEquals(ENTITY, viewer.get("entity").asText());
    assertEquals(ServerData.DEFAULT_VIEWER.username(), viewer.get("username").asText());
    assertEquals(ENTITY, viewer.get("teams").get("edges").get(0).get("node").get("name").asText());
  }

  @Test
  void everyRunFieldResolvesFromTheData() throws IOException {
    GraphQlTestClient.Response response = client.post("Runs", RUNS_QUERY, Map.of(
        "project", RESNET_PROJECT, "entity", ENTITY, "perPage", 1000, "order", "+created_at", "filters", "{}"));
    assertEquals(200, response.status(), response.body());
    assertFalse(response.hasErrors(), response.body());
    ProjectData expected = server.data().project(ENTITY, RESNET_PROJECT);
    JsonNode project = response.data().get("project");
    assertEquals(expected.internalId(), project.get("internalId").asText());
    assertEquals(2000, project.get("runCount").asInt());
    assertEquals(2000, project.get("runs").get("totalCount").asInt());
    JsonNode edges = project.get("runs").get("edges");
    assertEquals(1000, edges.size());
    for (int i = 0; i < edges.size(); i++) {
      RunData run = expected.runs().get(i); // +created_at with ties by seq = creation order
      JsonNode node = edges.get(i).get("node");
      assertEquals(run.name(), node.get("name").asText());
      assertEquals(run.id(), node.get("id").asText());
      assertEquals(expected.internalId(), node.get("projectId").asText());
      assertEquals(run.displayName(), node.get("displayName").asText());
      assertEquals(run.state(), node.get("state").asText());
      assertEquals(run.tags(), JSON.fromTree(node.get("tags")));
      assertEquals(run.group(), textOrNull(node.get("group")));
      assertEquals(run.jobType(), textOrNull(node.get("jobType")));
      assertEquals(run.sweepName(), textOrNull(node.get("sweepName")));
      assertEquals(run.commit(), textOrNull(node.get("commit")));
      assertEquals(run.host(), textOrNull(node.get("host")));
      assertEquals(run.notes(), textOrNull(node.get("notes")));
      assertEquals(run.description(), textOrNull(node.get("description")));
      assertEquals(WandbDateTime.format(run.createdAt()), node.get("createdAt").asText());
      assertEquals(run.heartbeatAt() == null ? null : WandbDateTime.format(run.heartbeatAt()), textOrNull(node.get("heartbeatAt")));
      assertEquals(WandbDateTime.format(run.updatedAt()), node.get("updatedAt").asText());
      assertEquals(run.stopped(), node.get("stopped").asBoolean());
      assertEquals(run.computeSeconds(), node.get("computeSeconds").asLong());
      assertEquals(run.user().username(), node.get("user").get("username").asText());
      assertEquals(run.user().email(), textOrNull(node.get("user").get("email")));
      assertEquals(run.config().wrapped(), JSON.parseJson(node.get("config").asText()));
      assertEquals(run.summary(), JSON.parseJson(node.get("summaryMetrics").asText()));
      assertEquals(run.systemMetrics(), JSON.parseJson(node.get("systemMetrics").asText()));
      assertEquals(Map.of("cli_version", ((Map<?, ?>) run.config().values().get("_wandb")).get("cli_version")),
          JSON.parseJson(node.get("wandbConfig").asText()));
      assertEquals(run.historyKeys(), JSON.fromTree(node.get("historyKeys")));
      assertEquals(run.historyLineCount(), node.get("historyLineCount").asLong());
      assertEquals(run.eventsLineCount(), node.get("eventsLineCount").asLong());
      assertEquals(run.logLineCount(), node.get("logLineCount").asLong());
      assertEquals(run.fileCount(), node.get("fileCount").asInt());
      assertEquals(RESNET_PROJECT, node.get("project").get("name").asText());
    }
    JsonNode pageInfo = project.get("runs").get("pageInfo");
    assertTrue(pageInfo.get("hasNextPage").asBoolean());
    assertFalse(pageInfo.get("hasPreviousPage").asBoolean());
    assertEquals(edges.get(999).get("cursor"), pageInfo.get("endCursor"));
    assertEquals(edges.get(0).get("cursor"), pageInfo.get("startCursor"));
  }

  @Test
  void dateTimesAreUtcWithoutZoneWithAndWithoutFraction() {
    GraphQlTestClient.Response response = client.post("Runs", RUNS_QUERY, Map.of(
        "project", RESNET_PROJECT, "entity", ENTITY, "perPage", 300));
    Set<Boolean> withFraction = new HashSet<>();
    for (JsonNode edge : response.data().get("project").get("runs").get("edges")) {
      String createdAt = edge.get("node").get("createdAt").asText();
      assertTrue(WANDB_DATE_TIME.matcher(createdAt).matches(), createdAt);
      withFraction.add(createdAt.contains("."));
    }
    assertEquals(Set.of(true, false), withFraction);
  }

  @Test
  void jsonStringsCarryBareNaNAndInfinityTokens() {
    GraphQlTestClient.Response response = client.post("Runs", RUNS_QUERY, Map.of(
        "project", RESNET_PROJECT, "entity", ENTITY, "perPage", 100,
        "filters", "{\"summary_metrics.loss\": NaN, \"summary_metrics.val/loss\": {\"$exists\": true}}"));
    JsonNode edges = response.data().get("project").get("runs").get("edges");
    assertTrue(edges.size() > 0);
    for (JsonNode edge : edges) {
      String summary = edge.get("node").get("summaryMetrics").asText();
      assertTrue(summary.contains("\"loss\":NaN"), summary);
      assertTrue(summary.contains("\"val/loss\":Infinity") || summary.contains("\"val/loss\":-Infinity"), summary);
      assertFalse(summary.contains("\"NaN\""), summary);
    }
  }

  @Test
  void pagingOverHttpFollowsEndCursorAndEdgeCursors() {
    String filters = "{\"$and\": [{\"state\": {\"$in\": [\"finished\", \"crashed\"]}}, {\"config.model.depth\": {\"$gte\": 50}}]}";
    String order = "-summary_metrics.val/acc";
    List<String> paged = new ArrayList<>();
    String cursor = null;
    String secondEdgeCursorOfFirstPage = null;
    do {
      Map<String, Object> variables = new java.util.HashMap<>(Map.of(
          "project", RESNET_PROJECT, "entity", ENTITY, "perPage", 300, "order", order, "filters", filters));
      variables.put("cursor", cursor);
      JsonNode runs = client.post("RunNames", NAMES_QUERY, variables).data().get("project").get("runs");
      runs.get("edges").forEach(e -> paged.add(e.get("node").get("name").asText()));
      if (secondEdgeCursorOfFirstPage == null) {
        secondEdgeCursorOfFirstPage = runs.get("edges").get(1).get("cursor").asText();
      }
      cursor = runs.get("pageInfo").get("hasNextPage").asBoolean() ? runs.get("pageInfo").get("endCursor").asText() : null;
    } while (cursor != null);
    List<String> expected = new RunQuery(new ValueOrder(false), JSON)
        .select(server.data().project(ENTITY, RESNET_PROJECT), filters, order).stream().map(RunData::name).toList();
    assertTrue(expected.size() > 300, "several pages");
    assertEquals(expected, paged);

    JsonNode resumed = client.post("RunNames", NAMES_QUERY, Map.of("project", RESNET_PROJECT, "entity", ENTITY,
        "perPage", 3, "order", order, "filters", filters, "cursor", secondEdgeCursorOfFirstPage))
        .data().get("project").get("runs").get("edges");
    assertEquals(expected.subList(2, 5), List.of(resumed.get(0).get("node").get("name").asText(),
        resumed.get(1).get("node").get("name").asText(), resumed.get(2).get("node").get("name").asText()));
  }

  @Test
  void keysArgumentsProjectTopLevelKeys() throws IOException {
    String query = """
        query Projection($project: String!, $entity: String!, $name: String!) {
          project(name: $project, entityName: $entity) {
            run(name: $name) {
              configSubset: config(keys: ["lr", "model", "not-there"])
              summaryMetrics(keys: ["val/loss", "_step"])
              wandbConfig
            }
          }
        }""";
    RunData run = server.data().project(ENTITY, RESNET_PROJECT).runs().get(100);
    JsonNode node = client.post("Projection", query, Map.of("project", RESNET_PROJECT, "entity", ENTITY, "name", run.name()))
        .data().get("project").get("run");
    Map<?, ?> config = (Map<?, ?>) JSON.parseJson(node.get("configSubset").asText());
    assertEquals(Set.of("lr", "model"), config.keySet());
    assertEquals(run.config().wrapped().get("lr"), config.get("lr"), "config stays wrapped");
    Map<?, ?> summary = (Map<?, ?>) JSON.parseJson(node.get("summaryMetrics").asText());
    assertTrue(summary.containsKey("_step") && summary.size() <= 2);
    assertEquals(run.config().values().get("_wandb"), JSON.parseJson(node.get("wandbConfig").asText()));
  }

  @Test
  void absentProjectsAndRunsAreNullWithoutErrors() {
    String query = """
        query Lookups($entity: String!) {
          missing: project(name: "no-such-project", entityName: $entity) { name }
          present: project(name: "resnet-sweep", entityName: $entity) { name run(name: "nope") { name } bucket(name: "nope", missingOk: true) { name } }
          otherEntity: project(name: "resnet-sweep", entityName: "nobody") { name }
        }""";
    GraphQlTestClient.Response response = client.post("Lookups", query, Map.of("entity", ENTITY));
    assertEquals(200, response.status());
    assertFalse(response.hasErrors(), response.body());
    assertTrue(response.data().get("missing").isNull());
    assertTrue(response.data().get("present").get("run").isNull());
    assertTrue(response.data().get("present").get("bucket").isNull());
    assertTrue(response.data().get("otherEntity").isNull());
  }

  @Test
  void modelsListsProjectsWithRelayPaging() {
    String query = """
        query GetProjects($entity: String, $cursor: String, $perPage: Int = 50) {
          models(entityName: $entity, after: $cursor, first: $perPage) {
            edges { node { id name entityName createdAt isBenchmark user { name username } } cursor }
            pageInfo { endCursor hasNextPage }
          }
        }""";
    JsonNode first = client.post("GetProjects", query, Map.of("entity", ENTITY, "perPage", 1)).data().get("models");
    assertEquals(RESNET_PROJECT, first.get("edges").get(0).get("node").get("name").asText());
    assertTrue(first.get("pageInfo").get("hasNextPage").asBoolean());
    JsonNode second = client.post("GetProjects", query, Map.of("entity", ENTITY, "perPage", 1,
        "cursor", first.get("pageInfo").get("endCursor").asText())).data().get("models");
    assertEquals(SampleDataGenerator.BERT_PROJECT, second.get("edges").get(0).get("node").get("name").asText());
    assertFalse(second.get("pageInfo").get("hasNextPage").asBoolean());
    JsonNode loaded = client.post("GetProjects", query, Map.of("entity", "acme")).data().get("models");
    assertEquals(2, loaded.get("edges").size(), "run folders are served next to the generated projects");
    JsonNode viewerDefault = client.post("GetProjects", query, Map.of()).data().get("models");
    assertEquals(2, viewerDefault.get("edges").size());
    assertEquals(ENTITY, viewerDefault.get("edges").get(0).get("node").get("entityName").asText());
  }

  @Test
  void runCountHonoursFilters() {
    String query = """
        query Count($entity: String!, $filters: JSONString) {
          project(name: "resnet-sweep", entityName: $entity) { runCount(filters: $filters) totalSweeps }
        }""";
    String filters = "{\"sweep\": \"" + SampleDataGenerator.SECOND_SWEEP + "\"}";
    JsonNode project = client.post("Count", query, Map.of("entity", ENTITY, "filters", filters)).data().get("project");
    assertEquals(SampleDataGenerator.SECOND_SWEEP_RUNS, project.get("runCount").asInt());
    assertEquals(2, project.get("totalSweeps").asInt());
  }

  @Test
  void introspectionDescribesTheWandbSchema() {
    GraphQlTestClient.Response full = client.post("IntrospectionQuery", graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY, Map.of());
    assertEquals(200, full.status());
    assertFalse(full.hasErrors(), full.body());
    Set<String> types = new HashSet<>();
    full.data().get("__schema").get("types").forEach(t -> types.add(t.get("name").asText()));
    assertTrue(types.containsAll(Set.of("Run", "Project", "RunConnection", "JSONString", "DateTime", "ArtifactCollection")), types.toString());

    JsonNode run = client.post("RunType", "query RunType { __type(name: \"Run\") { fields { name args { name } } } }", Map.of())
        .data().get("__type");
    Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
    run.get("fields").forEach(f -> {
      List<String> args = new ArrayList<>();
      f.get("args").forEach(a -> args.add(a.get("name").asText()));
      fields.put(f.get("name").asText(), args);
    });
    assertEquals(List.of("keys"), fields.get("summaryMetrics"));
    assertEquals(List.of("minStep", "maxStep", "samples"), fields.get("history"));
    assertTrue(fields.containsKey("parquetHistory"));
  }

  @Test
  void unservedFieldsAnswerWithAGraphQlErrorNamingThem() {
    String query = "query Logs($entity: String!) { project(name: \"resnet-sweep\", entityName: $entity) { run(name: \""
        + SampleDataGenerator.LONG_HISTORY_RUN + "\") { logLines(first: 5) { edges { node { line } } } } } }";
    GraphQlTestClient.Response response = client.post("Logs", query, Map.of("entity", ENTITY));
    assertEquals(200, response.status());
    assertTrue(response.firstErrorMessage().contains("Run.logLines is not served"), response.body());
  }

  @Test
  void wrongOrMissingKeyGets401WithoutExposingTheKey() {
    String body = GraphQlTestClient.body("Viewer", VIEWER_QUERY, Map.of());
    GraphQlTestClient.Response wrong = client.postBody(body, GraphQlTestClient.basic("not-the-key-" + "x".repeat(40)));
    assertEquals(401, wrong.status());
    assertTrue(wrong.firstErrorMessage().contains("API key"));
    GraphQlTestClient.Response missing = client.postBody(body, null);
    assertEquals(401, missing.status());
    GraphQlTestClient.Response otherUser = client.postBody(body, "Basic " + Base64.getEncoder()
        .encodeToString(("user:" + server.apiKey()).getBytes(StandardCharsets.UTF_8)));
    assertEquals(401, otherUser.status(), "the Basic user name must be 'api'");
    List<RecordedRequest> requests = server.requests();
    RecordedRequest last = requests.get(requests.size() - 1);
    assertFalse(last.authorized());
    assertEquals(401, last.httpStatus());
    assertEquals("wandb-jdbc-tests", last.userAgent());
    assertFalse(requests.toString().contains(server.apiKey()), "the key never appears in recorded requests");
    assertFalse(server.toString().contains(server.apiKey()));
  }

  @Test
  void operationNameIsTakenFromTheDocumentWhenTheBodyHasNone() {
    GraphQlTestClient.Response response = client.post(null, VIEWER_QUERY, Map.of());
    assertEquals(200, response.status());
    RecordedRequest recorded = server.requests().stream()
        .filter(r -> r.query() != null && r.query().equals(VIEWER_QUERY) && r.httpStatus() == 200)
        .reduce((a, b) -> b).orElseThrow();
    assertEquals("Viewer", recorded.operationName());
    assertNotNull(recorded.receivedAt());
  }

  static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
