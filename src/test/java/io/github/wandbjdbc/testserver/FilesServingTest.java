package io.github.wandbjdbc.testserver;

import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.RunFile;
import io.github.wandbjdbc.testserver.data.WandbDateTime;

import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.BERT_PROJECT;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.ENTITY;
import static io.github.wandbjdbc.testserver.generate.SampleDataGenerator.RESNET_PROJECT;
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

/** {@code Run.files}: names, LIKE patterns, paging, placeholders and URLs, over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesServingTest {

  static final String FILES = """
      query RunFiles($project: String!, $entity: String!, $name: String!, $fileCursor: String, $fileLimit: Int = 50, $fileNames: [String] = [], $upload: Boolean = false, $pattern: String) {
        project(name: $project, entityName: $entity) {
          internalId
          run(name: $name) {
            fileCount
            files(names: $fileNames, after: $fileCursor, first: $fileLimit, pattern: $pattern) {
              totalCount
              edges {
                node { id name url(upload: $upload) directUrl sizeBytes mimetype updatedAt md5 digest storagePath displayName }
                cursor
              }
              pageInfo { endCursor hasNextPage }
            }
          }
        }
      }""";

  private WandbTestServer server;
  private GraphQlTestClient client;
  private RunData tableRun;

  @BeforeAll
  void start() {
    server = GraphQlTestClient.recording(WandbTestServer.builder()).start();
    client = new GraphQlTestClient(server);
    tableRun = server.data().project(ENTITY, RESNET_PROJECT).runs().stream()
        .filter(r -> r.files().stream().anyMatch(f -> f.name().equals("media/table 123x.table.json"))
            && r.files().stream().anyMatch(f -> f.name().startsWith("media/images/")))
        .findFirst().orElseThrow();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private GraphQlTestClient.Response post(String project, String run, Map<String, Object> variables) {
    Map<String, Object> all = new HashMap<>(variables);
    all.put("entity", ENTITY);
    all.put("project", project);
    all.put("name", run);
    return client.post("RunFiles", FILES, all);
  }

  private JsonNode files(RunData run, Map<String, Object> variables) {
    GraphQlTestClient.Response response = post(run.projectName(), run.name(), variables);
    assertFalse(response.hasErrors(), response.body());
    return response.data().get("project").get("run").get("files");
  }

  private static List<String> names(JsonNode connection) {
    List<String> names = new ArrayList<>();
    connection.get("edges").forEach(e -> names.add(e.get("node").get("name").asText()));
    return names;
  }

  @Test
  void allFilesInNameOrderWithTheirFields() {
    JsonNode files = files(tableRun, Map.of("fileLimit", 1000));
    List<String> expected = tableRun.files().stream().map(RunFile::name).sorted().toList();
    assertEquals(expected, names(files));
    assertEquals(tableRun.fileCount(), files.get("totalCount").asInt());
    for (String standard : List.of("config.yaml", "wandb-summary.json", "wandb-metadata.json", "output.log", "requirements.txt")) {
      assertTrue(expected.contains(standard), standard);
    }
    JsonNode node = files.get("edges").get(0).get("node");
    RunFile file = tableRun.files().get(0);
    assertEquals(file.sizeBytes(), node.get("sizeBytes").asLong());
    assertEquals(file.md5(), node.get("md5").asText());
    assertEquals(24, file.md5().length(), "base64 of 16 bytes");
    assertEquals(file.mimetype(), node.get("mimetype").asText());
    assertEquals(WandbDateTime.format(file.updatedAt()), node.get("updatedAt").asText());
    assertEquals(server.baseUrl() + "/files/" + ENTITY + "/" + RESNET_PROJECT + "/" + tableRun.name() + "/" + file.name(),
        node.get("url").asText());
    assertTrue(node.get("directUrl").asText().startsWith(RunFile.STORAGE_BASE + "/"), node.toString());
    assertTrue(node.get("directUrl").asText().contains("X-Goog-Signature="));
    files.get("edges").forEach(e -> {
      assertFalse(e.toString().contains(server.apiKey()), "never the API key: " + e);
      assertTrue(e.get("node").get("url").asText().startsWith(server.baseUrl()));
    });
    JsonNode spaced = files(tableRun, Map.of("fileNames", List.of("media/table 1%_x.table.json"))).get("edges").get(0).get("node");
    assertTrue(spaced.get("url").asText().endsWith("/media/table%201%25_x.table.json"), spaced.toString());
    assertEquals("media/table 1%_x.table.json", spaced.get("displayName").asText());
  }

  @Test
  void likePatternsHonourWildcardsAndEscapes() {
    assertEquals(List.of("media/table 1%_x.table.json", "media/table 123x.table.json"),
        names(files(tableRun, Map.of("pattern", "media/table 1%_x.table.json"))), "% and _ are wildcards");
    assertEquals(List.of("media/table 1%_x.table.json"),
        names(files(tableRun, Map.of("pattern", "media/table 1\\%\\_x.table.json"))), "escaped, they are literal");
    List<String> json = tableRun.files().stream().map(RunFile::name).filter(n -> n.endsWith(".json")).toList();
    assertEquals(json, names(files(tableRun, Map.of("pattern", "%.json"))));
    assertEquals(List.of("config.yaml"), names(files(tableRun, Map.of("pattern", "config.yam_"))));
    assertTrue(names(files(tableRun, Map.of("pattern", "config.yam"))).isEmpty(), "the whole name must match");
    assertTrue(names(files(tableRun, Map.of("pattern", "media/images/%.png"))).size() >= 1);
  }

  @Test
  void namesGetPlaceholdersForFilesThatDoNotExist() {
    JsonNode files = files(tableRun, Map.of("fileNames", List.of("wandb-summary.json", "does-not-exist.txt")));
    assertEquals(List.of("does-not-exist.txt", "wandb-summary.json"), names(files));
    JsonNode placeholder = files.get("edges").get(0).get("node");
    assertEquals(0, placeholder.get("sizeBytes").asLong());
    assertTrue(placeholder.get("md5").isNull());
    assertTrue(placeholder.get("mimetype").isNull());
    assertTrue(placeholder.get("updatedAt").isNull());
    assertFalse(files.get("edges").get(1).get("node").get("md5").isNull(), "the real file is real");
    assertTrue(names(files(tableRun, Map.of("pattern", "does-not-exist.txt"))).isEmpty(), "a pattern finds nothing");
  }

  @Test
  void namesAndPatternTogetherAreAnError() {
    GraphQlTestClient.Response response = post(RESNET_PROJECT, tableRun.name(),
        Map.of("fileNames", List.of("config.yaml"), "pattern", "%"));
    assertEquals(200, response.status());
    assertTrue(response.firstErrorMessage().contains("names and pattern"), response.body());
  }

  @Test
  void pagesFollowCursorsAndCoverEveryFileOnce() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    while (true) {
      Map<String, Object> variables = new HashMap<>();
      variables.put("fileLimit", 3);
      variables.put("fileCursor", cursor);
      JsonNode page = files(tableRun, variables);
      seen.addAll(names(page));
      pages++;
      JsonNode edges = page.get("edges");
      assertEquals(edges.get(edges.size() - 1).get("cursor").asText(), page.get("pageInfo").get("endCursor").asText());
      if (!page.get("pageInfo").get("hasNextPage").asBoolean()) {
        break;
      }
      cursor = page.get("pageInfo").get("endCursor").asText();
    }
    assertEquals(tableRun.files().stream().map(RunFile::name).toList(), seen);
    assertEquals((tableRun.fileCount() + 2) / 3, pages);
  }

  @Test
  void pendingRunsHaveNoFilesAndBertRunsHaveTheTableFile() {
    RunData pending = server.data().project(ENTITY, RESNET_PROJECT).runs().stream()
        .filter(r -> "pending".equals(r.state())).findFirst().orElseThrow();
    JsonNode none = files(pending, Map.of());
    assertEquals(0, none.get("edges").size());
    assertFalse(none.get("pageInfo").get("hasNextPage").asBoolean());
    for (RunData bert : server.data().project(ENTITY, BERT_PROJECT).runs()) {
      assertTrue(bert.files().stream().anyMatch(f -> f.name().equals("media/table 1%_x.table.json")), bert.name());
    }
  }
}
