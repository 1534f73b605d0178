package io.github.wandbjdbc.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Mutations of a real {@code Runs} answer of the test server: wrong types, missing fields, nulls,
 * unknown {@code __typename}/{@code _type} objects, invalid JSON inside the JSONString fields,
 * huge numbers, deep nesting, duplicate keys, empty objects. Each says which run (edge index) and
 * which field of it it touched, or that it touched the envelope (pageInfo, cursors, data).
 */
final class RunsAnswerMutations {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** A mutated body; {@code run} is -1 for the envelope, {@code field} null for the whole node. */
  record Mutation(String label, String body, int run, String field) {}

  private record Replacement(String name, Supplier<JsonNode> value) {}

  /** The JSONString fields, whose text the driver parses a second time. */
  private static final List<String> JSON_STRING_FIELDS =
      List.of("config", "summaryMetrics", "systemMetrics", "historyKeys");

  private RunsAnswerMutations() {}

  static List<Mutation> generate(Random random, JsonNode answer, int count) {
    ArrayNode edges = edges(answer);
    List<Replacement> replacements = replacements();
    List<Mutation> out = new ArrayList<>();
    envelope(answer, out);
    for (int i = 0; i < edges.size(); i++) {
      ObjectNode copy = answer.deepCopy();
      edges(copy).set(i, JSON.nullNode());
      out.add(new Mutation("edge " + i + " is null", text(copy), i, null));
      copy = answer.deepCopy();
      ((ObjectNode) edges(copy).get(i)).set("node", JSON.objectNode());
      out.add(new Mutation("node " + i + " is {}", text(copy), i, null));
    }
    while (out.size() < count) {
      int run = random.nextInt(edges.size());
      ObjectNode node = (ObjectNode) edges.get(run).get("node");
      List<String> fields = new ArrayList<>();
      node.fieldNames().forEachRemaining(fields::add);
      String field = fields.get(random.nextInt(fields.size()));
      int kind = random.nextInt(10);
      if (kind < 6) {
        Replacement r = replacements.get(random.nextInt(replacements.size()));
        ObjectNode copy = answer.deepCopy();
        node(copy, run).set(field, r.value().get());
        out.add(new Mutation("run " + run + " " + field + " -> " + r.name(), text(copy), run,
            field));
      } else if (kind == 6) {
        ObjectNode copy = answer.deepCopy();
        node(copy, run).remove(field);
        out.add(new Mutation("run " + run + " without " + field, text(copy), run, field));
      } else if (kind == 7) {
        out.add(duplicateKey(answer, run, field, random.nextBoolean()));
      } else if (JSON_STRING_FIELDS.contains(field) || kind == 8) {
        String target = JSON_STRING_FIELDS.contains(field) ? field : "config";
        if (!node.has(target)) {
          continue;
        }
        out.add(insideJsonString(random, answer, run, target, replacements));
      } else {
        ObjectNode copy = answer.deepCopy();
        ObjectNode wrapped = JSON.objectNode();
        wrapped.put("__typename", "UnknownType" + random.nextInt(100));
        wrapped.set("value", node.get(field));
        node(copy, run).set(field, wrapped);
        out.add(new Mutation("run " + run + " " + field + " wrapped in an unknown __typename",
            text(copy), run, field));
      }
    }
    return out;
  }

  /** Changes outside the runs: every run's row must stay exactly as without the fault. */
  private static void envelope(JsonNode answer, List<Mutation> out) {
    String[][] changes = {{"pageInfo", "null"}, {"pageInfo", "{}"}, {"pageInfo", "42"},
        {"pageInfo.hasNextPage", "\"no\""}, {"pageInfo.hasNextPage", "null"},
        {"pageInfo.hasNextPage", "0"}, {"pageInfo.endCursor", "42"},
        {"pageInfo.endCursor", "{}"}, {"edges", "{}"}, {"edges", "\"edges\""},
        {"runCount", "\"many\""}, {"runCount", "-1"}, {"runCount", "1e400"}};
    for (String[] change : changes) {
      ObjectNode copy = answer.deepCopy();
      ObjectNode runs = (ObjectNode) copy.get("data").get("project").get("runs");
      String[] path = change[0].split("\\.");
      ObjectNode parent = change[0].equals("runCount") ? (ObjectNode) copy.get("data")
          .get("project") : runs;
      for (int i = 0; i < path.length - 1; i++) {
        parent = (ObjectNode) parent.get(path[i]);
      }
      parent.set(path[path.length - 1], parse(change[1]));
      out.add(new Mutation(change[0] + " -> " + change[1], text(copy), -1, null));
    }
    for (String body : new String[] {"{\"data\":null}", "{\"data\":{}}", "{\"data\":[]}",
        "{\"data\":{\"project\":null}}", "{\"data\":{\"project\":{\"runs\":null}}}",
        "{}", "[]", "42", "null", "{\"data\":{\"project\":{\"runs\":{\"edges\":null}}}}",
        "{\"errors\":[]}", "{\"errors\":null,\"data\":null}", "{\"errors\":[{}]}",
        "{\"errors\":[{\"message\":42}]}"}) {
      out.add(new Mutation("whole answer " + body, body, -1, null));
    }
  }

