package io.github.wandbjdbc.calcite.hinted;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.wandbjdbc.calcite.runs.ColumnDiscovery;
import io.github.wandbjdbc.columns.ColumnType;
import io.github.wandbjdbc.model.RunNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The typed key columns of {@code history}, from the {@code historyKeys} of a sample of runs:
 * each key's {@code typeCounts} name every type it was logged with, so no history row is read.
 * {@code number} becomes DOUBLE (W&B does not say whether a number was integral), {@code bool}
 * BOOLEAN, {@code string} VARCHAR, maps, lists and media JSON, several types VARCHAR.
 */
final class HistoryColumns {
  /** Keys W&B adds to every row; they have columns of their own. */
  static final Set<String> SYSTEM_KEYS = Set.of("_step", "_runtime", "_timestamp", "_wandb");

  private HistoryColumns() {}

  static List<TableColumn> discover(List<RunNode> sample, Set<String> reservedNames) {
    Map<String, Set<String>> types = new HashMap<>();
    Map<String, Integer> runs = new HashMap<>();
    for (RunNode run : sample) {
      JsonNode keys = run.historyKeys() == null ? null : run.historyKeys().get("keys");
      if (keys == null || !keys.isObject()) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (SYSTEM_KEYS.contains(e.getKey())) {
          continue;
        }
        runs.merge(e.getKey(), 1, Integer::sum);
        Set<String> seen = types.computeIfAbsent(e.getKey(), k -> new HashSet<>());
        for (JsonNode tc : e.getValue().path("typeCounts")) {
          String type = tc.path("type").asText("");
          if (!type.isEmpty() && !type.equals("nil")) {
            seen.add(type);
          }
        }
      }
    }
    // Unquoted identifiers ignore case, so keys differing only in case share a name; the key
    // logged by more runs gets the column, the other stays in "row".
    Map<String, String> byFoldedName = new HashMap<>();
    Set<String> reserved = new HashSet<>();
    reservedNames.forEach(n -> reserved.add(n.toLowerCase(Locale.ROOT)));
    List<String> keys = new ArrayList<>(types.keySet());
    keys.sort(Comparator.<String>comparingInt(k -> -runs.get(k)).thenComparing(k -> k));
    for (String key : keys) {
      String folded = key.toLowerCase(Locale.ROOT);
      if (!reserved.contains(folded) && byFoldedName.size() < ColumnDiscovery.MAX_COLUMNS_PER_SCOPE) {
        byFoldedName.putIfAbsent(folded, key);
      }
    }
    return byFoldedName.values().stream().sorted()
        .map(key -> new TableColumn(key, type(types.get(key)), true,
            "History key \"" + key + "\" (" + String.join(", ", new java.util.TreeSet<>(types.get(key)))
                + " in the sample of " + sample.size() + " runs); NULL at steps where it was not logged.",
            key))
        .toList();
  }

  static ColumnType type(Set<String> types) {
    if (types.isEmpty()) {
      return ColumnType.MIXED;
    }
    if (types.size() > 1) {
      return ColumnType.MIXED;
    }
    return switch (types.iterator().next()) {
      case "number" -> ColumnType.DOUBLE;
      case "bool" -> ColumnType.BOOLEAN;
      case "string" -> ColumnType.VARCHAR;
      default -> ColumnType.JSON;
    };
  }
}
