package io.github.wandbjdbc.testserver.graphql;

import io.github.wandbjdbc.testserver.data.ArtifactCollectionData;
import io.github.wandbjdbc.testserver.data.ArtifactData;
import io.github.wandbjdbc.testserver.data.ArtifactTypeData;
import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.ServerData;
import io.github.wandbjdbc.testserver.data.UserData;
import io.github.wandbjdbc.testserver.semantics.JsonFilter;
import io.github.wandbjdbc.testserver.semantics.PageSize;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.TypeRuntimeWiring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Artifacts and lineage (docs/WIRE.md, ArtifactTypes to ArtifactUsage) over
 * {@link ProjectData#artifactTypes()}, {@link ProjectData#artifactCollections()} and
 * {@link ProjectData#artifacts()}.
 *
 * <ul>
 *   <li>Types page in creation order. Collections ({@code ArtifactSequence}) default to W&B's
 *       order, id descending; {@code order} takes {@code [+-]name} or {@code [+-]createdAt}, and
 *       {@code filters} the key {@code name}.</li>
 *   <li>Versions ({@code ArtifactCollection.artifacts}) default to newest first (version index
 *       descending) and every state; {@code order} takes {@code [+-]versionIndex} or
 *       {@code [+-]createdAt}; {@code filters} takes the key {@code state} (the SDK's default is
 *       {@code {"state": "COMMITTED"}}). Anything else is a GraphQL error naming the argument.</li>
 *   <li>{@code createdBy} is the logging Run or, for uploads, the User; {@code usedBy} and
 *       {@code Run.inputArtifacts} come from the same {@link ArtifactData#usedBy()} list, and
 *       {@code Run.outputArtifacts} from {@link ArtifactData#createdByRun()}, so lineage agrees
 *       from both sides.</li>
 * </ul>
 */
final class ArtifactFetchers {

  /** A version seen through its collection ({@code ArtifactCollectionMembership}). */
  record Membership(ArtifactData artifact, ArtifactCollectionData collection) {
  }

  private static final Set<String> VERSION_FILTER_KEYS = Set.of("state");
  private static final Set<String> COLLECTION_FILTER_KEYS = Set.of("name");
  private static final Pattern ORDER = Pattern.compile("^([+-]?)([A-Za-z_]\\w*)$");

  private final ServerData data;
  private final JsonValues json;
  private final Map<ProjectData, Map<String, RunData>> runsByName = Collections.synchronizedMap(new IdentityHashMap<>());

  ArtifactFetchers(ServerData data, JsonValues json) {
    this.data = data;
    this.json = json;
  }

  List<TypeRuntimeWiring.Builder> wirings() {
    return List.of(queryWiring(), projectWiring(), typeWiring(), collectionWiring(), artifactWiring(),
        membershipWiring(), runWiring(),
        TypeRuntimeWiring.newTypeWiring("ArtifactCollection")
            .typeResolver(env -> env.getSchema().getObjectType("ArtifactSequence")),
        TypeRuntimeWiring.newTypeWiring("Initiator").typeResolver(env -> env.getSchema().getObjectType(
            env.getObject() instanceof RunData ? "Run" : "User")));
  }

  private TypeRuntimeWiring.Builder queryWiring() {
    return TypeRuntimeWiring.newTypeWiring("Query")
        .dataFetcher("artifact", env -> data.artifact(env.getArgument("id")).orElse(null))
        .dataFetcher("artifactCollection", env -> data.artifactCollection(env.getArgument("id")).orElse(null));
  }

  private TypeRuntimeWiring.Builder projectWiring() {
    return TypeRuntimeWiring.newTypeWiring("Project")
        .dataFetcher("artifactTypes", env -> Connections.page(project(env).artifactTypes(), "artifactType",
            env.getArgument("after"), env.getArgument("first"), false))
        .dataFetcher("artifactType", env -> project(env).artifactType(env.getArgument("name")).orElse(null))
        .dataFetcher("artifactCollections", env -> collections(project(env).artifactCollections(), env))
        .dataFetcher("artifactCollection", env -> project(env).artifactCollection(env.getArgument("name")).orElse(null))
        .dataFetcher("artifact", env -> byName(project(env), env.getArgument("name"), null)
            .map(Membership::artifact).orElse(null))
        .dataFetcher("artifactCollectionMembership", env -> byName(project(env), env.getArgument("name"), null)
            .orElse(null));
  }

  private TypeRuntimeWiring.Builder typeWiring() {
    return TypeRuntimeWiring.newTypeWiring("ArtifactType")
        .dataFetcher("id", env -> type(env).id())
        .dataFetcher("name", env -> type(env).name())
        .dataFetcher("description", env -> type(env).description())
        .dataFetcher("createdAt", env -> type(env).createdAt())
        .dataFetcher("project", env -> data.project(type(env).entityName(), type(env).projectName()))
        .dataFetcher("artifactCollections", env -> collections(ofType(env).toList(), env))
        .dataFetcher("artifactCollection", env -> ofType(env)
            .filter(c -> c.name().equals(env.getArgument("name"))).findFirst().orElse(null))
        .dataFetcher("artifactSequence", env -> ofType(env)
            .filter(c -> c.name().equals(env.getArgument("name"))).findFirst().orElse(null))
        .dataFetcher("artifact", env -> byName(projectOf(type(env)), env.getArgument("name"), type(env).name())
            .map(Membership::artifact).orElse(null));
  }

  private TypeRuntimeWiring.Builder collectionWiring() {
    return TypeRuntimeWiring.newTypeWiring("ArtifactSequence")
        .dataFetcher("id", env -> collection(env).id())
        .dataFetcher("name", env -> collection(env).name())
        .dataFetcher("description", env -> collection(env).description())
        .dataFetcher("createdAt", env -> collection(env).createdAt())
        .dataFetcher("updatedAt", env -> collection(env).updatedAt())
        .dataFetcher("state", env -> "READY")
        .dataFetcher("project", env -> projectOf(collection(env)))
        .dataFetcher("defaultArtifactType", env -> projectOf(collection(env))
            .artifactType(collection(env).typeName()).orElseThrow())
        .dataFetcher("tags", env -> Connections.page(collection(env).tags().stream()
            .map(t -> tag(collection(env).name(), t)).toList(), "tag", null, PageSize.MAX, false))
        .dataFetcher("artifacts", this::versions)
        .dataFetcher("aliases", env -> Connections.page(projectOf(collection(env)).versions(collection(env).name())
            .stream().flatMap(a -> aliases(a).stream()).toList(), "alias", env.getArgument("after"),
            env.getArgument("first"), false))
        .dataFetcher("artifactMembership", env -> byName(projectOf(collection(env)),
            collection(env).name() + ":" + env.getArgument("aliasName"), null).orElse(null));
  }

  private TypeRuntimeWiring.Builder artifactWiring() {
    Map<String, Function<ArtifactData, Object>> plain = new LinkedHashMap<>();
    plain.put("id", ArtifactData::id);
    plain.put("digest", ArtifactData::digest);
    plain.put("description", ArtifactData::description);
    plain.put("metadata", a -> json.toJsonString(a.metadata()));
    plain.put("labels", a -> null);
    plain.put("state", ArtifactData::state);
    plain.put("size", ArtifactData::size);
    plain.put("storageBytes", ArtifactData::size);
    plain.put("fileCount", ArtifactData::fileCount);
    plain.put("tags", a -> a.tags().stream().map(t -> tag(a.collectionName(), t)).toList());
    plain.put("artifactType", a -> projectOf(a).artifactType(a.typeName()).orElseThrow());
    plain.put("artifactSequence", a -> projectOf(a).artifactCollection(a.collectionName()).orElseThrow());
    plain.put("createdAt", ArtifactData::createdAt);
    plain.put("updatedAt", ArtifactData::updatedAt);
    plain.put("historyStep", ArtifactData::historyStep);
    plain.put("ttlDurationSeconds", ArtifactData::ttlDurationSeconds);
    plain.put("ttlIsInherited", ArtifactData::ttlIsInherited);
    plain.put("usedCount", a -> a.usedBy().size());
    plain.put("createdBy", this::createdBy);
    TypeRuntimeWiring.Builder wiring = TypeRuntimeWiring.newTypeWiring("Artifact");
    plain.forEach((field, getter) -> wiring.dataFetcher(field, env -> getter.apply(env.getSource())));
    return wiring
        .dataFetcher("versionIndex", env -> inCollection(env) ? artifact(env).versionIndex() : null)
        .dataFetcher("commitHash", env -> inCollection(env) ? artifact(env).commitHash() : null)
        .dataFetcher("aliases", env -> inCollection(env) ? aliases(artifact(env)) : List.of())
        .dataFetcher("usedBy", this::usedBy);
  }

  private TypeRuntimeWiring.Builder membershipWiring() {
    return TypeRuntimeWiring.newTypeWiring("ArtifactCollectionMembership")
        .dataFetcher("id", env -> Ids.of("ArtifactCollectionMembership", String.valueOf(membership(env).artifact().numericId())))
        .dataFetcher("versionIndex", env -> membership(env).artifact().versionIndex())
        .dataFetcher("aliases", env -> aliases(membership(env).artifact()))
        .dataFetcher("artifactCollection", env -> membership(env).collection())
        .dataFetcher("artifact", env -> membership(env).artifact());
  }

  private TypeRuntimeWiring.Builder runWiring() {
    return TypeRuntimeWiring.newTypeWiring("Run")
        .dataFetcher("outputArtifacts", env -> {
          RunData run = env.getSource();
          return Connections.page(projectOf(run).outputArtifacts(run.name()), "outputArtifact",
              env.getArgument("after"), env.getArgument("first"), true);
        })
        .dataFetcher("inputArtifacts", env -> {
          RunData run = env.getSource();
          return Connections.page(projectOf(run).inputArtifacts(run.name()), "inputArtifact",
              env.getArgument("after"), env.getArgument("first"), true, a -> {
                Map<String, Object> edge = Connections.nodeEdge(a);
                edge.put("usedAs", a.usedBy().stream().filter(u -> u.runName().equals(run.name()))
                    .findFirst().orElseThrow().usedAs());
                return edge;
              });
        });
  }

  private Map<String, Object> collections(List<ArtifactCollectionData> all, DataFetchingEnvironment env) {
    Predicate<Map<String, Object>> filter = JsonFilter.parse(env.getArgument("filters"), COLLECTION_FILTER_KEYS, json);
    Comparator<ArtifactCollectionData> order = order(env.getArgument("order"), Map.of(
        "name", Comparator.comparing(ArtifactCollectionData::name),
        "createdAt", Comparator.comparing(ArtifactCollectionData::createdAt)),
        Comparator.comparingLong(ArtifactCollectionData::numericId).reversed());
    List<ArtifactCollectionData> selected = all.stream().filter(c -> filter.test(Map.of("name", c.name())))
        .sorted(order).toList();
    return Connections.page(selected, "artifactCollection", env.getArgument("after"), env.getArgument("first"), true);
  }

  private Map<String, Object> versions(DataFetchingEnvironment env) {
    ArtifactCollectionData collection = collection(env);
    Predicate<Map<String, Object>> filter = JsonFilter.parse(env.getArgument("filters"), VERSION_FILTER_KEYS, json);
    Comparator<ArtifactData> order = order(env.getArgument("order"), Map.of(
        "versionIndex", Comparator.comparingInt(ArtifactData::versionIndex),
        "createdAt", Comparator.comparing(ArtifactData::createdAt)),
        Comparator.comparingInt(ArtifactData::versionIndex).reversed());
    List<ArtifactData> selected = projectOf(collection).versions(collection.name()).stream()
        .filter(a -> filter.test(Map.of("state", a.state()))).sorted(order).toList();
    return Connections.page(selected, "artifact", env.getArgument("after"), env.getArgument("first"), true, a -> {
      Map<String, Object> edge = Connections.nodeEdge(a);
      edge.put("version", a.version());
      return edge;
    });
  }

  /** {@code [+-]key} for one of the keys, ties by the default order; unknown keys are a GraphQL error. */
  private static <T> Comparator<T> order(String order, Map<String, Comparator<T>> keys, Comparator<T> byDefault) {
    if (order == null || order.isEmpty()) {
      return byDefault;
    }
    Matcher m = ORDER.matcher(order);
    if (!m.matches() || !keys.containsKey(m.group(2))) {
      throw new IllegalArgumentException("order: unsupported '" + order + "' (this server orders by "
          + keys.keySet().stream().sorted().toList() + " with an optional + or -)");
    }
    Comparator<T> comparator = keys.get(m.group(2));
    return (m.group(1).equals("-") ? comparator.reversed() : comparator).thenComparing(byDefault);
  }

  private Map<String, Object> usedBy(DataFetchingEnvironment env) {
    if (env.getArgument("before") != null || env.getArgument("last") != null) {
      throw new NotServedException("Artifact.usedBy(before:, last:)");
    }
    String filters = env.getArgument("filters");
    if ((filters != null && !filters.isBlank() && !filters.trim().equals("{}")) || env.getArgument("order") != null) {
      throw new NotServedException("Artifact.usedBy(filters:, order:)");
    }
    ArtifactData artifact = artifact(env);
    Map<String, RunData> runs = runsByName(projectOf(artifact));
    List<RunData> users = artifact.usedBy().stream().map(u -> runs.get(u.runName())).toList();
    return Connections.page(users, "usedBy", env.getArgument("after"), env.getArgument("first"), true);
  }

  private Object createdBy(ArtifactData artifact) {
    ProjectData project = projectOf(artifact);
    if (artifact.createdByRun() != null) {
      return runsByName(project).get(artifact.createdByRun());
    }
    UserData user = project.runs().stream().map(RunData::user)
        .filter(u -> u != null && artifact.createdByUser().equals(u.username())).findFirst()
        .orElse(new UserData(artifact.createdByUser(), artifact.createdByUser(), null));
    return WandbGraphQl.userView(user, List.of());
  }

  /** {@code name} is {@code <collection>:<alias>} (an alias such as {@code latest}, or {@code vN}). */
  private static Optional<Membership> byName(ProjectData project, String name, String typeName) {
    int colon = name == null ? -1 : name.lastIndexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String collectionName = name.substring(0, colon);
    String alias = name.substring(colon + 1);
    return project.artifactCollection(collectionName)
        .filter(c -> typeName == null || c.typeName().equals(typeName))
        .flatMap(c -> project.versions(collectionName).stream().filter(a -> a.aliases().contains(alias))
            .findFirst().map(a -> new Membership(a, c)));
  }

  private List<Map<String, Object>> aliases(ArtifactData artifact) {
    ArtifactCollectionData collection = projectOf(artifact).artifactCollection(artifact.collectionName()).orElseThrow();
    List<Map<String, Object>> aliases = new ArrayList<>();
    for (String alias : artifact.aliases()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("id", Ids.of("ArtifactAlias", artifact.numericId() + ":" + alias));
      node.put("alias", alias);
      node.put("artifactCollectionName", artifact.collectionName());
      node.put("artifactCollection", collection);
      aliases.add(node);
    }
    return aliases;
  }

  private static Map<String, Object> tag(String scope, String name) {
    Map<String, Object> tag = new LinkedHashMap<>();
    tag.put("id", Ids.of("Tag", scope + ":" + name));
    tag.put("name", name);
    return tag;
  }

  /** Whether the {@code artifactCollectionName} argument, if any, names the version's own collection. */
  private static boolean inCollection(DataFetchingEnvironment env) {
    String name = env.getArgument("artifactCollectionName");
    return name == null || name.equals(artifact(env).collectionName());
  }

  private Map<String, RunData> runsByName(ProjectData project) {
    return runsByName.computeIfAbsent(project, p -> {
      Map<String, RunData> byName = new LinkedHashMap<>();
      p.runs().forEach(r -> byName.put(r.name(), r));
      return byName;
    });
  }

  private java.util.stream.Stream<ArtifactCollectionData> ofType(DataFetchingEnvironment env) {
    ArtifactTypeData type = type(env);
    return projectOf(type).artifactCollections().stream().filter(c -> c.typeName().equals(type.name()));
  }

  private ProjectData projectOf(ArtifactTypeData type) {
    return data.project(type.entityName(), type.projectName());
  }

  private ProjectData projectOf(ArtifactCollectionData collection) {
    return data.project(collection.entityName(), collection.projectName());
  }

  private ProjectData projectOf(ArtifactData artifact) {
    return data.project(artifact.entityName(), artifact.projectName());
  }

  private ProjectData projectOf(RunData run) {
    return data.project(run.entityName(), run.projectName());
  }

  private static ProjectData project(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static ArtifactTypeData type(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static ArtifactCollectionData collection(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static ArtifactData artifact(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static Membership membership(DataFetchingEnvironment env) {
    return env.getSource();
  }
}
