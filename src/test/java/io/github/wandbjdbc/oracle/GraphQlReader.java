package io.github.wandbjdbc.oracle;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads W&B's answers over GraphQL with nothing of the driver: its own requests, its own JSON
 * reading (W&B's JSONString documents hold bare NaN and Infinity tokens, docs/WIRE.md, W&B's JSON),
 * so that the oracle's data cannot share a reading bug with the driver.
 */
final class GraphQlReader {
  static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static final String RUN_FIELDS = "name displayName state createdAt heartbeatAt group"
      + " jobType tags user { username } host sweepName notes commit historyLineCount config"
      + " summaryMetrics historyKeys";
  private static final String RUNS = "query OracleRuns($entity: String!, $project: String!,"
      + " $order: String, $first: Int, $after: String) { project(name: $project, entityName:"
      + " $entity) { runs(order: $order, first: $first, after: $after) { edges { node { "
      + RUN_FIELDS + " } } pageInfo { endCursor hasNextPage } } } }";
  private static final String HISTORY = "query OracleHistory($entity: String!, $project: String!,"
      + " $run: String!, $minStep: Int64!, $maxStep: Int64!, $samples: Int!) { project(name:"
      + " $project, entityName: $entity) { run(name: $run) { history(minStep: $minStep, maxStep:"
      + " $maxStep, samples: $samples) } } }";

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private final URI uri;
  private final String authorization;

  GraphQlReader(String baseUrl, String apiKey) {
    this.uri = URI.create(baseUrl + "/graphql");
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString(("api:" + apiKey).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Every run of a project, in W&B's order for {@code order}, up to {@code limit} runs; a run a
   * later page repeats (a run that moved while paging) is kept once.
   */
  List<JsonNode> runs(String entity, String project, String order, int limit) {
    List<JsonNode> out = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    String after = null;
    while (out.size() < limit) {
      JsonNode page = post(RUNS, Map.of("entity", entity, "project", project, "order", order,
          "first", Math.min(1000, limit - out.size()), "after", after == null ? "" : after),
          after == null).path("project").path("runs");
      page.path("edges").forEach(e -> {
        if (names.add(e.path("node").path("name").asText())) {
          out.add(e.path("node"));
        }
      });
      if (!page.path("pageInfo").path("hasNextPage").asBoolean()) {
        break;
      }
      after = page.path("pageInfo").path("endCursor").asText();
    }
    return out;
  }

  /** A run's history rows, all of them, each a JSON object. */
  List<JsonNode> history(String entity, String project, String run, long lastStep) {
    JsonNode rows = post(HISTORY, Map.of("entity", entity, "project", project, "run", run,
        "minStep", 0, "maxStep", lastStep + 1, "samples", (int) Math.min(lastStep + 1, 1_000_000)),
        false).path("project").path("run").path("history");
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode row : rows) {
      out.add(parse(row.asText()));
    }
    return out;
  }

  /** The document inside a JSONString field, or null. */
  static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode post(String query, Map<String, Object> variables, boolean dropAfter) {
    ObjectNode body = JSON.createObjectNode();
    body.put("query", query);
    ObjectNode vars = body.putObject("variables");
    variables.forEach((k, v) -> {
      if (!(dropAfter && k.equals("after"))) {
        vars.set(k, JSON.valueToTree(v));
      }
    });
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/json")
          .header("Authorization", authorization)
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode answer = JSON.readTree(response.body());
      if (response.statusCode() != 200 || answer.has("errors")) {
        throw new IllegalStateException("W&B answered " + response.statusCode() + ": "
            + response.body());
      }
      return answer.path("data");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
