package io.github.wandbjdbc.client;

import static io.github.wandbjdbc.client.AnswerPages.edgePage;
import static io.github.wandbjdbc.client.AnswerPages.malformed;
import static io.github.wandbjdbc.client.AnswerPages.page;
import static io.github.wandbjdbc.client.AnswerPages.readOrMalformed;
import static io.github.wandbjdbc.client.AnswerPages.requireProject;
import static io.github.wandbjdbc.client.AnswerPages.requiredText;
import static io.github.wandbjdbc.client.AnswerPages.textOrNull;
import static io.github.wandbjdbc.client.QueryVariables.putSelection;
import static io.github.wandbjdbc.client.QueryVariables.variables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.client.WandbApiException.Kind;
import io.github.wandbjdbc.model.ArtifactNode;
import io.github.wandbjdbc.model.ArtifactUsage;
import io.github.wandbjdbc.model.ArtifactUse;
import io.github.wandbjdbc.model.FileNode;
import io.github.wandbjdbc.model.Page;
import io.github.wandbjdbc.model.ProjectNode;
import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.RunSelection;
import io.github.wandbjdbc.model.SweepNode;
import io.github.wandbjdbc.model.Viewer;
import io.github.wandbjdbc.model.WandbJson;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The W&B operations the driver uses, one method each, returning typed values. Thread-safe; one
 * client per JDBC connection. The variables it sends are written with {@link QueryVariables};
 * the answers are read with {@link AnswerPages}, {@link HistoryRows} and the readers of each
 * kind of node ({@link RunNodeReader}, {@link ArtifactReader}, {@link SweepReader}).
 */
public final class WandbClient implements AutoCloseable {
  private final GraphQLTransport transport;
  private final FetchListener listener;

  public WandbClient(ClientOptions options) {
    this(options, FetchListener.NONE);
  }

  /** A client that tells {@code listener} of every page of data it receives. */
  public WandbClient(ClientOptions options, FetchListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
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
    return told("runs", runPage(query, control));
  }

  /**
   * One page of runs read to learn a table's columns while a statement is planned: not rows of
   * the statement, so not counted in what it has fetched (its total would stand beside the scan's
   * count and read "fetched 2,100 of 2,000 runs").
   */
  public Page<RunNode> columnSample(RunsQuery query, CallControl control) {
    return runPage(query, control);
  }

