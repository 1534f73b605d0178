package io.github.wandbjdbc.testserver.graphql;

import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.ProjectData;
import io.github.wandbjdbc.testserver.data.SweepData;
import io.github.wandbjdbc.testserver.semantics.JsonFilter;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.TypeRuntimeWiring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code Project.sweeps(after, first, filters)}, {@code Project.sweep(sweepName)} and the
 * {@code Sweep} fields (docs/WIRE.md, Sweeps) over {@link ProjectData#sweeps()}, by name. Filters
 * take {@code name} and {@code state} ({@link JsonFilter}).
 */
final class SweepFetchers {

  private static final Set<String> FILTER_KEYS = Set.of("name", "state");

  private final JsonValues json;

  SweepFetchers(JsonValues json) {
    this.json = json;
  }

  TypeRuntimeWiring.Builder projectWiring() {
    return TypeRuntimeWiring.newTypeWiring("Project")
        .dataFetcher("sweeps", this::sweeps)
        .dataFetcher("sweep", env -> this.<ProjectData>source(env).sweep(env.getArgument("sweepName")).orElse(null));
  }

  TypeRuntimeWiring.Builder sweepWiring() {
    return TypeRuntimeWiring.newTypeWiring("Sweep")
        .dataFetcher("id", env -> sweep(env).id())
        .dataFetcher("name", env -> sweep(env).name())
        .dataFetcher("displayName", env -> sweep(env).displayName())
        .dataFetcher("method", env -> sweep(env).method())
        .dataFetcher("state", env -> sweep(env).state())
        .dataFetcher("description", env -> sweep(env).description())
        .dataFetcher("bestLoss", env -> sweep(env).bestLoss())
        .dataFetcher("config", env -> sweep(env).configYaml())
        .dataFetcher("createdAt", env -> sweep(env).createdAt())
        .dataFetcher("updatedAt", env -> sweep(env).updatedAt())
        .dataFetcher("runCount", env -> sweep(env).runCount())
        .dataFetcher("runCountExpected", env -> sweep(env).runCountExpected());
  }

  private Map<String, Object> sweeps(DataFetchingEnvironment env) {
    Predicate<Map<String, Object>> filter = JsonFilter.parse(env.getArgument("filters"), FILTER_KEYS, json);
    List<SweepData> sweeps = this.<ProjectData>source(env).sweeps().stream().filter(s -> filter.test(view(s))).toList();
    return Connections.page(sweeps, "sweep", env.getArgument("after"), env.getArgument("first"), false);
  }

  private static Map<String, Object> view(SweepData sweep) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", sweep.name());
    view.put("state", sweep.state());
    return view;
  }

  private static SweepData sweep(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private <T> T source(DataFetchingEnvironment env) {
    return env.getSource();
  }
}
