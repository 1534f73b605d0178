package io.github.wandbjdbc.testserver;

import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import graphql.schema.idl.WiringFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The executable W&B schema: the SDL in {@value #SCHEMA_RESOURCE} wired to data fetchers over one
 * immutable {@link ServerData}.
 *
 * <p>Served: {@code viewer}, {@code project}/{@code model}, {@code models}/{@code projects},
 * {@code entity}, {@code serverInfo}; every scalar field of {@code Project}, {@code Entity},
 * {@code User} and {@code Run}, {@code Project.runs/runCount/run/bucket}, and
 * {@code Run.config/summaryMetrics/wandbConfig(keys:)}. Every other field (history, files,
 * artifacts, sweeps) fails with {@link NotServedException}. Helper objects (connections, edges, page
 * infos, users) are plain maps read by the default fetcher.
 */
final class WandbGraphQl {

  static final String SCHEMA_RESOURCE = "wandb-schema.graphql";

  private final ServerData data;
  private final RunQuery runQuery;
  private final JsonValues json;
  /** Whole documents by identity; see {@link #keysJson}. */
  private final Map<Map<String, Object>, String> wholeDocuments =
      Collections.synchronizedMap(new IdentityHashMap<>());

  WandbGraphQl(ServerData data, RunQuery runQuery, JsonValues json) {
    this.data = data;
    this.runQuery = runQuery;
    this.json = json;
  }

  /** The SDL text the server is built from. */
  static String schemaText() {
    try (InputStream in = WandbGraphQl.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      Objects.requireNonNull(in, "missing resource " + SCHEMA_RESOURCE);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  GraphQL build() {
    RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(new MapOrNotServed());
    WandbScalars.all().forEach(wiring::scalar);
    wiring.type(queryWiring());
    wiring.type(entityWiring());
    wiring.type(projectWiring());
    wiring.type(runWiring());
    // Nothing served yet produces these abstract types; resolvers exist only to satisfy the schema.
    wiring.type(TypeRuntimeWiring.newTypeWiring("ArtifactCollection").typeResolver(env -> null));
    wiring.type(TypeRuntimeWiring.newTypeWiring("Initiator").typeResolver(env -> null));
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
        new SchemaParser().parse(schemaText()), wiring.build());
    return GraphQL.newGraphQL(schema).build();
  }

  /** Fields without an explicit fetcher read a map source by name, else report themselves not served. */
  private static final class MapOrNotServed implements WiringFactory {
    @Override
    public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
      String type = environment.getParentType().getName();
      String field = environment.getFieldDefinition().getName();
      return env -> {
        Object source = env.getSource();
        if (source instanceof Map<?, ?> map && map.containsKey(field)) {
          return map.get(field);
        }
        throw new NotServedException(type + "." + field);
      };
    }
  }

  private TypeRuntimeWiring.Builder queryWiring() {
    return TypeRuntimeWiring.newTypeWiring("Query")
        .dataFetcher("viewer", env -> viewer())
        .dataFetcher("project", this::queryProject)
        .dataFetcher("model", this::queryProject)
        .dataFetcher("models", env -> projectConnection(entityOrViewer(env.getArgument("entityName")),
            env.getArgument("first"), env.getArgument("after")))
        .dataFetcher("projects", env -> {
          rejectBackwardPaging(env, "Query.projects");
          return projectConnection(entityOrViewer(env.getArgument("entityName")),
              env.getArgument("first"), env.getArgument("after"));
        })
        .dataFetcher("entity", env -> data.entity(env.getArgument("name")).orElse(null))
        .dataFetcher("serverInfo", env -> serverInfo());
  }

  private TypeRuntimeWiring.Builder entityWiring() {
    return TypeRuntimeWiring.newTypeWiring("Entity")
        .dataFetcher("id", env -> entityOf(env).id())
        .dataFetcher("name", env -> entityOf(env).name())
        .dataFetcher("isTeam", env -> entityOf(env).isTeam())
        .dataFetcher("project", env -> entityOf(env).project(env.getArgument("name")).orElse(null))
        .dataFetcher("projects", env -> {
          rejectBackwardPaging(env, "Entity.projects");
          return projectConnection(entityOf(env).name(), env.getArgument("first"), env.getArgument("after"));
        });
  }

  private TypeRuntimeWiring.Builder projectWiring() {
    return TypeRuntimeWiring.newTypeWiring("Project")
        .dataFetcher("id", env -> projectOf(env).id())
        .dataFetcher("internalId", env -> projectOf(env).internalId())
        .dataFetcher("name", env -> projectOf(env).name())
        .dataFetcher("entityName", env -> projectOf(env).entityName())
        .dataFetcher("entity", env -> data.entity(projectOf(env).entityName()).orElse(null))
        .dataFetcher("createdAt", env -> projectOf(env).createdAt())
        .dataFetcher("updatedAt", env -> projectOf(env).runs().stream().map(RunData::updatedAt)
            .filter(Objects::nonNull).max(Instant::compareTo).orElse(projectOf(env).createdAt()))
        .dataFetcher("isBenchmark", env -> false)
        .dataFetcher("description", env -> projectOf(env).description())
        .dataFetcher("readOnly", env -> false)
        .dataFetcher("user", env -> projectOf(env).user() == null ? null : userView(projectOf(env).user(), List.of()))
        .dataFetcher("totalSweeps", env -> projectOf(env).totalSweeps())
        .dataFetcher("runCount", env -> runQuery.count(projectOf(env), env.getArgument("filters")))
        .dataFetcher("runs", env -> runConnection(projectOf(env), env))
        .dataFetcher("sweeps", env -> sweepConnection(projectOf(env), env))
        .dataFetcher("run", env -> projectOf(env).run(env.getArgument("name")).orElse(null))
        .dataFetcher("bucket", env -> projectOf(env).run(env.getArgument("name")).orElse(null));
  }

  private TypeRuntimeWiring.Builder runWiring() {
    TypeRuntimeWiring.Builder run = TypeRuntimeWiring.newTypeWiring("Run");
    Map<String, Function<RunData, Object>> plain = new LinkedHashMap<>();
    plain.put("id", RunData::id);
    plain.put("name", RunData::name);
    plain.put("displayName", RunData::displayName);
    plain.put("projectId", r -> data.project(r.entityName(), r.projectName()).internalId());
    plain.put("state", RunData::state);
    plain.put("tags", RunData::tags);
    plain.put("group", RunData::group);
    plain.put("jobType", RunData::jobType);
    plain.put("sweepName", RunData::sweepName);
    plain.put("commit", RunData::commit);
    plain.put("host", RunData::host);
    plain.put("description", RunData::description);
    plain.put("notes", RunData::notes);
    plain.put("readOnly", RunData::readOnly);
    plain.put("createdAt", RunData::createdAt);
    plain.put("updatedAt", RunData::updatedAt);
    plain.put("heartbeatAt", RunData::heartbeatAt);
    plain.put("stopped", RunData::stopped);
    plain.put("computeSeconds", RunData::computeSeconds);
    plain.put("user", r -> r.user() == null ? null : userView(r.user(), List.of()));
    plain.put("project", r -> data.project(r.entityName(), r.projectName()));
    plain.put("systemMetrics", r -> json.toJsonString(r.systemMetrics()));
    plain.put("historyKeys", RunData::historyKeys);
    plain.put("historyLineCount", RunData::historyLineCount);
    plain.put("eventsLineCount", RunData::eventsLineCount);
    plain.put("logLineCount", RunData::logLineCount);
    plain.put("fileCount", RunData::fileCount);
    plain.forEach((field, getter) -> run.dataFetcher(field, env -> getter.apply(env.getSource())));
    return run
        .dataFetcher("config", env -> keysJson(this.<RunData>source(env).config().wrapped(), env))
        .dataFetcher("summaryMetrics", env -> keysJson(this.<RunData>source(env).summary(), env))
        .dataFetcher("wandbConfig", env -> keysJson(wandbConfig(env.getSource()), env))
        .dataFetcher("history", env -> {
          RunData r = env.getSource();
          Number min = env.getArgument("minStep");
          Number max = env.getArgument("maxStep");
          List<Map<String, Object>> rows = RunStreams.history(r, min == null ? 0 : min.longValue(),
              max == null ? Long.MAX_VALUE : max.longValue());
          return RunStreams.sample(rows, env.getArgument("samples")).stream()
              .map(json::toJsonString).toList();
        })
        .dataFetcher("events", env -> RunStreams.sample(RunStreams.events(env.getSource()),
            env.getArgument("samples")).stream().map(json::toJsonString).toList())
        .dataFetcher("files", this::files);
  }

  /** {@code Project.sweeps}: derived from the runs (see {@link SweepData}), paged by name. */
  private Map<String, Object> sweepConnection(ProjectData project, DataFetchingEnvironment env) {
    List<SweepData> sweeps = SweepData.of(project);
    int start = env.getArgument("after") == null ? 0
        : Cursors.decode("sweep", env.getArgument("after")) + 1;
    int end = Math.min(sweeps.size(), start + PageSize.resolve(env.getArgument("first")));
    List<Object> edges = new ArrayList<>();
    for (int i = start; i < end; i++) {
      SweepData s = sweeps.get(i);
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("id", java.util.Base64.getEncoder().encodeToString(("Sweep:" + s.name())
          .getBytes(StandardCharsets.UTF_8)));
      node.put("name", s.name());
      node.put("displayName", s.displayName());
      node.put("method", s.method());
      node.put("state", s.state());
      node.put("description", null);
      node.put("bestLoss", s.bestLoss());
      node.put("config", s.configYaml());
      node.put("createdAt", s.createdAt());
      node.put("updatedAt", s.updatedAt());
      node.put("runCount", s.runCount());
      node.put("runCountExpected", null);
      edges.add(edge(node, Cursors.encode("sweep", i)));
    }
    return connection(edges, end < sweeps.size(), start > 0, null);
  }

  /** {@code Run.files}: by name, or MySQL LIKE {@code pattern}, paged in name order. */
  private Map<String, Object> files(DataFetchingEnvironment env) {
    RunData run = env.getSource();
    List<String> names = env.getArgument("names");
    String pattern = env.getArgument("pattern");
    if (names != null && !names.isEmpty() && pattern != null) {
      throw new IllegalArgumentException("names and pattern cannot be used together");
    }
    List<RunStreams.FileData> files = new ArrayList<>(RunStreams.files(run));
    if (pattern != null) {
      java.util.regex.Pattern like = RunStreams.mysqlLike(pattern);
      files.removeIf(f -> !like.matcher(f.name()).matches());
    }
    if (names != null && !names.isEmpty()) {
      // W&B answers a name query with placeholders for files that do not exist.
      List<RunStreams.FileData> named = new ArrayList<>();
      for (String n : names) {
        named.add(files.stream().filter(f -> f.name().equals(n)).findFirst()
            .orElse(new RunStreams.FileData(n, 0, null, null, "")));
      }
      files = named;
    }
    int start = env.getArgument("after") == null ? 0
        : Cursors.decode("file", env.getArgument("after")) + 1;
    int end = Math.min(files.size(), start + PageSize.resolve(env.getArgument("first")));
    List<Object> edges = new ArrayList<>();
    for (int i = start; i < end; i++) {
      RunStreams.FileData f = files.get(i);
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("id", java.util.Base64.getEncoder().encodeToString(("File:" + run.name() + ":" + f.name())
          .getBytes(StandardCharsets.UTF_8)));
      node.put("name", f.name());
      node.put("displayName", f.name());
      node.put("url", "/files/" + run.entityName() + "/" + run.projectName() + "/" + run.name() + "/" + f.name());
      node.put("directUrl", f.directUrl());
      node.put("sizeBytes", f.sizeBytes());
      node.put("md5", f.md5());
      node.put("mimetype", f.mimetype());
      node.put("updatedAt", f.md5() == null ? null : run.updatedAt());
      node.put("digest", f.md5());
      node.put("storagePath", null);
      edges.add(edge(node, Cursors.encode("file", i)));
    }
    return connection(edges, end < files.size(), start > 0, files.size());
  }

  private Object queryProject(DataFetchingEnvironment env) {
    String entity = entityOrViewer(env.getArgument("entityName"));
    String name = env.getArgument("name");
    return entity == null || name == null ? null : data.findProject(entity, name).orElse(null);
  }

  private String entityOrViewer(String entityName) {
    return entityName != null ? entityName : data.viewerEntity();
  }

  private Map<String, Object> viewer() {
    List<EntityData> teams = data.entities().stream().filter(EntityData::isTeam).toList();
    Map<String, Object> view = userView(data.viewer(), teams);
    view.put("entity", data.viewerEntity());
    return view;
  }

  private static Map<String, Object> userView(UserData user, List<EntityData> teams) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", user.id());
    view.put("name", user.name());
    view.put("username", user.username());
    view.put("email", user.email());
    view.put("admin", false);
    view.put("entity", user.username());
    view.put("flags", "{}");
    view.put("deletedAt", null);
    List<Object> edges = new ArrayList<>();
    teams.forEach(team -> edges.add(edge(team, Cursors.encode("entity", edges.size() + 1))));
    view.put("teams", Map.of("edges", edges));
    return view;
  }

  private Map<String, Object> projectConnection(String entityName, Integer first, String after) {
    int size = PageSize.resolve(first);
    List<ProjectData> projects = entityName == null ? List.of()
        : data.entity(entityName).map(EntityData::projects).orElse(List.of());
    int start = after == null ? 0 : Math.min(Cursors.decode("project", after), projects.size());
    int end = Math.min(projects.size(), start + size);
    List<Object> edges = new ArrayList<>();
    for (int i = start; i < end; i++) {
      edges.add(edge(projects.get(i), Cursors.encode("project", i + 1)));
    }
    return connection(edges, end < projects.size(), start > 0, null);
  }

  private Map<String, Object> runConnection(ProjectData project, DataFetchingEnvironment env) {
    RunQuery.RunPage page = runQuery.page(project, env.getArgument("filters"), env.getArgument("order"),
        env.getArgument("first"), env.getArgument("after"));
    List<Object> edges = new ArrayList<>();
    page.runs().forEach(run -> edges.add(edge(run, RunQuery.RunPage.cursorOf(run))));
    return connection(edges, page.hasNextPage(), page.hasPreviousPage(), page.totalCount());
  }

  private static Map<String, Object> connection(List<Object> edges, boolean hasNext, boolean hasPrevious,
      Integer totalCount) {
    Map<String, Object> pageInfo = new LinkedHashMap<>();
    pageInfo.put("hasNextPage", hasNext);
    pageInfo.put("hasPreviousPage", hasPrevious);
    pageInfo.put("startCursor", edges.isEmpty() ? null : ((Map<?, ?>) edges.get(0)).get("cursor"));
    pageInfo.put("endCursor", edges.isEmpty() ? null : ((Map<?, ?>) edges.get(edges.size() - 1)).get("cursor"));
    Map<String, Object> connection = new LinkedHashMap<>();
    connection.put("edges", edges);
    connection.put("pageInfo", pageInfo);
    if (totalCount != null) {
      connection.put("totalCount", totalCount);
    }
    return connection;
  }

  private static Map<String, Object> edge(Object node, String cursor) {
    Map<String, Object> edge = new LinkedHashMap<>();
    edge.put("node", node);
    edge.put("cursor", cursor);
    return edge;
  }

  private static Map<String, Object> serverInfo() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("cliVersionInfo", Map.of("max_cli_version", "0.28.2"));
    info.put("latestLocalVersionInfo", null);
    info.put("features", List.of()); // no optional server features (artifacts, sweeps filtering) are served
    return info;
  }

  /** The unwrapped {@code _wandb} config entry: what {@code Run.wandbConfig} projects from. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> wandbConfig(RunData run) {
    return run.config().values().get("_wandb") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /**
   * The document as a JSONString, restricted to the top-level {@code keys} argument when given.
   * Whole documents are written once per run: the data never changes, and writing thousands of
   * configs and summaries per page would dominate the server's time.
   */
  private String keysJson(Map<String, Object> document, DataFetchingEnvironment env) {
    List<String> keys = env.getArgument("keys");
    if (keys == null) {
      return wholeDocuments.computeIfAbsent(document, json::toJsonString);
    }
    Map<String, Object> selected = new LinkedHashMap<>();
    document.forEach((key, value) -> {
      if (keys.contains(key)) {
        selected.put(key, value);
      }
    });
    return json.toJsonString(selected);
  }

  private static void rejectBackwardPaging(DataFetchingEnvironment env, String field) {
    if (env.getArgument("before") != null || env.getArgument("last") != null) {
      throw new NotServedException(field + "(before:, last:)");
    }
  }

  private static EntityData entityOf(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static ProjectData projectOf(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private <T> T source(DataFetchingEnvironment env) {
    return env.getSource();
  }
}
