package io.github.wandbjdbc.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.client.WandbApiException.Kind;
import io.github.wandbjdbc.model.KeySelection;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.ProjectNode;
import io.github.wandbjdbc.model.RunField;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.model.Viewer;
import io.github.wandbjdbc.model.WandbJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The W&B operations the driver uses, one method each, returning typed values. Thread-safe; one
 * client per JDBC connection.
 */
public final class WandbClient implements AutoCloseable {
  private final GraphQLTransport transport;

  public WandbClient(ClientOptions options) {
    this.transport = new GraphQLTransport(options);
  }

  /** The key's user and default entity ({@code viewer}); fails with AUTHENTICATION when none. */
  public Viewer viewer(CallControl control) {
    JsonNode viewer = transport.execute(Operation.VIEWER, variables(), control).get("viewer");
    if (viewer == null || viewer.isNull()) {
      throw new WandbApiException(Kind.AUTHENTICATION, "W&B did not recognise the API key (it"
          + " answered with no user). Check the apiKey (or password) property, WANDB_API_KEY or"
          + " ~/.netrc.");
    }
    return new Viewer(textOrNull(viewer.get("username")), textOrNull(viewer.get("entity")));
  }

  /** The project, or empty when it does not exist or the key cannot see it. */
  public Optional<ProjectNode> project(String entity, String project, CallControl control) {
    ObjectNode vars = variables().put("entity", entity).put("project", project);
    JsonNode node = transport.execute(Operation.PROJECT, vars, control).get("project");
    return node == null || node.isNull() ? Optional.empty() : Optional.of(readProject(node));
  }

  /** One page of the projects of {@code entity}. */
  public Page<ProjectNode> projects(String entity, String after, int first, CallControl control) {
    ObjectNode vars = variables().put("entity", entity).put("cursor", after).put("perPage", first);
    JsonNode models = transport.execute(Operation.PROJECTS, vars, control).get("models");
    if (models == null || models.isNull()) {
      throw new WandbApiException(Kind.NOT_FOUND, "Entity '" + entity + "' not found, or the API"
          + " key cannot list its projects. Check the entity property.");
    }
    return page(models, WandbClient::readProject, "projects of " + entity);
  }

  /** One page of runs, with the number of matching runs when the query asks for it. */
  public Page<RunNode> runs(RunsQuery query, CallControl control) {
    ObjectNode vars = variables()
        .put("entity", query.entity())
        .put("project", query.project())
        .put("filters", query.filters())
        .put("order", query.order())
        .put("first", query.first())
        .put("after", query.after())
        .put("withRunCount", query.withRunCount());
    putSelection(vars, query.selection());
    JsonNode project = requireProject(transport.execute(Operation.RUNS, vars, control),
        query.entity(), query.project());
    Page<RunNode> page = page(project.get("runs"), RunNodeReader::read, "runs");
    if (!query.withRunCount()) {
      return page;
    }
    JsonNode count = project.get("runCount");
    if (count == null || !count.canConvertToLong()) {
      throw malformed("runCount is missing or not a number");
    }
    return page.withTotal(count.asLong());
  }

  /** The number of runs matching {@code filters} (JSON text), without fetching them. */
  public long runCount(String entity, String project, String filters, CallControl control) {
    ObjectNode vars = variables().put("entity", entity).put("project", project)
        .put("filters", filters);
    JsonNode count = requireProject(transport.execute(Operation.RUN_COUNT, vars, control),
        entity, project).get("runCount");
    if (count == null || !count.canConvertToLong()) {
      throw malformed("runCount is missing or not a number");
    }
    return count.asLong();
  }

  /** One run by id, or empty when the project has no such run. */
  public Optional<RunNode> run(String entity, String project, String runId, RunSelection selection,
      CallControl control) {
    ObjectNode vars = variables().put("entity", entity).put("project", project).put("name", runId);
    putSelection(vars, selection);
    JsonNode run = requireProject(transport.execute(Operation.RUN, vars, control), entity, project)
        .get("run");
    if (run == null || run.isNull()) {
      return Optional.empty();
    }
    return Optional.of(readOrMalformed(run, RunNodeReader::read, "run"));
  }

  private static void putSelection(ObjectNode vars, RunSelection selection) {
    for (RunField f : RunField.values()) {
      vars.put(f.includeVariable(), selection.has(f));
    }
    putKeys(vars, selection.config(), "withConfig", "withConfigSubset", "configKeys");
    putKeys(vars, selection.summary(), "withSummaryMetrics", "withSummarySubset", "summaryKeys");
  }

  private static void putKeys(ObjectNode vars, KeySelection keys, String all, String subset,
      String keysVariable) {
    vars.put(all, keys.mode() == KeySelection.Mode.ALL);
    vars.put(subset, keys.mode() == KeySelection.Mode.SUBSET);
    ArrayNode list = vars.putArray(keysVariable);
    keys.keys().forEach(list::add);
  }

  private static JsonNode requireProject(JsonNode data, String entity, String project) {
    JsonNode node = data.get("project");
    if (node == null || node.isNull()) {
      throw new WandbApiException(Kind.NOT_FOUND, "Project '" + project + "' not found in entity '"
          + entity + "', or the API key cannot read it. Check the project and entity properties;"
          + " DatabaseMetaData.getSchemas() lists the projects you can read.");
    }
    return node;
  }

  private static <T> Page<T> page(JsonNode connection, Function<JsonNode, T> reader, String what) {
    if (connection == null || !connection.isObject() || !connection.path("edges").isArray()) {
      throw malformed("the " + what + " connection has no edges");
    }
    List<T> items = new ArrayList<>();
    String lastCursor = null;
    for (JsonNode edge : connection.get("edges")) {
      JsonNode node = edge.get("node");
      if (node == null || node.isNull()) {
        continue;
      }
      items.add(readOrMalformed(node, reader, what));
      lastCursor = textOrNull(edge.get("cursor"));
    }
    JsonNode pageInfo = connection.path("pageInfo");
    String endCursor = textOrNull(pageInfo.get("endCursor"));
    boolean hasNext = pageInfo.path("hasNextPage").asBoolean(false);
    if (hasNext && endCursor == null && lastCursor == null) {
      throw malformed("the " + what + " connection has a next page but no cursor");
    }
    return new Page<>(items, endCursor != null ? endCursor : lastCursor, hasNext);
  }

  private static <T> T readOrMalformed(JsonNode node, Function<JsonNode, T> reader, String what) {
    try {
      return reader.apply(node);
    } catch (IllegalArgumentException e) {
      throw malformed("W&B sent " + what + " the driver cannot read: " + e.getMessage());
    }
  }

  private static ProjectNode readProject(JsonNode node) {
    return new ProjectNode(textOrNull(node.get("entityName")), textOrNull(node.get("name")),
        WandbJson.parseDateTime(textOrNull(node.get("createdAt"))));
  }

  private static WandbApiException malformed(String detail) {
    return new WandbApiException(Kind.MALFORMED_RESPONSE, 200, "Unexpected answer from W&B: "
        + detail + ". If this persists, report it with your W&B server version.", null);
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static ObjectNode variables() {
    return WandbJson.envelopeMapper().createObjectNode();
  }

  @Override
  public void close() {
    transport.close();
  }
}
