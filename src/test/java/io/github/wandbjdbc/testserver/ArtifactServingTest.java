package io.github.wandbjdbc.testserver;

import io.github.wandbjdbc.testserver.data.ArtifactCollectionData;
import io.github.wandbjdbc.testserver.data.ArtifactData;
import io.github.wandbjdbc.testserver.data.ArtifactTypeData;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.WandbDateTime;

import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.CHECKPOINTS;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.CIFAR10;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.ENTITY;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.RESNET_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Artifact types, collections, versions and lineage over HTTP (docs/WIRE.md, ArtifactTypes to
 * ArtifactUsage).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactServingTest {

  static final String FRAGMENT = """
      fragment ArtifactFragment on Artifact {
        id
        artifactSequence { __typename name project { id internalId name entity { name } } }
        versionIndex
        artifactType { name }
        description metadata ttlDurationSeconds ttlIsInherited
        tags { __typename id name }
        historyStep state size digest commitHash fileCount createdAt updatedAt
        aliases { id alias artifactCollectionName artifactCollection { __typename name } }
        usedCount
        createdBy { __typename ... on Run { name } ... on User { username } }
      }""";
  static final String TYPES = """
      query ProjectArtifactTypes($entity: String!, $project: String!, $cursor: String, $perPage: Int) {
        project(name: $project, entityName: $entity) {
          artifactTypes(after: $cursor, first: $perPage) {
            edges { node { __typename id name description createdAt } cursor }
            pageInfo { __typename endCursor hasNextPage }
          }
        }
      }""";
  static final String COLLECTIONS = """
      query ArtifactTypeArtifactCollections($entity: String!, $project: String!, $type: String!, $cursor: String, $perPage: Int, $filters: JSONString, $order: String) {
        project(name: $project, entityName: $entity) {
          artifactType(name: $type) {
            artifactCollections(after: $cursor, first: $perPage, filters: $filters, order: $order) {
              totalCount
              pageInfo { endCursor hasNextPage }
              edges { node { __typename id name description createdAt updatedAt type: defaultArtifactType { name } tags { edges { node { id name } } } } }
            }
          }
        }
      }""";
  static final String PROJECT_COLLECTIONS = """
      query ProjectArtifactCollections($entity: String!, $project: String!, $cursor: String, $perPage: Int, $filters: JSONString, $order: String) {
        project(name: $project, entityName: $entity) {
          artifactCollections(after: $cursor, first: $perPage, filters: $filters, order: $order) {
            totalCount
            edges { node { __typename name } }
          }
        }
      }""";
  static final String VERSIONS = """
      query ProjectArtifacts($entity: String!, $project: String!, $type: String!, $collection: String!, $cursor: String, $perPage: Int = 50, $order: String, $filters: JSONString) {
        project(name: $project, entityName: $entity) {
          artifactType(name: $type) {
            artifactCollection(name: $collection) {
              artifacts(after: $cursor, first: $perPage, order: $order, filters: $filters) {
                totalCount
                pageInfo { endCursor hasNextPage }
                edges { version cursor node { ...ArtifactFragment } }
              }
            }
          }
        }
      }
      """ + FRAGMENT;
  static final String RUN_ARTIFACTS = """
      query RunArtifacts($entity: String!, $project: String!, $run: String!, $cursor: String, $perPage: Int) {
        project(name: $project, entityName: $entity) {
          run(name: $run) {
            outputs: outputArtifacts(after: $cursor, first: $perPage) { totalCount edges { node { id createdBy { __typename ... on Run { name } } } cursor } pageInfo { endCursor hasNextPage } }
            inputs: inputArtifacts(after: $cursor, first: $perPage) { totalCount edges { usedAs node { id } cursor } pageInfo { endCursor hasNextPage } }
          }
        }
      }""";
  static final String USAGE = """
      query ArtifactUsage($id: ID!, $cursor: String, $perPage: Int) {
        artifact(id: $id) {
          ...ArtifactFragment
          usedBy(after: $cursor, first: $perPage) { totalCount edges { node { name } } pageInfo { endCursor hasNextPage } }
        }
      }
      """ + FRAGMENT;
  static final String BY_NAME = """
      query ArtifactByName($entity: String!, $project: String!, $name: String!) {
        project(name: $project, entityName: $entity) {
          artifact(name: $name) { id versionIndex }
          artifactCollectionMembership(name: $name) { versionIndex artifact { id } artifactCollection { name } }
        }
      }""";

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

  private GraphQlTestClient.Response post(String operation, String query, Map<String, Object> variables) {
    Map<String, Object> all = new HashMap<>(variables);
    all.put("entity", ENTITY);
    all.put("project", RESNET_PROJECT);
    return client.post(operation, query, all);
  }

  private JsonNode data(String operation, String query, Map<String, Object> variables) {
    GraphQlTestClient.Response response = post(operation, query, variables);
    assertEquals(200, response.status(), response.body());
    assertFalse(response.hasErrors(), response.body());
    return response.data();
  }

  /** Every node of a connection, following {@code pageInfo.endCursor}. */
  private List<JsonNode> all(String operation, String query, Map<String, Object> variables,
      Function<JsonNode, JsonNode> connection, int perPage) {
    List<JsonNode> edges = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 1000; pages++) {
      Map<String, Object> withPage = new HashMap<>(variables);
      withPage.put("perPage", perPage);
      withPage.put("cursor", cursor);
      JsonNode page = connection.apply(data(operation, query, withPage));
      page.get("edges").forEach(edges::add);
      assertTrue(page.get("edges").size() <= perPage);
      if (!page.get("pageInfo").get("hasNextPage").asBoolean()) {
        return edges;
      }
      cursor = page.get("pageInfo").get("endCursor").asText();
    }
    throw new AssertionError("paging never ended");
  }

  @Test
  void typesThenCollectionsThenVersionsPageWithCursors() {
    List<JsonNode> types = all("ProjectArtifactTypes", TYPES, Map.of(),
        d -> d.get("project").get("artifactTypes"), 2);
    assertEquals(List.of("dataset", "model", "code"), types.stream().map(e -> e.get("node").get("name").asText()).toList());
    assertEquals("ArtifactType", types.get(0).get("node").get("__typename").asText());
    Set<String> versionsSeen = new TreeSet<>();
    for (ArtifactTypeData type : resnet.artifactTypes()) {
      List<JsonNode> collections = all("ArtifactTypeArtifactCollections", COLLECTIONS, Map.of("type", type.name()),
          d -> d.get("project").get("artifactType").get("artifactCollections"), 2);
      List<String> expected = resnet.artifactCollections().stream().filter(c -> c.typeName().equals(type.name()))
          .sorted((a, b) -> Long.compare(b.numericId(), a.numericId())).map(ArtifactCollectionData::name).toList();
      assertEquals(expected, collections.stream().map(e -> e.get("node").get("name").asText()).toList(),
          "id descending by default");
      for (JsonNode c : collections) {
        assertEquals("ArtifactSequence", c.get("node").get("__typename").asText());
        assertEquals(type.name(), c.get("node").get("type").get("name").asText());
        String name = c.get("node").get("name").asText();
        List<JsonNode> versions = all("ProjectArtifacts", VERSIONS, Map.of("type", type.name(), "collection", name),
            d -> d.get("project").get("artifactType").get("artifactCollection").get("artifacts"), 3);
        List<ArtifactData> data = resnet.versions(name);
        assertEquals(data.size(), versions.size(), name);
        for (JsonNode edge : versions) {
          JsonNode node = edge.get("node");
          assertEquals("v" + node.get("versionIndex").asInt(), edge.get("version").asText());
          assertTrue(versionsSeen.add(node.get("id").asText()), "each version once");
        }
        assertEquals(data.get(data.size() - 1).version(), versions.get(0).get("version").asText(), "newest first");
      }
    }
    assertEquals(resnet.artifacts().stream().map(ArtifactData::id).collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
        versionsSeen);
  }

  @Test
  void versionFieldsAreTheData() {
    JsonNode edges = data("ProjectArtifacts", VERSIONS, Map.of("type", "dataset", "collection", CIFAR10, "order", "+versionIndex"))
        .get("project").get("artifactType").get("artifactCollection").get("artifacts").get("edges");
    List<ArtifactData> expected = resnet.versions(CIFAR10);
    assertEquals(4, expected.size());
    for (int i = 0; i < expected.size(); i++) {
      ArtifactData a = expected.get(i);
      JsonNode node = edges.get(i).get("node");
      assertEquals("Artifact:" + a.numericId(), new String(Base64.getDecoder().decode(node.get("id").asText()), StandardCharsets.UTF_8));
      assertEquals(a.versionIndex(), node.get("versionIndex").asInt());
      assertEquals(CIFAR10, node.get("artifactSequence").get("name").asText());
      assertEquals(RESNET_PROJECT, node.get("artifactSequence").get("project").get("name").asText());
      assertEquals("dataset", node.get("artifactType").get("name").asText());
      assertEquals(a.digest(), node.get("digest").asText());
      assertEquals(a.size(), node.get("size").asLong());
      assertEquals(a.fileCount(), node.get("fileCount").asLong());
      assertEquals(a.state(), node.get("state").asText());
      assertEquals(a.aliases(), aliases(node));
      assertEquals(a.tags(), textList(node.get("tags"), "name"));
      assertEquals(a.usedBy().size(), node.get("usedCount").asInt());
      assertEquals(WandbDateTime.format(a.createdAt()), node.get("createdAt").asText());
      assertEquals("Run", node.get("createdBy").get("__typename").asText());
      assertEquals(a.createdByRun(), node.get("createdBy").get("name").asText());
      JsonNode alias = node.get("aliases").get(0);
      assertEquals(CIFAR10, alias.get("artifactCollectionName").asText());
      assertEquals("ArtifactSequence", alias.get("artifactCollection").get("__typename").asText());
    }
    JsonNode v3 = edges.get(3).get("node");
    assertEquals(List.of("v3", "latest", "production"), aliases(v3));
    assertEquals(List.of("curated"), textList(v3.get("tags"), "name"));
    assertTrue(v3.get("metadata").isTextual(), "metadata is a JSONString");
    assertTrue(v3.get("metadata").asText().contains("\"mean_pixel\":null"), "NaN became null: " + v3.get("metadata"));
    assertTrue(v3.get("metadata").asText().contains("\"splits\":{"), "nested objects");
    assertTrue(v3.get("usedCount").asInt() >= 200, "cifar10:v3 is used by a few hundred runs: " + v3.get("usedCount"));
  }

  @Test
  void stateFiltersAndOrders() {
    Function<Map<String, Object>, List<String>> versions = variables -> {
      Map<String, Object> all = new HashMap<>(variables);
      all.put("type", "model");
      all.put("collection", CHECKPOINTS);
      all.put("perPage", 1000);
      List<String> out = new ArrayList<>();
      data("ProjectArtifacts", VERSIONS, all).get("project").get("artifactType").get("artifactCollection")
          .get("artifacts").get("edges").forEach(e -> out.add(e.get("version").asText() + " " + e.get("node").get("state").asText()));
      return out;
    };
    List<ArtifactData> checkpoints = resnet.versions(CHECKPOINTS);
    Set<String> states = new HashSet<>();
    checkpoints.forEach(a -> states.add(a.state()));
    assertEquals(Set.of("COMMITTED", "DELETED", "PENDING"), states);
    assertEquals(checkpoints.size(), versions.apply(Map.of()).size(), "no filter: every state");
    assertEquals(checkpoints.size() - 2, versions.apply(Map.of("filters", "{\"state\": \"COMMITTED\"}")).size());
    assertEquals(List.of("v4 DELETED"), versions.apply(Map.of("filters", "{\"state\": \"DELETED\"}")));
    assertEquals(2, versions.apply(Map.of("filters", "{\"state\": {\"$in\": [\"DELETED\", \"PENDING\"]}}")).size());
    assertEquals(2, versions.apply(Map.of("filters", "{\"$or\": [{\"state\": \"DELETED\"}, {\"state\": \"PENDING\"}]}")).size());
    assertEquals(checkpoints.size() - 1,
        versions.apply(Map.of("filters", "{\"$and\": [{\"state\": {\"$ne\": \"PENDING\"}}, {}]}")).size());
    assertEquals("v0 COMMITTED", versions.apply(Map.of("order", "+createdAt")).get(0));
    assertEquals("v0 COMMITTED", versions.apply(Map.of("order", "versionIndex")).get(0));
    GraphQlTestClient.Response bad = post("ProjectArtifacts", VERSIONS, Map.of("type", "model", "collection", CHECKPOINTS,
        "filters", "{\"alias\": \"latest\"}"));
    assertTrue(bad.firstErrorMessage().contains("filters"), bad.body());
    GraphQlTestClient.Response badOrder = post("ProjectArtifacts", VERSIONS, Map.of("type", "model", "collection", CHECKPOINTS,
        "order", "-size"));
    assertTrue(badOrder.firstErrorMessage().contains("order"), badOrder.body());
  }

  @Test
  void collectionFiltersAndOrders() {
    Function<Map<String, Object>, List<String>> names = variables -> {
      List<String> out = new ArrayList<>();
      JsonNode connection = data("ProjectArtifactCollections", PROJECT_COLLECTIONS, variables).get("project").get("artifactCollections");
      connection.get("edges").forEach(e -> out.add(e.get("node").get("name").asText()));
      assertEquals(out.size(), connection.get("totalCount").asInt());
      return out;
    };
    List<String> byName = names.apply(Map.of("order", "+name"));
    assertEquals(resnet.artifactCollections().stream().map(ArtifactCollectionData::name).sorted().toList(), byName);
    List<String> reversed = new ArrayList<>(byName);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, names.apply(Map.of("order", "-name")));
    assertEquals(resnet.artifactCollections().stream().sorted(java.util.Comparator.comparing(ArtifactCollectionData::createdAt))
        .map(ArtifactCollectionData::name).toList(), names.apply(Map.of("order", "createdAt")));
    assertEquals(List.of(CIFAR10), names.apply(Map.of("filters", "{\"name\": \"cifar10\"}")));
    assertEquals(byName, names.apply(Map.of("filters", "{}", "order", "+name")));
    assertEquals(List.of(CIFAR10, CHECKPOINTS), names.apply(Map.of("filters",
        "{\"name\": {\"$in\": [\"cifar10\", \"resnet-ckpt\"]}}", "order", "+name")));
    assertTrue(post("ProjectArtifactCollections", PROJECT_COLLECTIONS, Map.of("order", "+created_at.x"))
        .firstErrorMessage().contains("order"));
    assertTrue(post("ProjectArtifactCollections", PROJECT_COLLECTIONS, Map.of("filters", "{\"type\": \"model\"}"))
        .firstErrorMessage().contains("filters"));
  }

  @Test
  void lineageAgreesFromBothSides() {
    // Served usedBy of every version, by version id.
    Map<String, Set<String>> usedBy = new HashMap<>();
    for (ArtifactData artifact : resnet.artifacts()) {
      List<JsonNode> users = all("ArtifactUsage", USAGE, Map.of("id", artifact.id()),
          d -> d.get("artifact").get("usedBy"), 100);
      Set<String> names = new TreeSet<>();
      users.forEach(u -> names.add(u.get("node").get("name").asText()));
      assertEquals(artifact.usedBy().size(), names.size(), artifact.qualifiedName());
      usedBy.put(artifact.id(), names);
      for (ArtifactData.Use use : artifact.usedBy()) {
        assertTrue(resnet.run(use.runName()).orElseThrow().createdAt().isAfter(artifact.createdAt()),
            "used only after it was logged");
      }
    }
    // Every run that logged something, and every 7th run: its outputs name it as creator, and its
    // inputs are exactly the versions whose usedBy names it.
    int outputs = 0;
    for (RunData run : resnet.runs()) {
      boolean logged = !resnet.outputArtifacts(run.name()).isEmpty();
      if (!logged && run.seq() % 7 != 0) {
        continue;
      }
      JsonNode node = data("RunArtifacts", RUN_ARTIFACTS, Map.of("run", run.name(), "perPage", 1000)).get("project").get("run");
      assertEquals(resnet.outputArtifacts(run.name()).size(), node.get("outputs").get("totalCount").asInt());
      for (JsonNode edge : node.get("outputs").get("edges")) {
        assertEquals("Run", edge.get("node").get("createdBy").get("__typename").asText());
        assertEquals(run.name(), edge.get("node").get("createdBy").get("name").asText(), "createdBy is the logging run");
        outputs++;
      }
      Set<String> inputs = new TreeSet<>();
      for (JsonNode edge : node.get("inputs").get("edges")) {
        inputs.add(edge.get("node").get("id").asText());
        assertFalse(edge.get("usedAs").isEmpty());
      }
      assertEquals(node.get("inputs").get("totalCount").asInt(), inputs.size());
      Set<String> expected = new TreeSet<>();
      usedBy.forEach((id, runs) -> {
        if (runs.contains(run.name())) {
          expected.add(id);
        }
      });
      assertEquals(expected, inputs, run.name());
    }
    assertEquals(resnet.artifacts().stream().filter(a -> a.createdByRun() != null).count(), outputs);
  }

  @Test
  void uploadsByAUserAndLookupsByName() {
    ArtifactData notebook = resnet.artifacts().stream().filter(a -> a.createdByUser() != null).findFirst().orElseThrow();
    JsonNode node = data("ArtifactUsage", USAGE, Map.of("id", notebook.id())).get("artifact");
    assertEquals("User", node.get("createdBy").get("__typename").asText());
    assertEquals(notebook.createdByUser(), node.get("createdBy").get("username").asText());
    assertTrue(node.get("historyStep").isNull());
    JsonNode latest = data("ArtifactByName", BY_NAME, Map.of("name", CIFAR10 + ":latest")).get("project");
    assertEquals(3, latest.get("artifact").get("versionIndex").asInt());
    assertEquals(3, latest.get("artifactCollectionMembership").get("versionIndex").asInt());
    assertEquals(CIFAR10, latest.get("artifactCollectionMembership").get("artifactCollection").get("name").asText());
    assertEquals(1, data("ArtifactByName", BY_NAME, Map.of("name", CIFAR10 + ":v1")).get("project")
        .get("artifact").get("versionIndex").asInt());
    assertTrue(data("ArtifactByName", BY_NAME, Map.of("name", CIFAR10 + ":v9")).get("project").get("artifact").isNull());
  }

  private static List<String> aliases(JsonNode node) {
    return textList(node.get("aliases"), "alias");
  }

  private static List<String> textList(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }
}
