package io.github.wandbjdbc.testserver.graphql;

import io.github.wandbjdbc.testserver.data.HistoryData;
import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.RunFile;
import io.github.wandbjdbc.testserver.semantics.MysqlLike;
import io.github.wandbjdbc.testserver.semantics.Samples;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.TypeRuntimeWiring;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code Run.history}, {@code Run.sampledHistory}, {@code Run.events} and {@code Run.files} (with
 * the {@code File} type), over {@link RunData#history()}, {@link RunData#events()} and
 * {@link RunData#files()}, following docs/WIRE.md, RunHistory to RunFiles:
 * <ul>
 *   <li>{@code history}: rows with {@code minStep <= _step < maxStep} (defaults 0 and no bound) as
 *       JSON strings with bare NaN/Infinity, down-sampled to {@code samples} (default 500).</li>
 *   <li>{@code sampledHistory}: per spec the rows with {@code minStep <= _step <= maxStep}
 *       (inclusive) holding every requested key, only those keys, down-sampled likewise; NaN and
 *       ±Infinity become the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}
 *       because a {@code JSON} field must stay valid JSON (docs/WIRE.md, W&B's JSON).</li>
 *   <li>{@code events}: every system-metric row as a JSON string, down-sampled likewise.</li>
 *   <li>{@code files}: by exact {@code names} (placeholders for names that do not exist,
 *       docs/WIRE.md, RunFiles) or MySQL LIKE {@code pattern}, never both; by name; paged with
 *       opaque cursors.</li>
 * </ul>
 */
final class RunStreamFetchers {

  /** A file as {@code File} serves it: the run gives it its URLs. */
  record FileNode(RunData run, RunFile file) {
  }

  private final JsonValues json;
  private final String baseUrl;

  RunStreamFetchers(JsonValues json, String baseUrl) {
    this.json = json;
    this.baseUrl = baseUrl;
  }

  TypeRuntimeWiring.Builder runWiring() {
    return TypeRuntimeWiring.newTypeWiring("Run")
        .dataFetcher("history", this::history)
        .dataFetcher("sampledHistory", this::sampledHistory)
        .dataFetcher("events", env -> Samples.of(this.<RunData>source(env).events().rows(),
            env.getArgument("samples")).stream().map(json::toJsonString).toList())
        .dataFetcher("files", this::files);
  }

  TypeRuntimeWiring.Builder fileWiring() {
    return TypeRuntimeWiring.newTypeWiring("File")
        .dataFetcher("id", env -> Ids.of("File", node(env).run().name() + ":" + node(env).file().name()))
        .dataFetcher("name", env -> node(env).file().name())
        .dataFetcher("displayName", env -> node(env).file().name())
        .dataFetcher("url", env -> Boolean.TRUE.equals(env.getArgument("upload"))
            ? RunFile.directUrl(node(env).run(), node(env).file().name()) + "&X-Goog-Method=PUT"
            : RunFile.url(baseUrl, node(env).run(), node(env).file().name()))
        .dataFetcher("directUrl", env -> RunFile.directUrl(node(env).run(), node(env).file().name()))
        .dataFetcher("sizeBytes", env -> node(env).file().sizeBytes())
        .dataFetcher("md5", env -> node(env).file().md5())
        .dataFetcher("digest", env -> node(env).file().md5())
        .dataFetcher("mimetype", env -> node(env).file().mimetype())
        .dataFetcher("updatedAt", env -> node(env).file().updatedAt())
        .dataFetcher("storagePath", env -> node(env).file().md5() == null ? null
            : RunFile.storagePath(node(env).run(), node(env).file().name()));
  }

  private List<String> history(DataFetchingEnvironment env) {
    HistoryData history = this.<RunData>source(env).history();
    Number min = env.getArgument("minStep");
    Number max = env.getArgument("maxStep");
    long[] steps = Samples.of(history.steps(min == null ? 0 : min.longValue(),
        max == null ? Long.MAX_VALUE : max.longValue()), env.getArgument("samples"));
    List<String> rows = new ArrayList<>(steps.length);
    for (long step : steps) {
      rows.add(json.toJsonString(history.row(step)));
    }
    return rows;
  }

  private List<Object> sampledHistory(DataFetchingEnvironment env) {
    HistoryData history = this.<RunData>source(env).history();
    List<String> specs = env.getArgument("specs");
    List<Object> results = new ArrayList<>();
    for (String specText : specs) {
      Spec spec = Spec.parse(specText, json);
      long maxExclusive = spec.maxStep() == null || spec.maxStep() == Long.MAX_VALUE
          ? Long.MAX_VALUE : spec.maxStep() + 1;
      List<Map<String, Object>> rows = new ArrayList<>();
      for (long step : history.steps(spec.minStep() == null ? 0 : spec.minStep(), maxExclusive)) {
        Map<String, Object> row = history.row(step);
        if (row.keySet().containsAll(spec.keys())) {
          Map<String, Object> projected = new LinkedHashMap<>();
          spec.keys().forEach(k -> projected.put(k, JsonValues.nanAsText(row.get(k))));
          rows.add(projected);
        }
      }
      results.add(Samples.of(rows, spec.samples()));
    }
    return results;
  }

  /** One {@code sampledHistory} spec: {@code {"keys": [...], "minStep"?, "maxStep"? (inclusive), "samples"?}}. */
  record Spec(List<String> keys, Long minStep, Long maxStep, Integer samples) {
    static Spec parse(String text, JsonValues json) {
      Object parsed;
      try {
        parsed = json.parseJson(text);
      } catch (IOException e) {
        throw new IllegalArgumentException("sampledHistory: spec is not JSON: " + text);
      }
      if (!(parsed instanceof Map<?, ?> spec) || !(spec.get("keys") instanceof List<?> keys)
          || !keys.stream().allMatch(k -> k instanceof String)) {
        throw new IllegalArgumentException("sampledHistory: a spec is an object with a list of key names"
            + " under \"keys\": " + text);
      }
      List<String> names = new ArrayList<>(new LinkedHashSet<>(keys.stream().map(String::valueOf).toList()));
      return new Spec(names, number(spec, "minStep"), number(spec, "maxStep"),
          spec.get("samples") == null ? null : Math.toIntExact(number(spec, "samples")));
    }

    private static Long number(Map<?, ?> spec, String key) {
      Object value = spec.get(key);
      if (value == null) {
        return null;
      }
      if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
        return n.longValue();
      }
      throw new IllegalArgumentException("sampledHistory: " + key + " must be a number, got " + value);
    }
  }



  private Map<String, Object> files(DataFetchingEnvironment env) {
    RunData run = env.getSource();
    List<String> names = env.getArgument("names");
    String pattern = env.getArgument("pattern");
    boolean byName = names != null && !names.isEmpty();
    if (byName && pattern != null) {
      throw new IllegalArgumentException("files: names and pattern cannot be used together");
    }
    List<RunFile> files = new ArrayList<>(run.files());
    if (pattern != null) {
      Pattern like = MysqlLike.compile(pattern);
      files.removeIf(f -> !like.matcher(f.name()).matches());
    }
    if (byName) {
      // W&B answers a name query with placeholder nodes for files that do not exist.
      List<RunFile> named = new ArrayList<>();
      names.stream().filter(Objects::nonNull).distinct().sorted().forEach(n -> named.add(
          run.files().stream().filter(f -> f.name().equals(n)).findFirst().orElse(RunFile.placeholder(n))));
      files = named;
    }
    return Connections.page(files, "file", env.getArgument("after"), env.getArgument("first"), true,
        f -> Connections.nodeEdge(new FileNode(run, f)));
  }

  private static FileNode node(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private <T> T source(DataFetchingEnvironment env) {
    return env.getSource();
  }
}
