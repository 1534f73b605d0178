package io.github.wandbjdbc.support;

import static io.github.wandbjdbc.support.RunsAnswerMutations.parse;
import static io.github.wandbjdbc.support.RunsAnswerMutations.text;

import io.github.wandbjdbc.support.AnswerMutation.Expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Mutations of the answers the {@code artifacts} table pages through: {@code ArtifactTypes},
 * {@code ArtifactCollections} and {@code ArtifactVersions} (each a Relay connection). Wrong
 * types, nulls, missing or odd {@code pageInfo}, {@code hasNextPage} true without an
 * {@code endCursor}, the same cursor answered twice, unknown {@code __typename}, {@code aliases}
 * not a list, {@code metadata} not JSON.
 *
 * <p>What rows are correct (an SQLException with a state always is):
 * <ul>
 *   <li>the connection or envelope (pageInfo, edges, cursors, data): exactly the fault-free
 *       rows. A page claiming a next page without a cursor, or repeating the cursor it was
 *       asked with, must end (the test is bounded) in an error or the fault-free rows, never in
 *       a paging loop or a page read twice;
 *   <li>the name of a type or collection: the fault-free rows, each at most once, those of
 *       other types and collections all there (a renamed type may simply not exist);
 *   <li>a field of one version: the other versions' rows exactly, and one row for the touched
 *       version, differing only in the columns the field feeds ({@code id} frees the whole row).
 * </ul>
 */
final class ArtifactAnswerMutations {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Columns fed by each field of an artifact version (and {@code version} of its edge). */
  static final Map<String, Set<String>> FED = Map.ofEntries(
      Map.entry("id", Set.of("*")), Map.entry("versionIndex", Set.of("version_index", "version")),
      Map.entry("version", Set.of("version")), Map.entry("artifactType", Set.of("type")),
      Map.entry("artifactSequence", Set.of("collection")), Map.entry("aliases", Set.of("aliases")),
      Map.entry("tags", Set.of("tags")), Map.entry("digest", Set.of("digest")),
      Map.entry("size", Set.of("size_bytes")), Map.entry("fileCount", Set.of("file_count")),
      Map.entry("state", Set.of("state")), Map.entry("createdAt", Set.of("created_at")),
      Map.entry("updatedAt", Set.of("updated_at")),
      Map.entry("description", Set.of("description")),
      Map.entry("metadata", Set.of("metadata")),
      Map.entry("createdBy", Set.of("logged_by_run_id")));

  private static final String[] REPLACEMENTS = {"42", "-1.5", "1e400", "9".repeat(500),
      "\"text\"", "\"\"", "true", "{}", "[]", "[1,\"a\",null]", "null",
      "{\"__typename\":\"Unknown\"}", "{\"_type\":\"unknown\",\"value\":[1]}",
      "\"2024-13-45T99:99:99\"", "\"NaN\"", "[".repeat(300) + "]".repeat(300)};
  private static final String[] ALIASES = {"\"v0\"", "{}", "42", "[42]", "[\"latest\"]",
      "[{\"alias\":42}]", "[{\"alias\":null}]", "[{}]", "[null]", "{\"alias\":\"latest\"}",
      "[{\"alias\":{\"x\":1}}]", "[{\"__typename\":\"Unknown\",\"alias\":\"x\"}]"};
  private static final String[] METADATA = {"\"{\"", "\"[1,2\"", "\"NaN\"", "\"\"", "\"null\"",
      "\"\\\"str\\\"\"", "\"42\"", "\"{\\\"a\\\":NaN}\"", "\"{'a':1}\"", "\"{\\\"a\\\":1}garbage\"",
      "{\"a\":1}", "[1]", "\"" + "[".repeat(2_000) + "]".repeat(2_000) + "\"",
      "\"{\\\"a\\\":1,\\\"a\\\":2}\""};
  private static final String[] CREATED_BY = {"{\"__typename\":\"Unknown\",\"name\":\"x\"}",
      "{\"__typename\":\"Run\",\"name\":42}", "{\"__typename\":\"Run\"}", "{\"__typename\":42}",
      "{\"name\":\"x\"}", "\"run\""};

  private ArtifactAnswerMutations() {}