  private Page<RunNode> runPage(RunsQuery query, CallControl control) {
    ObjectNode vars = variables()
        .put("entity", query.entity())
        .put("project", query.project())
        .put("filters", query.filters())
        .put("order", query.order())
        .put("first", query.first())
        .put("after", query.after())
        .put("withRunCount", query.withRunCount());
    putSelection(vars, query.selection());
    Operation operation = query.selection().hasParquetHistory()
        ? Operation.RUNS_PARQUET_HISTORY : Operation.RUNS;
    JsonNode project = requireProject(transport.execute(operation, vars, control),
        query.entity(), query.project());
    Page<RunNode> page = page(project.get("runs"), RunNodeReader::read, "runs");
    if (query.withRunCount()) {
      JsonNode count = project.get("runCount");
      if (count == null || !count.canConvertToLong()) {
        throw malformed("runCount is missing or not a number");
      }
      page = page.withTotal(count.asLong());
    }
    return page;
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

  /**
   * The history rows of one run with {@code minStep <= _step < maxStep}, unsampled; empty when the
   * run no longer exists.
   */
  public List<ObjectNode> history(String entity, String project, String runId, long minStep,
      long maxStep, CallControl control) {
    long window = maxStep - minStep;
    if (window <= 0 || window > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("history window [" + minStep + ", " + maxStep + ")");
    }
    ObjectNode vars = variables().put("entity", entity).put("project", project).put("run", runId)
        .put("minStep", minStep).put("maxStep", maxStep).put("samples", (int) window);
    return told("history rows",
        HistoryRows.rows(runOf(Operation.RUN_HISTORY, vars, entity, project, control), "history"));
  }

  /**
   * For each key set, the rows of one run with {@code minStep <= _step < maxStep} that hold every
   * key of the set, with only those keys, unsampled (W&B's {@code sampledHistory}, whose
   * {@code maxStep} is inclusive); empty lists when the run no longer exists.
   */
  public List<List<ObjectNode>> sampledHistory(String entity, String project, String runId,
      List<List<String>> keySets, long minStep, long maxStep, CallControl control) {
    long window = maxStep - minStep;
    if (window <= 0 || window > Integer.MAX_VALUE || keySets.isEmpty()) {
      throw new IllegalArgumentException("sampled history window [" + minStep + ", " + maxStep
          + ") for " + keySets.size() + " key sets");
    }
    ObjectNode vars = variables().put("entity", entity).put("project", project).put("run", runId);
    HistoryRows.putSpecs(vars, keySets, minStep, maxStep);
    List<List<ObjectNode>> out = HistoryRows.sampled(
        runOf(Operation.RUN_SAMPLED_HISTORY, vars, entity, project, control), keySets.size());
    // Every step is in the _step-only spec, so the longest result counts the rows.
    listener.fetched("history rows", out.stream().mapToInt(List::size).max().orElse(0),
        OptionalLong.empty());
    return out;
  }

  /** Every system-metric row of one run; {@code samples} must be at least the number of rows. */
  public List<ObjectNode> events(String entity, String project, String runId, int samples,
      CallControl control) {
    ObjectNode vars = variables().put("entity", entity).put("project", project).put("run", runId)
        .put("samples", samples);
    return told("system metric rows",
        HistoryRows.rows(runOf(Operation.RUN_EVENTS, vars, entity, project, control), "events"));
  }

  /** One page of a run's files; {@code pattern} is MySQL LIKE syntax or null for all. */
  public Page<FileNode> files(String entity, String project, String runId, String pattern,
      String after, int first, CallControl control) {
    ObjectNode vars = variables().put("entity", entity).put("project", project).put("run", runId)
        .put("cursor", after).put("perPage", first).put("pattern", pattern);
    JsonNode run = runOf(Operation.RUN_FILES, vars, entity, project, control);
    return told("files",
        run == null ? Page.empty() : page(run.get("files"), ArtifactReader::file, "files"));
  }

  /** One page of the artifact versions a run used ({@code inputs}) or logged. */
  public Page<ArtifactUse> runArtifacts(String entity, String project, String runId,
      boolean inputs, String after, int first, CallControl control) {
    ObjectNode vars = variables().put("entity", entity).put("project", project).put("run", runId)
        .put("cursor", after).put("perPage", first);
    Operation op = inputs ? Operation.RUN_INPUT_ARTIFACTS : Operation.RUN_OUTPUT_ARTIFACTS;
    JsonNode run = runOf(op, vars, entity, project, control);
    return told("lineage rows", run == null ? Page.empty()
        : edgePage(run.get("artifacts"), ArtifactReader::use, "artifacts of run " + runId));
  }

  /** One page of the artifact type names of a project. */
  public Page<String> artifactTypes(String entity, String project, String after, int first,
      CallControl control) {
    ObjectNode vars = variables().put("entity", entity).put("project", project)
        .put("cursor", after).put("perPage", first);
    JsonNode p = requireProject(transport.execute(Operation.ARTIFACT_TYPES, vars, control),
        entity, project);
    return page(p.get("artifactTypes"), n -> requiredText(n, "name"), "artifact types");
  }

  /** One page of the collection names of an artifact type; empty when the type is gone. */
  public Page<String> artifactCollections(String entity, String project, String type,
      String after, int first, CallControl control) {
    ObjectNode vars = variables().put("entity", entity).put("project", project).put("type", type)
        .put("cursor", after).put("perPage", first);
    JsonNode t = requireProject(transport.execute(Operation.ARTIFACT_COLLECTIONS, vars, control),
        entity, project).get("artifactType");
    return t == null || t.isNull() ? Page.empty()
        : page(t.get("artifactCollections"), n -> requiredText(n, "name"), "artifact collections");
  }

  /**
   * One page of the versions of a collection; {@code filters} (JSON text) or null for all.
   * Empty when the type or the collection does not exist.
   */
  public Page<ArtifactNode> artifactVersions(String entity, String project, String type,
      String collection, String filters, String after, int first, CallControl control) {
    ObjectNode vars = variables().put("entity", entity).put("project", project).put("type", type)
        .put("collection", collection).put("filters", filters).put("cursor", after)
        .put("perPage", first);
    JsonNode t = requireProject(transport.execute(Operation.ARTIFACT_VERSIONS, vars, control),
        entity, project).get("artifactType");
    JsonNode c = t == null || t.isNull() ? null : t.get("artifactCollection");
    return told("artifact versions", c == null || c.isNull() ? Page.empty()
        : edgePage(c.get("artifacts"), ArtifactReader::version, "versions of " + collection));
  }

  /**
   * An artifact version by W&B id with one page of the runs that used it; empty when there is no
   * such artifact.
   */
  public Optional<ArtifactUsage> artifactUsage(String artifactId, String after, int first,
      CallControl control) {
    ObjectNode vars = variables().put("id", artifactId).put("cursor", after).put("perPage", first);
    JsonNode artifact = transport.execute(Operation.ARTIFACT_USAGE, vars, control).get("artifact");
    if (artifact == null || artifact.isNull()) {
      return Optional.empty();
    }
    return Optional.of(readOrMalformed(artifact, ArtifactReader::usage, "artifact " + artifactId));
  }

  /** One page of the sweeps of a project. */
  public Page<SweepNode> sweeps(String entity, String project, String after, int first,
      CallControl control) {
    ObjectNode vars = variables().put("entity", entity).put("project", project)
        .put("cursor", after).put("perPage", first);
    JsonNode p = requireProject(transport.execute(Operation.SWEEPS, vars, control), entity, project);
    return told("sweeps", page(p.get("sweeps"), SweepReader::read, "sweeps"));
  }

  /** The {@code run} of an answer, or null when the project has no such run (any more). */
  private JsonNode runOf(Operation op, ObjectNode vars, String entity, String project,
      CallControl control) {
    JsonNode run = requireProject(transport.execute(op, vars, control), entity, project).get("run");
    return run == null || run.isNull() ? null : run;
  }

  private static ProjectNode readProject(JsonNode node) {
    return new ProjectNode(textOrNull(node.get("entityName")), textOrNull(node.get("name")),
        WandbJson.parseDateTime(textOrNull(node.get("createdAt"))));
  }

  private <T> Page<T> told(String what, Page<T> page) {
    listener.fetched(what, page.items().size(), page.total());
    return page;
  }

  private <T> List<T> told(String what, List<T> rows) {
    listener.fetched(what, rows.size(), OptionalLong.empty());
    return rows;
  }

  @Override
  public void close() {
    transport.close();
  }
}
