package io.github.wandbjdbc.testserver.data;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts between JSON/YAML text and the plain Java values the test server keeps its data in:
 * {@code Map<String,Object>} (insertion ordered), {@code List<Object>}, {@code String}, {@code Long},
 * {@code BigInteger} (integers beyond 64 bits), {@code Double} (including NaN and ±Infinity),
 * {@code Boolean} and {@code null}.
 *
 * <p>W&B writes bare {@code NaN}, {@code Infinity} and {@code -Infinity} tokens inside its JSON
 * documents (config, summary, history lines). Reading accepts them; {@link #toJsonString} writes
 * them bare again, as W&B does inside {@code JSONString} fields. Integers are normalised to
 * {@code Long} (or {@code BigInteger}) so that equal numbers loaded from different sources are
 * equal Java objects.
 */
public final class JsonValues {

  private final JsonMapper mapper;
  private final YAMLFactory yamlFactory;

  public JsonValues() {
    this.mapper = JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
        // Bare NaN/Infinity inside JSONString documents, exactly like W&B's simplejsonext.
        .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
        .build();
    this.yamlFactory = new YAMLFactory();
  }

  /** The mapper used for the inner documents (NaN-tolerant in, bare NaN out). */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** Parses one JSON document (bare NaN/Infinity allowed) into plain Java values. */
  public Object parseJson(String text) throws IOException {
    try (JsonParser parser = mapper.createParser(text)) {
      return readDocument(parser, false);
    }
  }

  /** Parses one YAML document into plain Java values ({@code .nan}, {@code .inf} become doubles). */
  public Object parseYaml(String text) throws IOException {
    try (JsonParser parser = yamlFactory.createParser(text)) {
      return readDocument(parser, true);
    }
  }

  /** Converts an already parsed Jackson tree into plain Java values. */
  public Object fromTree(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    try (JsonParser parser = mapper.treeAsTokens(node)) {
      return readDocument(parser, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serialises plain Java values to JSON text, NaN and ±Infinity as bare tokens. */
  public String toJsonString(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass(), e);
    }
  }

  /** Converts plain Java values into a Jackson tree (used for recorded variables). */
  public JsonNode toTree(Object value) {
    return mapper.valueToTree(value);
  }

  private static Object readDocument(JsonParser parser, boolean yaml) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      return null;
    }
    Object value = readValue(parser, first, yaml);
    if (parser.nextToken() != null) {
      throw new JsonParseException(parser, "trailing content after the document");
    }
    return value;
  }

  private static Object readValue(JsonParser parser, JsonToken token, boolean yaml) throws IOException {
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String key = parser.currentName();
          map.put(key, readValue(parser, parser.nextToken(), yaml));
        }
        return Collections.unmodifiableMap(map);
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          list.add(readValue(parser, t, yaml));
        }
        return Collections.unmodifiableList(list);
      }
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return normaliseInteger(parser.getNumberValue());
      case VALUE_NUMBER_FLOAT:
        return yaml ? yamlFloat(parser) : (Object) parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_EMBEDDED_OBJECT: {
        Object embedded = parser.getEmbeddedObject();
        return embedded == null ? null : embedded.toString();
      }
      default:
        throw new JsonParseException(parser, "unexpected token " + token);
    }
  }

  /** PyYAML writes NaN and infinities as {@code .nan}, {@code .inf}, {@code -.inf}; Jackson cannot parse those. */
  private static Double yamlFloat(JsonParser parser) throws IOException {
    String text = parser.getText().toLowerCase(Locale.ROOT);
    switch (text) {
      case ".nan":
        return Double.NaN;
      case ".inf":
      case "+.inf":
        return Double.POSITIVE_INFINITY;
      case "-.inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return parser.getDoubleValue();
    }
  }

  static Object normaliseInteger(Number number) {
    if (number instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (number instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    return number.longValue();
  }

  /**
   * A deep, unmodifiable copy of plain Java values, with integers normalised to {@code Long}.
   * Maps keep insertion order and may hold {@code null} values (which {@code Map.copyOf} forbids).
   */
  public static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(deepCopy(v)));
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigInteger big) {
      return normaliseInteger(big);
    }
    if (value == null || value instanceof String || value instanceof Long || value instanceof Double
        || value instanceof Boolean) {
      return value;
    }
    throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
  }

  /** {@link #deepCopy} for a map, so callers keep the {@code Map} type. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> deepCopyMap(Map<String, ?> map) {
    return (Map<String, Object>) deepCopy(map);
  }

  /** NaN and ±Infinity as the strings W&B puts into JSON fields; nested values too. */
  public static Object nanAsText(Object value) {
    if (value instanceof Double d && !Double.isFinite(d)) {
      return d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), nanAsText(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(JsonValues::nanAsText).toList();
    }
    return value;
  }}
