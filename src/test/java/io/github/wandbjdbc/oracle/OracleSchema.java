package io.github.wandbjdbc.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The typed columns of {@code runs} and {@code history} as the README defines them, worked out
 * here from W&B's answers without the driver's code: config values unwrapped from
 * {@code {"value": v}} without the client's {@code _wandb} keys, nested objects flattened to
 * dotted paths (media objects, {@code _type}, and lists whole), typed from the most recent runs:
 * whole numbers BIGINT, other numbers (and the text NaN, Infinity, -Infinity) DOUBLE, booleans
 * BOOLEAN, strings VARCHAR, several types
 * or JSON values VARCHAR holding JSON text. History keys are typed from {@code historyKeys}:
 * {@code number} DOUBLE, {@code bool} BOOLEAN, {@code string} VARCHAR, anything else JSON text.
 */
final class OracleSchema {
  /** How a typed column holds a W&B value. */
  enum Kind {
    BIGINT("bigint", Types.BIGINT), DOUBLE("double precision", Types.DOUBLE),
    BOOLEAN("boolean", Types.BOOLEAN), VARCHAR("text", Types.VARCHAR),
    /** JSON text of every value, strings quoted. */
    JSON("text", Types.VARCHAR);

    final String postgres;
    final int jdbc;

    Kind(String postgres, int jdbc) {
      this.postgres = postgres;
      this.jdbc = jdbc;
    }
  }

  /** A typed key column: {@code "config.lr"}, {@code "summary.val/loss"}, a history key. */
  record KeyColumn(String name, List<String> path, Kind kind) {}

  private static final Set<String> INTERNAL_CONFIG = Set.of("_wandb", "wandb_version");
  private static final Set<String> HISTORY_SYSTEM = Set.of("_step", "_runtime", "_timestamp",
      "_wandb");

  private enum Seen { INTEGER, FLOAT, BOOLEAN, STRING, JSON }

  private OracleSchema() {}

  /** The config as users see it. */
  static ObjectNode config(JsonNode run) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    JsonNode stored = GraphQlReader.parse(run.path("config").asText(null));
    if (stored == null || !stored.isObject()) {
      return out;
    }
    stored.fields().forEachRemaining(e -> {
      if (!INTERNAL_CONFIG.contains(e.getKey())) {
        JsonNode v = e.getValue();
        out.set(e.getKey(), v.isObject() && v.has("value") ? v.get("value") : v);
      }
    });
    return out;
  }

  static ObjectNode summary(JsonNode run) {
    JsonNode s = GraphQlReader.parse(run.path("summaryMetrics").asText(null));
    return s instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
  }

  /** The config and summary columns, from the sample of recent runs. */
  static List<KeyColumn> runKeys(List<JsonNode> sample) {
    List<KeyColumn> out = new ArrayList<>(keys("config.", sample, true));
    out.addAll(keys("summary.", sample, false));
    return out;
  }

  private static List<KeyColumn> keys(String prefix, List<JsonNode> sample, boolean config) {
    Map<List<String>, Set<Seen>> seen = new LinkedHashMap<>();
    for (JsonNode run : sample) {
      flatten(new ArrayList<>(), config ? config(run) : summary(run), seen);
    }
    TreeMap<String, KeyColumn> byName = new TreeMap<>();
    seen.forEach((path, kinds) -> byName.putIfAbsent(prefix + String.join(".", path),
        new KeyColumn(prefix + String.join(".", path), path, kind(kinds))));
    return List.copyOf(byName.values());
  }

  private static void flatten(List<String> path, JsonNode node, Map<List<String>, Set<Seen>> seen) {
    if (node.isObject() && !node.has("_type")) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        path.add(e.getKey());
        flatten(path, e.getValue(), seen);
        path.remove(path.size() - 1);
      }
      return;
    }
    if (path.isEmpty()) {
      return;
    }
    Set<Seen> kinds = seen.computeIfAbsent(List.copyOf(path), p -> EnumSet.noneOf(Seen.class));
    if (node.isNull()) {
      return;
    }
    if (node.isIntegralNumber()) {
      kinds.add(node.canConvertToLong() ? Seen.INTEGER : Seen.FLOAT);
    } else if (node.isNumber()) {
      kinds.add(Seen.FLOAT);
    } else if (node.isBoolean()) {
      kinds.add(Seen.BOOLEAN);
    } else if (node.isTextual()) {
      // The README: W&B's text for NaN and ±Infinity is a number.
      kinds.add(Set.of("NaN", "Infinity", "-Infinity").contains(node.asText()) ? Seen.FLOAT
          : Seen.STRING);
    } else {
      kinds.add(Seen.JSON);
    }
  }

  private static Kind kind(Set<Seen> kinds) {
    if (kinds.equals(EnumSet.of(Seen.INTEGER))) {
      return Kind.BIGINT;
    }
    if (!kinds.isEmpty() && EnumSet.of(Seen.INTEGER, Seen.FLOAT).containsAll(kinds)) {
      return Kind.DOUBLE;
    }
    if (kinds.equals(EnumSet.of(Seen.BOOLEAN))) {
      return Kind.BOOLEAN;
    }
    if (kinds.size() <= 1 && !kinds.contains(Seen.JSON)) {
      return Kind.VARCHAR;
    }
    return Kind.JSON;
  }

  /** The history key columns, from the sample's {@code historyKeys}. */
  static List<KeyColumn> historyKeys(List<JsonNode> sample) {
    Map<String, Set<String>> types = new LinkedHashMap<>();
    for (JsonNode run : sample) {
      JsonNode keys = GraphQlReader.parse(run.path("historyKeys").isTextual()
          ? run.path("historyKeys").asText() : run.path("historyKeys").toString());
      if (keys == null) {
        continue;
      }
      keys.path("keys").fields().forEachRemaining(e -> {
        if (HISTORY_SYSTEM.contains(e.getKey())) {
          return;
        }
        Set<String> t = types.computeIfAbsent(e.getKey(), k -> new java.util.TreeSet<>());
        e.getValue().path("typeCounts").forEach(tc -> {
          String type = tc.path("type").asText("");
          if (!type.isEmpty() && !type.equals("nil")) {
            t.add(type);
          }
        });
      });
    }
    TreeMap<String, KeyColumn> byName = new TreeMap<>();
    types.forEach((key, t) -> byName.put(key.toLowerCase(Locale.ROOT),
        new KeyColumn(key, List.of(key), t.size() != 1 ? Kind.JSON : switch (t.iterator().next()) {
          case "number" -> Kind.DOUBLE;
          case "bool" -> Kind.BOOLEAN;
          case "string" -> Kind.VARCHAR;
          default -> Kind.JSON;
        })));
    return List.copyOf(byName.values());
  }

  /** The value at {@code path}, or null when a key on the way is missing. */
  static JsonNode at(JsonNode document, List<String> path) {
    JsonNode node = document;
    for (String key : path) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(key);
    }
    return node;
  }
}