  /** Mutations of one page of a connection at {@code path} (dot-separated, under data). */
  static List<AnswerMutation> connection(JsonNode answer, String operation, String path) {
    List<AnswerMutation> out = new ArrayList<>();
    String[][] changes = {{"pageInfo", "null"}, {"pageInfo", "{}"}, {"pageInfo", "42"},
        {"pageInfo", "[]"}, {"pageInfo.hasNextPage", "\"no\""},
        {"pageInfo.hasNextPage", "null"}, {"pageInfo.hasNextPage", "0"},
        {"pageInfo.hasNextPage", "\"true\""}, {"pageInfo.endCursor", "42"},
        {"pageInfo.endCursor", "{}"}, {"edges", "null"}, {"edges", "{}"}, {"edges", "\"edges\""},
        {"edges", "[null]"}, {"edges", "[{}]"}, {"edges", "[{\"node\":null}]"},
        {"edges", "[{\"node\":42}]"}, {"__typename", "\"UnknownConnection\""}};
    for (String[] change : changes) {
      ObjectNode copy = answer.deepCopy();
      set(connectionOf(copy, path), change[0], parse(change[1]));
      out.add(AnswerMutation.same(operation + " " + change[0] + " -> " + change[1], operation,
          text(copy)));
    }
    ObjectNode noPageInfo = answer.deepCopy();
    connectionOf(noPageInfo, path).remove("pageInfo");
    out.add(AnswerMutation.same(operation + " without pageInfo", operation, text(noPageInfo)));
    for (String cursor : new String[] {"null", "absent", "\"\""}) {
      ObjectNode copy = answer.deepCopy();
      ObjectNode pageInfo = JSON.objectNode().put("hasNextPage", true);
      if (!cursor.equals("absent")) {
        pageInfo.set("endCursor", parse(cursor));
      }
      connectionOf(copy, path).set("pageInfo", pageInfo);
      out.add(AnswerMutation.same(operation + " hasNextPage true, endCursor " + cursor,
          operation, text(copy)));
    }
    // The same page again for the next cursor: paging must stop, not read the page twice.
    ObjectNode repeated = answer.deepCopy();
    connectionOf(repeated, path).set("pageInfo",
        JSON.objectNode().put("hasNextPage", true).put("endCursor", "cursor-repeated"));
    for (int times : new int[] {2, 3}) {
      List<String> bodies = new ArrayList<>();
      for (int t = 0; t < times; t++) {
        bodies.add(text(repeated));
      }
      out.add(new AnswerMutation(operation + " the same page and endCursor " + times + " times",
          operation, bodies, Expect.SAME, null, Set.of(), Set.of(), false));
    }
    for (String body : new String[] {"{\"data\":null}", "{\"data\":{}}",
        "{\"data\":{\"project\":null}}", "{}", "[]", "null", "{\"errors\":[{}]}"}) {
      out.add(AnswerMutation.same(operation + " whole answer " + body, operation, body));
    }
    // The name of the type or collection: a renamed one may not exist.
    ArrayNode edges = (ArrayNode) connectionOf(answer, path).get("edges");
    for (int i = 0; i < edges.size() && edges.get(i).get("node").has("name"); i++) {
      String name = edges.get(i).get("node").get("name").asText();
      for (String value : new String[] {"42", "null", "{}", "[]", "\"\"", "\"no-such-name\"",
          "{\"__typename\":\"Unknown\",\"name\":\"" + name + "\"}"}) {
        ObjectNode copy = answer.deepCopy();
        ((ObjectNode) ((ArrayNode) connectionOf(copy, path).get("edges")).get(i).get("node"))
            .set("name", parse(value));
        out.add(new AnswerMutation(operation + " name " + name + " -> " + value, operation,
            List.of(text(copy)), Expect.SUBSET, name, Set.of(), Set.of(), true));
      }
      ObjectNode copy = answer.deepCopy();
      ((ObjectNode) ((ArrayNode) connectionOf(copy, path).get("edges")).get(i).get("node"))
          .put("__typename", "UnknownType");
      out.add(AnswerMutation.same(operation + " node " + name + " with __typename UnknownType",
          operation, text(copy)));
    }
    return out;
  }

  /** Mutations of the fields of the versions in an {@code ArtifactVersions} answer. */
  static List<AnswerMutation> versions(Random random, JsonNode answer, String path, int count) {
    List<AnswerMutation> out = new ArrayList<>();
    ArrayNode edges = (ArrayNode) connectionOf(answer, path).get("edges");
    List<String> fields = new ArrayList<>(FED.keySet());
    fields.sort(null);
    while (out.size() < count) {
      int i = random.nextInt(edges.size());
      String id = edges.get(i).get("node").get("id").asText();
      String field = fields.get(random.nextInt(fields.size()));
      String[] values = switch (field) {
        case "aliases" -> random.nextBoolean() ? ALIASES : REPLACEMENTS;
        case "metadata" -> random.nextBoolean() ? METADATA : REPLACEMENTS;
        case "createdBy" -> random.nextBoolean() ? CREATED_BY : REPLACEMENTS;
        default -> REPLACEMENTS;
      };
      String value = values[random.nextInt(values.length)];
      ObjectNode copy = answer.deepCopy();
      ObjectNode edge = (ObjectNode) ((ArrayNode) connectionOf(copy, path).get("edges")).get(i);
      ObjectNode target = field.equals("version") ? edge : (ObjectNode) edge.get("node");
      String label;
      if (random.nextInt(8) == 0) {
        target.remove(field);
        label = "version " + id + " without " + field;
      } else {
        target.set(field, parse(value));
        label = "version " + id + " " + field + " -> " + HistoryAnswerMutations.shorten(value);
      }
      out.add(AnswerMutation.touched(label, "ArtifactVersions", text(copy), id, FED.get(field)));
    }
    return out;
  }

  static ObjectNode connectionOf(JsonNode answer, String path) {
    JsonNode node = answer.get("data");
    for (String part : path.split("\\.")) {
      node = node.get(part);
    }
    return (ObjectNode) node;
  }

  private static void set(ObjectNode parent, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      parent = (ObjectNode) parent.get(parts[i]);
    }
    parent.set(parts[parts.length - 1], value);
  }
}
