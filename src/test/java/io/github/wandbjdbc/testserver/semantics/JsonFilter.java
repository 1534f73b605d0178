package io.github.wandbjdbc.testserver.semantics;

import io.github.wandbjdbc.testserver.data.JsonValues;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The small MongoDB-style {@code filters} that W&B takes on sweeps and artifacts (the run filter
 * is {@link RunFilter}): {@code $and}, {@code $or}, and per key a value (equality) or an operator
 * document with {@code $eq}, {@code $ne}, {@code $in}, {@code $nin}, {@code $regex}. Only the keys
 * the caller allows are accepted; anything else fails with a GraphQL error naming {@code filters},
 * so a client relying on an unknown key notices instead of getting everything.
 */
public final class JsonFilter {

  /** A filter this server does not understand; becomes a GraphQL error on the field. */
  static final class UnsupportedFilter extends RuntimeException {
    UnsupportedFilter(String message) {
      super(message);
    }
  }

  private JsonFilter() {
  }

  /** The predicate over {@code key → value} views; null or {@code {}} match everything. */
  public static Predicate<Map<String, Object>> parse(String filters, Set<String> keys, JsonValues json) {
    if (filters == null || filters.isBlank()) {
      return v -> true;
    }
    Object document;
    try {
      document = json.parseJson(filters);
    } catch (IOException e) {
      throw new UnsupportedFilter("filters is not JSON: " + filters);
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new UnsupportedFilter("filters must be a JSON object: " + filters);
    }
    return conjunction(map, keys);
  }

  private static Predicate<Map<String, Object>> conjunction(Map<?, ?> document, Set<String> keys) {
    Predicate<Map<String, Object>> all = v -> true;
    for (Map.Entry<?, ?> entry : document.entrySet()) {
      String key = String.valueOf(entry.getKey());
      Object value = entry.getValue();
      if (key.equals("$and") || key.equals("$or")) {
        if (!(value instanceof List<?> parts)) {
          throw new UnsupportedFilter("filters: " + key + " takes a list");
        }
        Predicate<Map<String, Object>> combined = key.equals("$and") ? v -> true : v -> false;
        for (Object part : parts) {
          if (!(part instanceof Map<?, ?> partMap)) {
            throw new UnsupportedFilter("filters: " + key + " takes a list of objects");
          }
          Predicate<Map<String, Object>> p = conjunction(partMap, keys);
          combined = key.equals("$and") ? combined.and(p) : combined.or(p);
        }
        all = all.and(combined);
      } else if (keys.contains(key)) {
        all = all.and(field(key, value));
      } else {
        throw new UnsupportedFilter("filters: unsupported key '" + key + "' (this server filters on " + keys + ")");
      }
    }
    return all;
  }

  private static Predicate<Map<String, Object>> field(String key, Object condition) {
    if (!(condition instanceof Map<?, ?> operators)) {
      return v -> Objects.equals(v.get(key), condition);
    }
    Predicate<Map<String, Object>> all = v -> true;
    for (Map.Entry<?, ?> op : operators.entrySet()) {
      Object operand = op.getValue();
      String name = String.valueOf(op.getKey());
      switch (name) {
        case "$eq":
          all = all.and(v -> Objects.equals(v.get(key), operand));
          break;
        case "$ne":
          all = all.and(v -> !Objects.equals(v.get(key), operand));
          break;
        case "$in": {
          List<?> values = list(name, operand);
          all = all.and(v -> values.contains(v.get(key)));
          break;
        }
        case "$nin": {
          List<?> values = list(name, operand);
          all = all.and(v -> !values.contains(v.get(key)));
          break;
        }
        case "$regex": {
          Pattern pattern = Pattern.compile(String.valueOf(operand));
          all = all.and(v -> v.get(key) instanceof String s && pattern.matcher(s).find());
          break;
        }
        default:
          throw new UnsupportedFilter("filters: unsupported operator '" + name + "' on " + key);
      }
    }
    return all;
  }

  private static List<?> list(String operator, Object operand) {
    if (operand instanceof List<?> list) {
      return list;
    }
    throw new UnsupportedFilter("filters: " + operator + " takes a list");
  }
}
