package io.github.wandbjdbc.calcite.runs;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.columns.KeyScope;
import io.github.wandbjdbc.columns.RunColumn;
import io.github.wandbjdbc.model.RunNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Infers the typed {@code "config.<key>"} and {@code "summary.<key>"} columns from a sample of runs
 * (docs/ARCHITECTURE.md, Columns and types): nested objects are flattened to leaf paths, media
 * objects ({@code _type}) and lists stay whole as JSON, and each leaf gets the narrowest type every
 * sampled value fits.
 */
public final class ColumnDiscovery {
  /** Columns per scope; wider runs keep the most common keys, the rest stay in the JSON columns. */
  public static final int MAX_COLUMNS_PER_SCOPE = 1000;

  private enum Kind { INTEGER, FLOAT, BOOLEAN, STRING, JSON }

  private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

  private ColumnDiscovery() {}

  /** The key columns of both scopes, config first, each sorted by name. */
  public static List<RunColumn.Key> discover(List<RunNode> sample) {
    List<RunColumn.Key> out = new ArrayList<>(discover(KeyScope.CONFIG, sample));
    out.addAll(discover(KeyScope.SUMMARY, sample));
    return out;
  }

  private static List<RunColumn.Key> discover(KeyScope scope, List<RunNode> sample) {
    Map<List<String>, Leaf> leaves = new LinkedHashMap<>();
    for (RunNode run : sample) {
      JsonNode document = scope == KeyScope.CONFIG ? run.config() : run.summary();
      if (document != null) {
        flatten(new ArrayList<>(), document, (path, value) ->
            leaves.computeIfAbsent(List.copyOf(path), p -> new Leaf()).observe(value));
      }
    }
    // Distinct paths can share a column name ({"a.b": 1} and {"a": {"b": 2}}); keep the more
    // common one. The other stays reachable through the JSON column.
    Map<String, Map.Entry<List<String>, Leaf>> byName = new HashMap<>();
    for (Map.Entry<List<String>, Leaf> e : leaves.entrySet()) {
      String name = String.join(".", e.getKey());
      byName.merge(name, e, (a, b) -> MORE_COMMON_FIRST.compare(a, b) <= 0 ? a : b);
    }
    return byName.values().stream()
        .sorted(MORE_COMMON_FIRST)
        .limit(MAX_COLUMNS_PER_SCOPE)
        .map(e -> new RunColumn.Key(scope, e.getKey(), e.getValue().type(), sample.size()))
        .sorted(Comparator.comparing(RunColumn.Key::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(RunColumn.Key::name))
        .toList();
  }

  private static final Comparator<Map.Entry<List<String>, Leaf>> MORE_COMMON_FIRST =
      Comparator.<Map.Entry<List<String>, Leaf>>comparingInt(e -> -e.getValue().runs)
          .thenComparingInt(e -> e.getKey().size())
          .thenComparing(e -> String.join(".", e.getKey()));

  private interface LeafVisitor {
    void leaf(List<String> path, JsonNode value);
  }

  private static void flatten(List<String> path, JsonNode node, LeafVisitor visitor) {
    if (node.isObject() && !node.has("_type")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        path.add(e.getKey());
        flatten(path, e.getValue(), visitor);
        path.remove(path.size() - 1);
      }
    } else if (!path.isEmpty()) {
      visitor.leaf(path, node);
    }
  }

  /** What the sample holds at one path. */
  private static final class Leaf {
    private final Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    private int runs;

    void observe(JsonNode value) {
      runs++;
      if (value.isNull() || value.isMissingNode()) {
        return;
      }
      if (value.isIntegralNumber()) {
        kinds.add(value.canConvertToLong() ? Kind.INTEGER : Kind.FLOAT);
      } else if (value.isNumber()) {
        kinds.add(Kind.FLOAT);
      } else if (value.isBoolean()) {
        kinds.add(Kind.BOOLEAN);
      } else if (value.isTextual()) {
        // W&B's text for NaN and ±Infinity, where a server stores them so, is a number.
        kinds.add(NON_FINITE.contains(value.asText()) ? Kind.FLOAT : Kind.STRING);
      } else {
        kinds.add(Kind.JSON);
      }
    }

    ColumnType type() {
      if (kinds.equals(EnumSet.of(Kind.INTEGER))) {
        return ColumnType.BIGINT;
      }
      if (!kinds.isEmpty() && EnumSet.of(Kind.INTEGER, Kind.FLOAT).containsAll(kinds)) {
        return ColumnType.DOUBLE;
      }
      if (kinds.equals(EnumSet.of(Kind.BOOLEAN))) {
        return ColumnType.BOOLEAN;
      }
      if (kinds.equals(EnumSet.of(Kind.JSON))) {
        return ColumnType.JSON;
      }
      return kinds.size() <= 1 ? ColumnType.VARCHAR : ColumnType.MIXED;
    }
  }
}