  private static Mutation duplicateKey(JsonNode answer, int run, String field, boolean first) {
    ObjectNode copy = answer.deepCopy();
    ObjectNode node = node(copy, run);
    String marker = "\"__duplicate_marker__\":0";
    ObjectNode rebuilt = JSON.objectNode();
    if (first) {
      rebuilt.put("__duplicate_marker__", 0);
      rebuilt.setAll(node);
    } else {
      rebuilt.setAll(node);
      rebuilt.put("__duplicate_marker__", 0);
    }
    ((ObjectNode) edges(copy).get(run)).set("node", rebuilt);
    String body = text(copy).replace(marker, "\"" + field + "\":\"duplicate\"");
    return new Mutation("run " + run + " " + field + " duplicated " + (first ? "before" : "after"),
        body, run, field);
  }

  /** Invalid or odd JSON inside a JSONString field, or a wrong type at one of its keys. */
  private static Mutation insideJsonString(Random random, JsonNode answer, int run, String field,
      List<Replacement> replacements) {
    ObjectNode copy = answer.deepCopy();
    ObjectNode node = node(copy, run);
    String[] texts = {"{", "{\"a\":}", "NaN", "[1,2", "", "null", "\"str\"", "123", "[]",
        "[".repeat(2_000) + "]".repeat(2_000), "{\"lr\":{\"_type\":\"weird\",\"value\":1}}",
        "{\"lr\":{\"value\":{\"_type\":\"table-file\",\"path\":\"x\"}}}", "{\"x\":1e400}",
        "{\"a\":1,\"a\":2}", "{\"\":1}", "{\"a.b\":1,\"a\":{\"b\":2}}", "\u0000", "{'a':1}",
        "{\"a\":1}garbage", "{\"a\":\"\\ud800\"}"};
    JsonNode original = node.get(field);
    int choice = random.nextInt(texts.length + 4);
    if (choice < texts.length) {
      node.put(field, texts[choice]);
      return new Mutation("run " + run + " " + field + " text " + shorten(texts[choice]),
          text(copy), run, field);
    }
    JsonNode inner = original.isTextual() ? parse(original.asText()) : original;
    if (!(inner instanceof ObjectNode object) || object.isEmpty()) {
      node.put(field, "{\"only\":{}}");
      return new Mutation("run " + run + " " + field + " text {\"only\":{}}", text(copy), run,
          field);
    }
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    String key = keys.get(random.nextInt(keys.size()));
    Replacement r = replacements.get(random.nextInt(replacements.size()));
    JsonNode value = object.get(key);
    if (value instanceof ObjectNode wrapped && wrapped.has("value") && random.nextBoolean()) {
      wrapped.set("value", r.value().get());
    } else {
      object.set(key, r.value().get());
    }
    node.put(field, original.isTextual() ? text(object) : null);
    if (!original.isTextual()) {
      node.set(field, object);
    }
    return new Mutation("run " + run + " " + field + "." + key + " -> " + r.name(), text(copy),
        run, field);
  }

  private static List<Replacement> replacements() {
    return List.of(
        new Replacement("42", () -> JSON.numberNode(42)),
        new Replacement("-1.5", () -> JSON.numberNode(-1.5)),
        new Replacement("1e400", () -> JSON.numberNode(new BigDecimal("1e400"))),
        new Replacement("500 digits", () -> JSON.numberNode(new BigDecimal("9".repeat(500)))),
        new Replacement("\"text\"", () -> JSON.textNode("text")),
        new Replacement("\"\"", () -> JSON.textNode("")),
        new Replacement("100,000 chars", () -> JSON.textNode("z".repeat(100_000))),
        new Replacement("true", () -> JSON.booleanNode(true)),
        new Replacement("{}", JSON::objectNode),
        new Replacement("[]", JSON::arrayNode),
        new Replacement("[1,\"a\",null]", () -> parse("[1,\"a\",null]")),
        new Replacement("null", JSON::nullNode),
        new Replacement("300 nested arrays", () -> parse("[".repeat(300) + "]".repeat(300))),
        new Replacement("{\"__typename\":\"Unknown\"}",
            () -> parse("{\"__typename\":\"Unknown\"}")),
        new Replacement("{\"_type\":\"unknown\",\"value\":[1]}",
            () -> parse("{\"_type\":\"unknown\",\"value\":[1]}")),
        new Replacement("\"2024-13-45T99:99:99\"", () -> JSON.textNode("2024-13-45T99:99:99")),
        new Replacement("\"NaN\"", () -> JSON.textNode("NaN")));
  }

  static ArrayNode edges(JsonNode answer) {
    return (ArrayNode) answer.get("data").get("project").get("runs").get("edges");
  }

  private static ObjectNode node(JsonNode answer, int run) {
    return (ObjectNode) edges(answer).get(run).get("node");
  }

  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "… (" + s.length() + " chars)";
  }
}
