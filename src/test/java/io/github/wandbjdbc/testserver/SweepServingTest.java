package io.github.wandbjdbc.testserver;

import io.github.wandbjdbc.testserver.generate.SampleDataGenerator;

import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.BERT_PROJECT;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.ENTITY;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.MAIN_SWEEP;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.RESNET_PROJECT;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.SECOND_SWEEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code Project.sweeps}, {@code sweep} and {@code totalSweeps} over HTTP (docs/WIRE.md, Sweeps).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepServingTest {

  static final String SWEEPS = """
      query GetSweeps($project: String!, $entity: String!, $filters: JSONString, $cursor: String, $perPage: Int = 50) {
        project(name: $project, entityName: $entity) {
          totalSweeps
          sweeps(after: $cursor, first: $perPage, filters: $filters) {
            pageInfo { endCursor hasNextPage }
            edges { node { ...SweepFragment } }
          }
        }
      }
      fragment SweepFragment on Sweep {
        id name displayName method state description bestLoss config createdAt updatedAt runCount runCountExpected
      }""";
  static final String SWEEP = """
      query Sweep($project: String!, $entity: String!, $name: String!) {
        project(name: $project, entityName: $entity) {
          sweep(sweepName: $name) { name runCount config }
        }
      }""";

  private WandbTestServer server;
  private GraphQlTestClient client;

  @BeforeAll
  void start() {
    server = GraphQlTestClient.recording(WandbTestServer.builder()).start();
    client = new GraphQlTestClient(server);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private JsonNode project(String query, String operation, String project, Map<String, Object> variables) {
    Map<String, Object> all = new HashMap<>(variables);
    all.put("entity", ENTITY);
    all.put("project", project);
    GraphQlTestClient.Response response = client.post(operation, query, all);
    assertFalse(response.hasErrors(), response.body());
    return response.data().get("project");
  }

  @Test
  void runCountsAreTheRunsNamingEachSweep() {
    JsonNode project = project(SWEEPS, "GetSweeps", RESNET_PROJECT, Map.of());
    assertEquals(2, project.get("totalSweeps").asInt());
    List<String> names = new ArrayList<>();
    for (JsonNode edge : project.get("sweeps").get("edges")) {
      JsonNode sweep = edge.get("node");
      names.add(sweep.get("name").asText());
      long runs = server.data().project(ENTITY, RESNET_PROJECT).runs().stream()
          .filter(r -> sweep.get("name").asText().equals(r.sweepName())).count();
      assertEquals(runs, sweep.get("runCount").asLong(), sweep.toString());
      assertTrue(sweep.get("config").asText().contains("metric:"), "YAML text");
      assertTrue(sweep.get("bestLoss").isNumber());
      assertFalse(sweep.get("method").asText().isEmpty());
    }
    assertEquals(List.of(SECOND_SWEEP, MAIN_SWEEP).stream().sorted().toList(), names);
    assertEquals(SampleDataGenerator.SECOND_SWEEP_RUNS,
        project(SWEEP, "Sweep", RESNET_PROJECT, Map.of("name", SECOND_SWEEP)).get("sweep").get("runCount").asInt());
    assertTrue(project(SWEEP, "Sweep", RESNET_PROJECT, Map.of("name", "nope")).get("sweep").isNull());
  }

  @Test
  void aSweepWithoutRunsCountsZero() {
    JsonNode project = project(SWEEPS, "GetSweeps", BERT_PROJECT, Map.of());
    assertEquals(1, project.get("totalSweeps").asInt());
    JsonNode sweep = project.get("sweeps").get("edges").get(0).get("node");
    assertEquals(SampleDataGenerator.EMPTY_SWEEP, sweep.get("name").asText());
    assertEquals(0, sweep.get("runCount").asInt());
    assertTrue(sweep.get("bestLoss").isNull());
    assertEquals(3, sweep.get("runCountExpected").asInt());
  }

  @Test
  void pagingAndFilters() {
    JsonNode first = project(SWEEPS, "GetSweeps", RESNET_PROJECT, Map.of("perPage", 1)).get("sweeps");
    assertEquals(1, first.get("edges").size());
    assertTrue(first.get("pageInfo").get("hasNextPage").asBoolean());
    JsonNode second = project(SWEEPS, "GetSweeps", RESNET_PROJECT,
        Map.of("perPage", 1, "cursor", first.get("pageInfo").get("endCursor").asText())).get("sweeps");
    assertEquals(1, second.get("edges").size());
    assertFalse(second.get("pageInfo").get("hasNextPage").asBoolean());
    assertEquals(MAIN_SWEEP, second.get("edges").get(0).get("node").get("name").asText());
    JsonNode running = project(SWEEPS, "GetSweeps", RESNET_PROJECT, Map.of("filters", "{\"state\": \"RUNNING\"}"));
    assertEquals(1, running.get("sweeps").get("edges").size());
    assertEquals(SECOND_SWEEP, running.get("sweeps").get("edges").get(0).get("node").get("name").asText());
    GraphQlTestClient.Response bad = client.post("GetSweeps", SWEEPS, Map.of("entity", ENTITY, "project", RESNET_PROJECT,
        "filters", "{\"bestLoss\": 1}"));
    assertTrue(bad.firstErrorMessage().contains("filters"), bad.body());
  }
}
