package io.github.wandbjdbc.pushdown;

import io.github.wandbjdbc.columns.FilterKind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value side of a pushed condition. Most are constants; some are known only when the
 * statement runs (parameters, {@code CURRENT_TIMESTAMP}). A value that cannot be written as JSON
 * (a NULL or NaN parameter, say) binds to nothing, which drops its condition: the filter becomes
 * weaker, never wrong, because conditions with such operands are never exact and keep their SQL
 * predicate in Calcite.
 */
public sealed interface Operand permits Operand.Constant, Operand.Many, Operand.Parameter,
    Operand.LooseString, Operand.LikeRegex, TimeBound {
  JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The JSON value for this execution, or empty when it cannot be written. */
  Optional<JsonNode> bind(Bindings bindings);

  /** How EXPLAIN shows the operand. */
  JsonNode describe();

  /** Whether the value is known at planning time. */
  default boolean isConstant() {
    return this instanceof Constant;
  }

  /** A value known when planning. */
  record Constant(JsonNode value) implements Operand {
    @Override
    public Optional<JsonNode> bind(Bindings bindings) {
      return Optional.of(value);
    }

    @Override
    public JsonNode describe() {
      return value;
    }
  }

  /** A list, for {@code $in} and {@code $nin}. */
  record Many(List<Operand> elements) implements Operand {
    public Many {
      elements = List.copyOf(elements);
    }

    @Override
    public Optional<JsonNode> bind(Bindings bindings) {
      ArrayNode array = JSON.arrayNode();
      for (Operand e : elements) {
        Optional<JsonNode> v = e.bind(bindings);
        if (v.isEmpty()) {
          return Optional.empty();
        }
        if (v.get().isArray()) {
          v.get().forEach(array::add);
        } else {
          array.add(v.get());
        }
      }
      return Optional.of(array);
    }

    @Override
    public JsonNode describe() {
      ArrayNode array = JSON.arrayNode();
      elements.forEach(e -> array.add(e.describe()));
      return array;
    }

    @Override
    public boolean isConstant() {
      return elements.stream().allMatch(Operand::isConstant);
    }
  }

  /** {@code ?index} of a prepared statement, written as JSON of the column's kind. */
  record Parameter(int index, FilterKind kind) implements Operand {
    @Override
    public Optional<JsonNode> bind(Bindings bindings) {
      return Values.json(bindings.parameter(index), kind);
    }

    @Override
    public JsonNode describe() {
      return JSON.textNode("?" + index);
    }
  }

  /**
   * A string compared with a config or summary key whose sampled values were strings: the same
   * text as a number or boolean too, since SQL sees such values as their JSON text.
   */
  record LooseString(Operand text) implements Operand {
    @Override
    public Optional<JsonNode> bind(Bindings bindings) {
      return text.bind(bindings).map(v -> Values.looseAlternatives(v.asText()));
    }

    @Override
    public JsonNode describe() {
      return text.isConstant() ? bind(Bindings.NONE).orElseThrow() : text.describe();
    }

    @Override
    public boolean isConstant() {
      return text.isConstant();
    }
  }

  /** The {@code $regex} for a LIKE pattern given as a parameter (see {@link LikePatterns}). */
  record LikeRegex(Operand pattern, Character escape) implements Operand {
    @Override
    public Optional<JsonNode> bind(Bindings bindings) {
      return pattern.bind(bindings)
          .flatMap(p -> LikePatterns.supersetRegex(p.asText(), escape))
          .map(JSON::textNode);
    }

    @Override
    public JsonNode describe() {
      return JSON.textNode("LIKE " + pattern.describe().asText());
    }

    @Override
    public boolean isConstant() {
      return false;
    }
  }

  /** Plain conversions of SQL values into W&B's JSON. */
  final class Values {
    private Values() {}

    /** A SQL value (Calcite's internal representation) as JSON of {@code kind}. */
    static Optional<JsonNode> json(Object value, FilterKind kind) {
      if (value == null) {
        return Optional.empty();
      }
      switch (kind) {
        case FLOAT:
          // The double SQL compares with, as for literals (FilterTranslator).
          if (value instanceof Number n && !(value instanceof Boolean)
              && Double.isFinite(n.doubleValue())) {
            return Optional.of(JSON.numberNode(n.doubleValue()));
          }
          return Optional.empty();
        case INTEGER:
          if (value instanceof BigDecimal d) {
            return Optional.of(JSON.numberNode(d));
          }
          if (value instanceof Long || value instanceof Integer || value instanceof Short
              || value instanceof Byte) {
            return Optional.of(JSON.numberNode(((Number) value).longValue()));
          }
          if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return Optional.of(JSON.numberNode(n.doubleValue()));
          }
          return Optional.empty();
        case BOOLEAN:
          return value instanceof Boolean b ? Optional.of(JSON.booleanNode(b)) : Optional.empty();
        default:
          return Optional.of(JSON.textNode(String.valueOf(value)));
      }
    }

    /** {@code text}, plus the number or boolean it spells. */
    static JsonNode looseAlternatives(String text) {
      List<JsonNode> values = new ArrayList<>();
      values.add(JSON.textNode(text));
      try {
        BigDecimal number = new BigDecimal(text.trim());
        values.add(JSON.numberNode(number));
      } catch (NumberFormatException notNumber) {
        // only the text
      }
      if (text.equals("true") || text.equals("false")) {
        values.add(JSON.booleanNode(Boolean.parseBoolean(text)));
      }
      ArrayNode array = JSON.arrayNode();
      values.forEach(array::add);
      return array;
    }
  }
}
