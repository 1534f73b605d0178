package io.github.wandbjdbc.testserver.graphql;

import io.github.wandbjdbc.testserver.data.WandbDateTime;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * W&B's custom scalars (docs/WIRE.md, W&B's JSON): {@code DateTime} (UTC without zone),
 * {@code JSONString} (a JSON document inside a string — data fetchers hand over the finished text),
 * {@code JSON} (an embedded JSON value), {@code Int64} and {@code Duration} (numbers).
 */
final class WandbScalars {

  private WandbScalars() {
  }

  static List<GraphQLScalarType> all() {
    return List.of(dateTime(), jsonString(), json(), int64(), duration());
  }

  private static GraphQLScalarType dateTime() {
    return scalar("DateTime", "ISO-8601 date-time in UTC without zone designator", new Passthrough("DateTime") {
      @Override
      public Object serialize(Object value, GraphQLContext context, Locale locale) {
        if (value instanceof Instant instant) {
          return WandbDateTime.format(instant);
        }
        if (value instanceof String text) {
          return text;
        }
        throw new CoercingSerializeException("DateTime cannot serialise " + value.getClass().getName());
      }
    });
  }

  private static GraphQLScalarType jsonString() {
    return scalar("JSONString", "a JSON document serialised into a string", new Passthrough("JSONString") {
      @Override
      public Object serialize(Object value, GraphQLContext context, Locale locale) {
        if (value instanceof String text) {
          return text;
        }
        throw new CoercingSerializeException("JSONString fetchers must return the JSON text");
      }

      @Override
      public Object parseValue(Object input, GraphQLContext context, Locale locale) {
        if (input instanceof String text) {
          return text;
        }
        throw new CoercingParseValueException("JSONString expects a string holding a JSON document, got: " + input);
      }
    });
  }

  private static GraphQLScalarType json() {
    return scalar("JSON", "an embedded JSON value", new Passthrough("JSON"));
  }

  private static GraphQLScalarType int64() {
    return scalar("Int64", "64-bit integer", new Passthrough("Int64") {
      @Override
      public Object serialize(Object value, GraphQLContext context, Locale locale) {
        if (value instanceof Number number) {
          return number.longValue();
        }
        throw new CoercingSerializeException("Int64 cannot serialise " + value);
      }

      @Override
      public Object parseValue(Object input, GraphQLContext context, Locale locale) {
        if (input instanceof Number number) {
          return number.longValue();
        }
        throw new CoercingParseValueException("Int64 expects a number, got: " + input);
      }
    });
  }

  private static GraphQLScalarType duration() {
    return scalar("Duration", "a number of seconds", new Passthrough("Duration"));
  }

  private static GraphQLScalarType scalar(String name, String description, Coercing<Object, Object> coercing) {
    return GraphQLScalarType.newScalar().name(name).description(description).coercing(coercing).build();
  }

  /** Serialises and accepts values as they are; literals become plain Java values. */
  private static class Passthrough implements Coercing<Object, Object> {
    private final String name;

    Passthrough(String name) {
      this.name = name;
    }

    @Override
    public Object serialize(Object value, GraphQLContext context, Locale locale) {
      return value;
    }

    @Override
    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
      return input;
    }

    @Override
    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
      return literal(input, variables);
    }

    private Object literal(Value<?> input, CoercedVariables variables) {
      if (input instanceof StringValue s) {
        return s.getValue();
      }
      if (input instanceof IntValue i) {
        return i.getValue().longValue();
      }
      if (input instanceof FloatValue f) {
        return f.getValue().doubleValue();
      }
      if (input instanceof BooleanValue b) {
        return b.isValue();
      }
      if (input instanceof NullValue) {
        return null;
      }
      if (input instanceof VariableReference ref) {
        return variables.get(ref.getName());
      }
      if (input instanceof ArrayValue array) {
        List<Object> list = new ArrayList<>();
        array.getValues().forEach(v -> list.add(literal(v, variables)));
        return list;
      }
      if (input instanceof ObjectValue object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.getObjectFields().forEach(f -> map.put(f.getName(), literal(f.getValue(), variables)));
        return map;
      }
      throw new CoercingParseLiteralException(name + " cannot take the literal " + input);
    }
  }
}
