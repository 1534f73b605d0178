package io.github.wandbjdbc.pushdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A filter for W&B's runs, as a tree; written as W&B's MongoDB-style JSON document when the
 * statement runs ({@link #bind}), or with placeholders for EXPLAIN ({@link #describe}).
 */
public sealed interface FilterExpr permits FilterExpr.All, FilterExpr.Any, FilterExpr.NoneOf,
    FilterExpr.Condition {
  JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * The document for one execution; empty when nothing is left to constrain (every condition
   * dropped for want of a value), which the caller sends as no filter.
   */
  Optional<ObjectNode> bind(Bindings bindings);

  /** The document with parameters and clock values shown as placeholders. */
  ObjectNode describe();

  static FilterExpr all(List<FilterExpr> parts) {
    List<FilterExpr> flat = new ArrayList<>();
    for (FilterExpr p : parts) {
      if (p instanceof All a) {
        flat.addAll(a.parts());
      } else {
        flat.add(p);
      }
    }
    return flat.size() == 1 ? flat.get(0) : new All(flat);
  }

  /** {@code $and}, written as one object when no key repeats. */
  record All(List<FilterExpr> parts) implements FilterExpr {
    public All {
      parts = List.copyOf(parts);
    }

    @Override
    public Optional<ObjectNode> bind(Bindings bindings) {
      List<ObjectNode> bound = new ArrayList<>();
      for (FilterExpr p : parts) {
        p.bind(bindings).ifPresent(bound::add);
      }
      return bound.isEmpty() ? Optional.empty() : Optional.of(merge(bound));
    }

    @Override
    public ObjectNode describe() {
      return merge(parts.stream().map(FilterExpr::describe).toList());
    }

    /**
     * One object when the parts' keys and operators do not clash
     * ({@code {"a": {"$gte": 1, "$lte": 2}, "b": 3}}), else {@code $and} over the parts.
     */
    private static ObjectNode merge(List<ObjectNode> documents) {
      if (documents.size() == 1) {
        return documents.get(0);
      }
      ObjectNode merged = JSON.objectNode();
      for (ObjectNode d : documents) {
        for (var it = d.fields(); it.hasNext(); ) {
          var field = it.next();
          JsonNode existing = merged.get(field.getKey());
          if (field.getKey().startsWith("$")) {
            return and(documents);
          }
          if (existing == null) {
            merged.set(field.getKey(), field.getValue().deepCopy());
          } else if (isOperators(existing) && isOperators(field.getValue())
              && disjoint(existing, field.getValue())) {
            ((ObjectNode) existing).setAll((ObjectNode) field.getValue().deepCopy());
          } else {
            return and(documents);
          }
        }
      }
      return merged;
    }

    private static boolean isOperators(JsonNode value) {
      if (!value.isObject() || value.isEmpty()) {
        return false;
      }
      for (var it = value.fieldNames(); it.hasNext(); ) {
        if (!it.next().startsWith("$")) {
          return false;
        }
      }
      return true;
    }

    private static boolean disjoint(JsonNode a, JsonNode b) {
      for (var it = b.fieldNames(); it.hasNext(); ) {
        if (a.has(it.next())) {
          return false;
        }
      }
      return true;
    }

    private static ObjectNode and(List<ObjectNode> documents) {
      ObjectNode out = JSON.objectNode();
      ArrayNode and = out.putArray("$and");
      documents.forEach(and::add);
      return out;
    }
  }

  /** {@code $or}: no constraint as soon as one branch has none. */
  record Any(List<FilterExpr> parts) implements FilterExpr {
    public Any {
      parts = List.copyOf(parts);
    }

    @Override
    public Optional<ObjectNode> bind(Bindings bindings) {
      List<ObjectNode> bound = new ArrayList<>();
      for (FilterExpr p : parts) {
        Optional<ObjectNode> b = p.bind(bindings);
        if (b.isEmpty()) {
          return Optional.empty();
        }
        bound.add(b.get());
      }
      return Optional.of(array("$or", bound));
    }

    @Override
    public ObjectNode describe() {
      return array("$or", parts.stream().map(FilterExpr::describe).toList());
    }
  }

  /** {@code $nor}; only ever built over exact, constant conditions, which always bind. */
  record NoneOf(List<FilterExpr> parts) implements FilterExpr {
    public NoneOf {
      parts = List.copyOf(parts);
    }

    @Override
    public Optional<ObjectNode> bind(Bindings bindings) {
      List<ObjectNode> bound = new ArrayList<>();
      for (FilterExpr p : parts) {
        bound.add(p.bind(bindings).orElseThrow(() ->
            new IllegalStateException("$nor over a condition without value: " + p)));
      }
      return Optional.of(array("$nor", bound));
    }

    @Override
    public ObjectNode describe() {
      return array("$nor", parts.stream().map(FilterExpr::describe).toList());
    }
  }

  /** {@code {key: value}} for equality, else {@code {key: {op: value}}}. */
  record Condition(String key, FilterOp op, Operand operand) implements FilterExpr {
    @Override
    public Optional<ObjectNode> bind(Bindings bindings) {
      return operand.bind(bindings).map(this::document);
    }

    @Override
    public ObjectNode describe() {
      return document(operand.describe());
    }

    private ObjectNode document(JsonNode value) {
      ObjectNode out = JSON.objectNode();
      if (op == FilterOp.EQ && !value.isObject()) {
        out.set(key, value);
      } else {
        out.putObject(key).set(op.wireName(), value);
      }
      return out;
    }
  }

  private static ObjectNode array(String operator, List<ObjectNode> documents) {
    ObjectNode out = JSON.objectNode();
    ArrayNode array = out.putArray(operator);
    documents.forEach(array::add);
    return out;
  }

  /** Applies {@code f} to every condition, e.g. to list the keys a filter uses. */
  static <T> List<T> conditions(FilterExpr e, Function<Condition, T> f) {
    List<T> out = new ArrayList<>();
    collect(e, f, out);
    return out;
  }

  private static <T> void collect(FilterExpr e, Function<Condition, T> f, List<T> out) {
    if (e instanceof Condition c) {
      out.add(f.apply(c));
    } else if (e instanceof All a) {
      a.parts().forEach(p -> collect(p, f, out));
    } else if (e instanceof Any a) {
      a.parts().forEach(p -> collect(p, f, out));
    } else if (e instanceof NoneOf n) {
      n.parts().forEach(p -> collect(p, f, out));
    }
  }
}
