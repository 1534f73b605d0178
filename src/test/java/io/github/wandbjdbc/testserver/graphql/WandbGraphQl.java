package io.github.wandbjdbc.testserver.graphql;

import io.github.wandbjdbc.testserver.data.EntityData;
import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.ServerData;
import io.github.wandbjdbc.testserver.data.UserData;
import io.github.wandbjdbc.testserver.exports.ExportStore;
import io.github.wandbjdbc.testserver.semantics.Cursors;
import io.github.wandbjdbc.testserver.semantics.PageSize;
import io.github.wandbjdbc.testserver.semantics.RunQuery;

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
 * {@code Run.config/summaryMetrics/wandbConfig(keys:)}; history, events and files
 * ({@link RunStreamFetchers}); sweeps ({@link SweepFetchers}); artifacts and lineage
 * ({@link ArtifactFetchers}); history exports ({@code parquetHistory}, {@link ExportStore}). Fields
 * none of them serves (e.g. {@code logLines}, artifact files) fail with {@link NotServedException}. Helper objects
 * (connections, edges, page infos, users) are plain maps read by the default fetcher.
 */
public final class WandbGraphQl {

  static final String SCHEMA_RESOURCE = "wandb-schema.graphql";

  private final ServerData data;
  private final RunQuery runQuery;
  private final JsonValues json;
  /** Whole documents by identity; see {@link #keysJson}. */
  private final Map<Map<String, Object>, String> wholeDocuments =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private final String baseUrl;
  private final ExportStore exports;

  /**
   * {@code baseUrl} is where the server listens: {@code File.url} points there; {@code exports}
   * answers {@code Run.parquetHistory}, which the schema lacks when they are not served.
   */
  public WandbGraphQl(ServerData data, RunQuery runQuery, JsonValues json, String baseUrl,
      ExportStore exports) {
    this.data = data;
    this.runQuery = runQuery;
    this.json = json;
    this.baseUrl = baseUrl;
    this.exports = exports;
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

  public GraphQL build() {
    RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(new MapOrNotServed());
    WandbScalars.all().forEach(wiring::scalar);
    wiring.type(queryWiring());
    wiring.type(entityWiring());
    wiring.type(projectWiring());
    wiring.type(runWiring());
    // Wirings of one type merge, so each feature keeps its fetchers in a class of its own.
    RunStreamFetchers streams = new RunStreamFetchers(json, baseUrl);
    wiring.type(streams.runWiring());
    wiring.type(streams.fileWiring());
    SweepFetchers sweeps = new SweepFetchers(json);
    wiring.type(sweeps.projectWiring());
    wiring.type(sweeps.sweepWiring());
    new ArtifactFetchers(data, json).wirings().forEach(wiring::type);
    wiring.type(TypeRuntimeWiring.newTypeWiring("Run").dataFetcher("parquetHistory",
        env -> exports.parquetHistory(env.getSource(), env.getArgument("liveKeys"))));
    String schema = exports.options().served() ? schemaText()
        : withoutParquetHistory(schemaText());
    GraphQLSchema executable = new SchemaGenerator().makeExecutableSchema(
        new SchemaParser().parse(schema), wiring.build());
    return GraphQL.newGraphQL(executable).build();
  }

  /** The schema of a W&B server from before history exports: Run has no parquetHistory. */
  static String withoutParquetHistory(String schema) {
    String field = "  parquetHistory(liveKeys: [String!]!): ParquetHistory!";
    int at = schema.indexOf(field);
    if (at < 0) {
      throw new IllegalStateException("the schema's Run.parquetHistory is not where expected");
    }
    return schema.substring(0, at) + schema.substring(schema.indexOf('\n', at) + 1);
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
        .dataFetcher("wandbConfig", env -> keysJson(wandbConfig(env.getSource()), env));
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

  /** A {@code User} object; also what {@code Artifact.createdBy} serves for uploads by a user. */
  static Map<String, Object> userView(UserData user, List<EntityData> teams) {
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
    teams.forEach(team -> edges.add(Connections.edge(team, Cursors.encode("entity", edges.size() + 1))));
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
      edges.add(Connections.edge(projects.get(i), Cursors.encode("project", i + 1)));
    }
    return Connections.connection(edges, end < projects.size(), start > 0, null);
  }

  private Map<String, Object> runConnection(ProjectData project, DataFetchingEnvironment env) {
    RunQuery.RunPage page = runQuery.page(project, env.getArgument("filters"), env.getArgument("order"),
        env.getArgument("first"), env.getArgument("after"));
    List<Object> edges = new ArrayList<>();
    for (int i = 0; i < page.runs().size(); i++) {
      edges.add(Connections.edge(page.runs().get(i), page.cursors().get(i)));
    }
    return Connections.connection(edges, page.hasNextPage(), page.hasPreviousPage(), page.totalCount());
  }

  private static Map<String, Object> serverInfo() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("cliVersionInfo", Map.of("max_cli_version", "0.28.2"));
    info.put("latestLocalVersionInfo", null);
    // The optional features (ServerFeature enum names, docs/WIRE.md, Not used) this server
    // implements.
    info.put("features", List.of("ARTIFACT_COLLECTIONS_FILTERING_SORTING", "TOTAL_COUNT_IN_FILE_CONNECTION",
        "SWEEPS_QUERY_FILTERING", "PROJECT_ARTIFACT_COLLECTION_MEMBERSHIP").stream()
        .map(name -> Map.<String, Object>of("name", name, "isEnabled", true)).toList());
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
