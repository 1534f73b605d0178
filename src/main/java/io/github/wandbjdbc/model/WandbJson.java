package io.github.wandbjdbc.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The JSON rules of W&B's API, in one place (docs/WIRE.md, W&B's JSON).
 *
 * <ul>
 *   <li>{@code JSONString} fields hold a JSON document inside a string, and W&B writes bare
 *       {@code NaN}/{@code Infinity} tokens in them, so the inner document is parsed with a
 *       lenient reader.</li>
 *   <li>Config values are stored wrapped as {@code {"value": v}} (older clients add
 *       {@code "desc"}); users see them unwrapped.</li>
 *   <li>{@code DateTime} is UTC, usually without a zone designator.</li>
 * </ul>
 */
public final class WandbJson {
  /** Config keys that the official client moves out of {@code run.config}: client telemetry. */
  public static final Set<String> INTERNAL_CONFIG_KEYS = Set.of("_wandb", "wandb_version");

  /**
   * Strict mapper for the GraphQL envelope, which W&B keeps valid JSON, and for the JSON text of
   * columns. Numbers are read and written with Jackson's fast double parser and writer (exact,
   * like {@link Double#parseDouble} and shortest-digit output, and several times faster):
   * history pages are mostly floating-point numbers.
   */
  private static final JsonMapper ENVELOPE = JsonMapper.builder()
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .build();

  /** Lenient mapper for the documents inside JSONString fields. */
  private static final JsonMapper INNER = JsonMapper.builder()
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
      .build();

  private WandbJson() {}

  public static JsonMapper envelopeMapper() {
    return ENVELOPE;
  }

  /**
   * A step ({@code _step}) as W&B sends it, which may be a float: the integer a long holds, or
   * null. Beyond a long, {@code longValue()} wrapped around (2^64 + 22 became step 22, a row
   * shown at another step) and a cast saturated (Infinity, 1e400 became Long.MAX_VALUE, and the
   * row was dropped as outside its window); found by the bad-input corpus, RunHistory rows with
   * {@code _step} 18446744073709551638 and Infinity.
   */
  public static Long step(JsonNode s) {
    if (s == null || !s.isNumber()) {
      return null;
    }
    if (s.isIntegralNumber()) {
      return s.canConvertToLong() ? Long.valueOf(s.longValue()) : null;
    }
    return step(s.doubleValue());
  }

  /** A step stored as a float (W&B's exports, liveData): its integer, or null. */
  public static Long step(double d) {
    return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? Long.valueOf((long) d) : null;
  }

  /** Parses the document inside a JSONString field; {@code null} and blank give {@code null}. */
  public static JsonNode parseJsonString(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return INNER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON document: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Returns the run config as users see it: each top-level {@code {"value": v}} replaced by
   * {@code v}, and the client's internal keys left out, as {@code wandb.Api().run().config} does.
   */
  public static ObjectNode unwrapConfig(JsonNode stored) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (stored == null || !stored.isObject()) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = stored.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (INTERNAL_CONFIG_KEYS.contains(e.getKey())) {
        continue;
      }
      JsonNode v = e.getValue();
      out.set(e.getKey(), v.isObject() && v.has("value") ? v.get("value") : v);
    }
    return out;
  }

  /** Parses a W&B {@code DateTime}: ISO-8601, UTC when it has no zone designator. */
  public static Instant parseDateTime(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.trim().replace(' ', 'T');
    try {
      if (hasZone(s)) {
        return OffsetDateTime.parse(s).toInstant();
      }
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an ISO-8601 date-time: '" + text + "'", e);
    }
  }

  private static boolean hasZone(String s) {
    int t = s.indexOf('T');
    if (t < 0) {
      return false;
    }
    String time = s.substring(t + 1);
    return time.endsWith("Z") || time.endsWith("z") || time.contains("+") || time.contains("-");
  }

  /**
   * Writes a value as JSON text for the JSON-typed columns. JSON has no NaN or Infinity, so those
   * become the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, the form W&B itself
   * uses in its JSON-typed fields.
   */
  public static String toJsonText(JsonNode node) {
    if (node == null) {
      return null;
    }
    try {
      return ENVELOPE.writeValueAsString(hasNonFinite(node) ? deNaN(node) : node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  /**
   * A generator that writes JSON text as {@link #toJsonText} does, for a document written piece
   * by piece ({@link #writeJson} for values inside it) instead of built as a tree first.
   */
  public static JsonGenerator textGenerator(Writer out) throws IOException {
    return ENVELOPE.createGenerator(out);
  }

  /** Writes {@code node} into a {@link #textGenerator} document as {@link #toJsonText} would. */
  public static void writeJson(JsonGenerator out, JsonNode node) throws IOException {
    ENVELOPE.writeTree(out, hasNonFinite(node) ? deNaN(node) : node);
  }

  /** Writes a number as {@link #toJsonText} writes a double node: NaN and ±Infinity as text. */
  public static void writeNumber(JsonGenerator out, double d) throws IOException {
    if (Double.isFinite(d)) {
      out.writeNumber(d);
    } else {
      out.writeString(nonFiniteName(d));
    }
  }

  /** Whether a NaN or ±Infinity is anywhere in {@code node}: most values have none to copy. */
  private static boolean hasNonFinite(JsonNode node) {
    if (node.isDouble() || node.isFloat()) {
      return !Double.isFinite(node.doubleValue());
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        if (hasNonFinite(child)) {
          return true;
        }
      }
    }
    return false;
  }

  private static JsonNode deNaN(JsonNode node) {
    if (node.isDouble() || node.isFloat()) {
      double d = node.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return JsonNodeFactory.instance.textNode(nonFiniteName(d));
      }
      return node;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), deNaN(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
      node.forEach(child -> copy.add(deNaN(child)));
      return copy;
    }
    return node;
  }

  /** {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}. */
  public static String nonFiniteName(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    return d > 0 ? "Infinity" : "-Infinity";
  }
}
