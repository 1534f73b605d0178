package io.github.wandbjdbc.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The official Python client's documented access pattern (docs/WIRE.md, Runs and RunHistory),
 * replayed in Java: {@code api.runs(path, filters, order)} pages of {@value #PER_PAGE} runs with
 * the full run fragment, one after another, and {@code run.scan_history()} per run, one 1,000-step
 * window after another with every key. What the driver is measured against.
 */
final class BaselineClient {
  static final int PER_PAGE = 50;
  static final int HISTORY_PAGE = 1000;

  private static final String RUNS = """
      query Runs($project: String!, $entity: String!, $cursor: String, $perPage: Int = 50,
          $order: String, $filters: JSONString) {
        project(name: $project, entityName: $entity) {
          internalId
          runCount(filters: $filters)
          readOnly
          runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {
            edges { node { projectId ...RunFragment } cursor }
            pageInfo { endCursor hasNextPage }
          }
        }
      }
      fragment RunFragment on Run {
        id tags name displayName sweepName state group jobType commit readOnly createdAt
        heartbeatAt description notes historyLineCount user { name username }
        config systemMetrics summaryMetrics historyKeys
      }""";

  private static final String HISTORY = """
      query RunHistory($entity: String!, $project: String!, $run: String!, $minStep: Int64!,
          $maxStep: Int64!, $pageSize: Int!) {
        project(name: $project, entityName: $entity) {
          run(name: $run) { history(minStep: $minStep, maxStep: $maxStep, samples: $pageSize) }
        }
      }""";

  private static final String SAMPLED = """
      query SampledHistory($entity: String!, $project: String!, $run: String!,
          $spec: JSONString!) {
        project(name: $project, entityName: $entity) {
          run(name: $run) { sampledHistory(specs: [$spec]) }
        }
      }""";

  private static final String PARQUET_HISTORY = """
      query RunParquetHistory($entity: String!, $project: String!, $runName: String!,
          $liveKeys: [String!]!) {
        project(name: $project, entityName: $entity) {
          run(name: $runName) { parquetHistory(liveKeys: $liveKeys) { parquetUrls liveData } }
        }
      }""";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper()
      .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
  private final URI endpoint;
  private final String authorization;
  private final String entity;
  private final String project;

  BaselineClient(String baseUrl, String apiKey, String entity, String project) {
    this.endpoint = URI.create(baseUrl + "/graphql");
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString(("api:" + apiKey).getBytes(StandardCharsets.UTF_8));
    this.entity = entity;
    this.project = project;
  }

  /** A run as the Python client holds it: its id and its parsed fields. */
  record Run(String name, JsonNode node) {}

  /** Iterates {@code api.runs(...)} up to {@code limit} runs (Python slices the iterator). */
  List<Run> runs(String filters, String order, int limit) throws IOException, InterruptedException {
    List<Run> out = new ArrayList<>();
    String cursor = null;
    while (out.size() < limit) {
      ObjectNode vars = json.createObjectNode().put("entity", entity).put("project", project)
          .put("perPage", PER_PAGE).put("order", order).put("filters", filters);
      vars.put("cursor", cursor);
      JsonNode runs = post(RUNS, vars).path("data").path("project").path("runs");
      for (JsonNode edge : runs.path("edges")) {
        JsonNode node = edge.path("node");
        // The client parses config, summary and system metrics (JSON strings) into dicts.
        for (String field : List.of("config", "summaryMetrics", "systemMetrics", "historyKeys")) {
          if (node.path(field).isTextual()) {
            json.readTree(node.path(field).asText());
          }
        }
        out.add(new Run(node.path("name").asText(), node));
        if (out.size() == limit) {
          break;
        }
      }
      if (!runs.path("pageInfo").path("hasNextPage").asBoolean()) {
        break;
      }
      cursor = runs.path("pageInfo").path("endCursor").asText();
    }
    return out;
  }

  /** {@code run.scan_history()}: every row, window after window; returns the row count. */
  long scanHistory(Run run) throws IOException, InterruptedException {
    JsonNode keys = run.node().path("historyKeys");
    JsonNode parsed = keys.isTextual() ? json.readTree(keys.asText()) : keys;
    return windows(run.name(), 0, parsed.path("lastStep").asLong(-1) + 1);
  }

  /** {@code history} windows of {@value #HISTORY_PAGE} steps from {@code from} to {@code stop}. */
  private long windows(String runName, long from, long stop)
      throws IOException, InterruptedException {
    long rows = 0;
    for (long offset = from; offset < stop; offset += HISTORY_PAGE) {
      ObjectNode vars = json.createObjectNode().put("entity", entity).put("project", project)
          .put("run", runName).put("minStep", offset)
          .put("maxStep", Math.min(offset + HISTORY_PAGE, stop)).put("pageSize", HISTORY_PAGE);
      for (JsonNode row : post(HISTORY, vars).path("data").path("project").path("run")
          .path("history")) {
        json.readTree(row.asText());
        rows++;
      }
    }
    return rows;
  }

  /**
   * {@code run.scan_history(keys=[…])}: the rows holding every key, window after window
   * (docs/WIRE.md, RunSampledHistory); returns the row count.
   */
  long scanHistory(String runName, long lastStep, List<String> keys)
      throws IOException, InterruptedException {
    long rows = 0;
    for (long offset = 0; offset <= lastStep; offset += HISTORY_PAGE) {
      ObjectNode spec = json.createObjectNode();
      keys.forEach(spec.putArray("keys")::add);
      spec.put("minStep", offset).put("maxStep", offset + HISTORY_PAGE)
          .put("samples", HISTORY_PAGE);
      ObjectNode vars = json.createObjectNode().put("entity", entity).put("project", project)
          .put("run", runName).put("spec", spec.toString());
      JsonNode result = post(SAMPLED, vars).path("data").path("project").path("run")
          .path("sampledHistory").path(0);
      JsonNode list = result.isTextual() ? json.readTree(result.asText()) : result;
      rows += list.size();
    }
    return rows;
  }

  /**
   * {@code run.scan_history()} since wandb 0.27.1, as wandb-core does it
   * ({@code core/internal/runhistoryreader}): one {@code parquetHistory(liveKeys: ["_step"])}
   * request, the run's files downloaded one after another (its {@code getParquetFilePaths}
   * loop) and read, then the steps from the live boundary on through {@code history} windows.
   * Returns the row count.
   */
  long scanParquetHistory(Run run, Path folder) throws IOException, InterruptedException {
    JsonNode keys = run.node().path("historyKeys");
    JsonNode parsed = keys.isTextual() ? json.readTree(keys.asText()) : keys;
    long stop = parsed.path("lastStep").asLong(-1) + 1;
    ObjectNode vars = json.createObjectNode().put("entity", entity).put("project", project)
        .put("runName", run.name());
    vars.putArray("liveKeys").add("_step");
    JsonNode exports = post(PARQUET_HISTORY, vars).path("data").path("project").path("run")
        .path("parquetHistory");
    long boundary = Long.MAX_VALUE;
    for (JsonNode live : exports.path("liveData")) {
      boundary = Math.min(boundary, (long) live.path("_step").asDouble());
    }
    long rows = 0;
    int i = 0;
    for (JsonNode url : exports.path("parquetUrls")) {
      Path file = folder.resolve(run.name() + "_" + i++ + ".runhistory.parquet");
      HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url.asText()))
          .GET().build(), HttpResponse.BodyHandlers.ofFile(file));
      if (response.statusCode() != 200) {
        throw new IOException("storage answered HTTP " + response.statusCode());
      }
      try (io.github.wandbjdbc.parquet.ParquetFile parquet =
          io.github.wandbjdbc.parquet.ParquetFile.open(file)) {
        List<String> columns = parquet.footer().columns().stream()
            .map(io.github.wandbjdbc.parquet.ParquetColumn::name).toList();
        for (io.github.wandbjdbc.parquet.RowGroup group : parquet.footer().rowGroups()) {
          io.github.wandbjdbc.parquet.RowCursor cursor = parquet.rows(group, columns);
          while (cursor.next()) {
            for (int c = 0; c < columns.size(); c++) {
              cursor.value(c);
            }
            if (((Number) cursor.value(columns.indexOf("_step"))).longValue() < boundary) {
              rows++;
            }
          }
        }
      }
      Files.delete(file);
    }
    boolean noData = boundary == Long.MAX_VALUE && exports.path("parquetUrls").isEmpty();
    rows += windows(run.name(), noData ? 0 : boundary, stop);
    return rows;
  }

  private JsonNode post(String query, ObjectNode variables)
      throws IOException, InterruptedException {
    ObjectNode body = json.createObjectNode().put("query", query);
    body.set("variables", variables);
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint)
        .header("Authorization", authorization).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + ": "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
    JsonNode root = json.readTree(response.body());
    if (root.has("errors")) {
      throw new IOException("GraphQL errors: " + root.get("errors"));
    }
    return root;
  }
}
