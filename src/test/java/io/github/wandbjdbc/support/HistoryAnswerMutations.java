package io.github.wandbjdbc.support;

import static io.github.wandbjdbc.support.RunsAnswerMutations.parse;
import static io.github.wandbjdbc.support.RunsAnswerMutations.text;

import io.github.wandbjdbc.support.AnswerMutation.Expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Mutations of the answers that carry logged rows: {@code RunHistory} ({@code history}, a list
 * of JSON strings, one per step), {@code RunEvents} ({@code events}, the same for system
 * metrics), {@code RunSampledHistory} ({@code sampledHistory}, one embedded list of row objects
 * per spec) and the {@code historyKeys} of the {@code Runs} lookup before them.
 *
 * <p>What rows are correct (an SQLException with a state always is):
 * <ul>
 *   <li>a mutation of one row: every other row exactly as without the fault, each once, and the
 *       touched row at most once, differing only in the columns fed by the mutated key (its
 *       column and {@code row}; {@code _step} feeds {@code step}, {@code _timestamp}
 *       {@code logged_at}, {@code _runtime} {@code runtime_seconds}). It must be there unless
 *       its new {@code _step} lies outside the step window the driver asked for. Its step
 *       column shows the old step, NULL, or the new step when that is an exact integer: a
 *       {@code _step} beyond a long must not wrap around to another step;
 *   <li><b>a duplicated {@code _step}</b> (a row given the step of another row of the same
 *       answer, or of the same sampledHistory result) is a malformed answer: W&B logs one row
 *       per step, and two rows of one step can neither be told apart nor joined by step. Only an
 *       SQLException (08P01) is correct; two rows, or one row mixing the two, fail;
 *   <li>a row taken out, the list emptied or truncated, the run gone ({@code run: null}),
 *       {@code sampledHistory: null} (nullable in W&B's schema), or a {@code historyKeys}
 *       mutation (it bounds the steps read): fault-free rows, each at most once, nothing else;
 *   <li>the envelope (the list null, an object, a string; data, project): exactly the
 *       fault-free rows.
 * </ul>
 */
final class HistoryAnswerMutations {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> ALL = Set.of("*");

  /** Texts that are not a JSON object, for a row string. */
  private static final String[] NOT_AN_OBJECT = {"{", "{\"a\":}", "[1,2", "", " ", "garbage",
      "{'a':1}", "\u0000", "null", "42", "[]", "\"str\"", "true", "{\"a\":\"\\ud800\"}",
      "[".repeat(2_000) + "]".repeat(2_000), "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000)
      + "}"};
  /** Values for a logged key, as JSON text inside the row string (W&B's lenient syntax). */
  private static final String[] VALUES = {"NaN", "Infinity", "-Infinity", "\"NaN\"",
      "\"Infinity\"", "\"-Infinity\"", "\"nan\"", "\"inf\"", "\"-inf\"", "+Infinity", "1e400",
      "-1e400", "9".repeat(500), "\"text\"", "\"\"", "true", "{}", "[]", "null", "[1,\"a\",null]",
      "{\"_type\":\"histogram\",\"values\":[1,2],\"bins\":[0,1,2]}",
      "{\"_type\":\"unknown-type\",\"value\":[1]}", "{\"__typename\":\"Unknown\"}",
      "[".repeat(300) + "]".repeat(300), "\"" + "z".repeat(100_000) + "\""};
  private static final String[] ENVELOPES = {"{\"data\":null}", "{\"data\":{}}", "{\"data\":[]}",
      "{\"data\":{\"project\":null}}", "{}", "[]", "42", "null", "{\"errors\":[]}",
      "{\"errors\":[{}]}", "{\"errors\":[{\"message\":42}]}"};

  private HistoryAnswerMutations() {}

  /**
   * Mutations of a {@code RunHistory} or {@code RunEvents} answer: {@code field} is
   * {@code history} or {@code events}; {@code columns} the statement's columns (a key feeds the
   * column of its name); {@code window} the step window asked for, or null for events.
   */
  static List<AnswerMutation> rowLists(Random random, JsonNode answer, String operation,
      String field, List<String> columns, long[] window, int count) {
    List<AnswerMutation> out = new ArrayList<>();
    ArrayNode rows = list(answer, field);
    for (String value : new String[] {"null", "{}", "\"" + field + "\"", "42", "true",
        "{\"0\":\"{}\"}"}) {
      ObjectNode copy = answer.deepCopy();
      run(copy).set(field, parse(value));
      out.add(AnswerMutation.same(field + " -> " + value, operation, text(copy)));
    }
    for (String body : ENVELOPES) {
      out.add(AnswerMutation.same("whole answer " + body, operation, body));
    }
    ObjectNode gone = answer.deepCopy();
    ((ObjectNode) gone.get("data").get("project")).set("run", JSON.nullNode());
    out.add(subset("run -> null (the run is gone)", operation, text(gone), null));
    ObjectNode noField = answer.deepCopy();
    run(noField).remove(field);
    out.add(AnswerMutation.same("run without " + field, operation, text(noField)));
    ObjectNode empty = answer.deepCopy();
    run(empty).set(field, JSON.arrayNode());
    out.add(subset(field + " -> []", operation, text(empty), null));
    ObjectNode half = answer.deepCopy();
    ArrayNode halfRows = list(half, field);
    while (halfRows.size() > rows.size() / 2) {
      halfRows.remove(halfRows.size() - 1);
    }
    out.add(subset(field + " truncated to " + halfRows.size() + " rows", operation, text(half),
        null));
    if (window != null) {
      // Events have no step: rows sent twice cannot be told from rows logged twice, so only
      // history (where each _step is then duplicated) gets this input.
      ObjectNode doubled = answer.deepCopy();
      rows.forEach(list(doubled, field)::add);
      out.add(AnswerMutation.error(field + " sent twice over (every _step duplicated)",
          operation, text(doubled)));
    }
    while (out.size() < count) {
      int i = random.nextInt(rows.size());
      ObjectNode row = (ObjectNode) parse(rows.get(i).asText());
      List<String> keys = new ArrayList<>();
      row.fieldNames().forEachRemaining(keys::add);
      String key = keys.get(random.nextInt(keys.size()));
      int kind = random.nextInt(window == null ? 9 : 12);
      String label = field + "[" + i + "]";
      switch (kind) {
        case 0 -> {
          String t = NOT_AN_OBJECT[random.nextInt(NOT_AN_OBJECT.length)];
          out.add(AnswerMutation.touched(label + " text " + shorten(t), operation,
              withRow(answer, field, i, JSON.textNode(t)), i, ALL));
        }
        case 1 -> {
          JsonNode item = List.of(JSON.nullNode(), JSON.numberNode(42), parse("[1,2]"),
              JSON.booleanNode(true), parse("[" + rows.get(i).asText() + "]"))
              .get(random.nextInt(5));
          out.add(AnswerMutation.touched(label + " -> " + shorten(text(item)), operation,
              withRow(answer, field, i, item), i, ALL));
        }
        case 2 -> {
          // The row as an embedded object instead of its JSON string: the same row.
          out.add(AnswerMutation.touched(label + " as an embedded object", operation,
              withRow(answer, field, i, row), i, Set.of()));
        }
        case 3, 4 -> {
          String value = VALUES[random.nextInt(VALUES.length)];
          out.add(AnswerMutation.touched(label + "." + key + " -> " + shorten(value), operation,
              withRowText(answer, field, i, setRaw(row, key, value)), i, fed(key, columns)));
        }
        case 5 -> {
          ObjectNode copy = row.deepCopy();
          copy.remove(key);
          out.add(AnswerMutation.touched(label + " without " + key, operation,
              withRow(answer, field, i, JSON.textNode(text(copy))), i, fed(key, columns)));
        }
        case 6 -> {
          String extra = List.of("zz_unknown", "", "_wandb", "__typename", "_type",
              key + ".extra").get(random.nextInt(6));
          String value = VALUES[random.nextInt(VALUES.length)];
          String rowText = text(row);
          String mutated = "{" + JSON.textNode(extra) + ":" + value
              + (row.isEmpty() ? "}" : "," + rowText.substring(1));
          Set<String> fed = row.has(extra) ? fed(extra, columns) : Set.of("row");
          out.add(AnswerMutation.touched(label + " extra key \"" + extra + "\": " + shorten(value),
              operation, withRowText(answer, field, i, mutated), i, fed));
        }
        case 7 -> {
          // A JSON key twice in the row string: the second value is W&B's, or the row is refused.
          String rowText = text(row);
          String mutated = rowText.substring(0, rowText.length() - 1) + ","
              + JSON.textNode(key) + ":\"duplicate\"}";
          out.add(AnswerMutation.touched(label + " key " + key + " twice", operation,
              withRowText(answer, field, i, mutated), i, fed(key, columns)));
        }
        case 8 -> {
          String time = List.of("_timestamp", "_runtime").get(random.nextInt(2));
          String value = List.of("\"2024-01-01T00:00:00\"", "\"1700000000\"", "NaN", "Infinity",
              "-Infinity", "1e300", "-1", "null", "{}").get(random.nextInt(9));
          out.add(AnswerMutation.touched(label + "." + time + " -> " + value, operation,
              withRowText(answer, field, i, setRaw(row, time, value)), i, fed(time, columns)));
        }
        default -> out.add(step(random, answer, field, rows, i, row, window, operation));
      }
    }
    return out;
  }

  /** A {@code _step} mutation of history row {@code i}. */
  private static AnswerMutation step(Random random, JsonNode answer, String field, ArrayNode rows,
      int i, ObjectNode row, long[] window, String operation) {
    long old = row.get("_step").asLong();
    long other = parse(rows.get((i + 1 + random.nextInt(rows.size() - 1)) % rows.size())
        .asText()).get("_step").asLong();
    String label = field + "[" + i + "]._step " + old + " -> ";
    Set<String> fed = Set.of("step", "row");
    String huge = BigInteger.TWO.pow(64).add(BigInteger.valueOf(other)).toString();
    return switch (random.nextInt(11)) {
      case 0 -> {
        ObjectNode copy = row.deepCopy();
        copy.remove("_step");
        yield AnswerMutation.touched(label + "missing", operation,
            withRow(answer, field, i, JSON.textNode(text(copy))), i, fed);
      }
      case 1 -> stepTo(label, answer, field, i, row, "\"" + old + "\"", null, window, operation);
      case 2 -> stepTo(label, answer, field, i, row, old + ".5", null, window, operation);
      case 3 -> stepTo(label, answer, field, i, row, old + ".0", old, window, operation);
      case 4 -> stepTo(label, answer, field, i, row, String.valueOf(-1 - old), -1 - old, window,
          operation);
      case 5 -> stepTo(label, answer, field, i, row, huge + " (2^64 + " + other + ")", null,
          window, operation);
      case 6 -> stepTo(label, answer, field, i, row, "1e300", null, window, operation);
      case 7 -> stepTo(label, answer, field, i, row,
          List.of("NaN", "Infinity", "-Infinity", "null", "{}", "[]", "true")
              .get(random.nextInt(7)), null, window, operation);
      case 8 -> stepTo(label, answer, field, i, row, String.valueOf(Long.MAX_VALUE),
          Long.MAX_VALUE, window, operation);
      default -> AnswerMutation.error(label + other + " (duplicated _step)", operation,
          withRowText(answer, field, i, setRaw(row, "_step", String.valueOf(other))));
    };
  }

  private static AnswerMutation stepTo(String label, JsonNode answer, String field, int i,
      ObjectNode row, String value, Long newStep, long[] window, String operation) {
    String raw = value.contains(" ") ? value.substring(0, value.indexOf(' ')) : value;
    boolean outside = newStep != null && (newStep < window[0] || newStep >= window[1]);
    return new AnswerMutation(label + value, operation,
        List.of(withRowText(answer, field, i, setRaw(row, "_step", raw))), Expect.TOUCHED, i,
        Set.of("step", "row"), newStep == null ? Set.of() : Set.of(newStep), outside
        || raw.equals("1e300"));
  }

  /**
   * Mutations of a {@code RunSampledHistory} answer: {@code sampledHistory} is one list of row
   * objects per spec, the first spec {@code _step} alone.
   */
  static List<AnswerMutation> sampled(Random random, JsonNode answer, List<String> columns,
      long[] window, int count) {
    String op = "RunSampledHistory";
    List<AnswerMutation> out = new ArrayList<>();
    ArrayNode results = (ArrayNode) run(answer).get("sampledHistory");
    for (String value : new String[] {"{}", "\"sampledHistory\"", "42", "[]", "[null]",
        "[[],[]]", "[{},{},{}]", "[\"[\",\"[\",\"[\"]", "[42,42,42]"}) {
      ObjectNode copy = answer.deepCopy();
      run(copy).set("sampledHistory", parse(value));
      out.add(AnswerMutation.same("sampledHistory -> " + value, op, text(copy)));
    }
    ObjectNode nulled = answer.deepCopy();
    run(nulled).set("sampledHistory", JSON.nullNode());
    out.add(subset("sampledHistory -> null", op, text(nulled), null));
    for (int k = 0; k < results.size(); k++) {
      for (String value : new String[] {"null", "{}", "42", "\"[\""}) {
        ObjectNode copy = answer.deepCopy();
        ((ArrayNode) run(copy).get("sampledHistory")).set(k, parse(value));
        out.add(AnswerMutation.same("sampledHistory[" + k + "] -> " + value, op, text(copy)));
      }
      // W&B's JSON scalar may arrive as the text of the list: the same rows.
      ObjectNode copy = answer.deepCopy();
      ((ArrayNode) run(copy).get("sampledHistory")).set(k, JSON.textNode(text(results.get(k))));
      out.add(AnswerMutation.same("sampledHistory[" + k + "] as JSON text", op, text(copy)));
    }
    String bare = text(answer).replaceFirst("(\"_step\":\\d+,\"[^\"]+\":)[-0-9.eE]+", "$1NaN");
    out.add(AnswerMutation.same("a bare NaN in the (strict JSON) answer", op, bare));
    while (out.size() < count) {
      int k = random.nextInt(results.size());
      ArrayNode result = (ArrayNode) results.get(k);
      int i = random.nextInt(result.size());
      ObjectNode row = (ObjectNode) result.get(i);
      long step = row.get("_step").asLong();
      List<String> keys = new ArrayList<>();
      row.fieldNames().forEachRemaining(keys::add);
      String key = keys.get(random.nextInt(keys.size()));
      String label = "sampledHistory[" + k + "][" + i + "]";
      ObjectNode copy = answer.deepCopy();
      ObjectNode target = (ObjectNode) run(copy).get("sampledHistory").get(k).get(i);
      switch (random.nextInt(6)) {
        case 0 -> {
          JsonNode item = List.of(JSON.nullNode(), JSON.numberNode(42), parse("[1,2]"),
              JSON.textNode("{"), JSON.textNode(text(row))).get(random.nextInt(5));
          ((ArrayNode) run(copy).get("sampledHistory").get(k)).set(i, item);
          out.add(new AnswerMutation(label + " -> " + shorten(text(item)), op,
              List.of(text(copy)), Expect.TOUCHED, step, ALL, Set.of(), false));
        }
        case 1, 2 -> {
          String value = List.of("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"nan\"", "1e400",
              "\"text\"", "true", "{}", "[]", "null", "{\"_type\":\"unknown\"}",
              "9".repeat(500)).get(random.nextInt(12));
          target.set(key, parse(value));
          Set<String> fed = key.equals("_step") ? Set.of("step") : fed(key, columns);
          out.add(new AnswerMutation(label + "." + key + " -> " + shorten(value), op,
              List.of(text(copy)), Expect.TOUCHED, step, fed, Set.of(), key.equals("_step")));
        }
        case 3 -> {
          target.put("zz_unknown", 1);
          out.add(new AnswerMutation(label + " extra key zz_unknown", op, List.of(text(copy)),
              Expect.TOUCHED, step, Set.of(), Set.of(), false));
        }
        case 4 -> {
          target.remove("_step");
          out.add(new AnswerMutation(label + " without _step", op, List.of(text(copy)),
              Expect.TOUCHED, step, Set.of("*"), Set.of(), true));
        }
        default -> {
          long other = result.get((i + 1 + random.nextInt(result.size() - 1)) % result.size())
              .get("_step").asLong();
          if (random.nextBoolean()) {
            target.put("_step", other);
            out.add(AnswerMutation.error(label + "._step " + step + " -> " + other
                + " (duplicated _step)", op, text(copy)));
          } else {
            target.put("_step", -1 - step);
            out.add(new AnswerMutation(label + "._step " + step + " -> " + (-1 - step)
                + " (outside the window)", op, List.of(text(copy)), Expect.TOUCHED, step,
                Set.of("*"), Set.of(-1 - step), true));
          }
        }
      }
    }
    return out;
  }

  /**
   * Mutations of {@code historyKeys} in the {@code Runs} lookup of a history statement (one run):
   * it bounds the steps read, so fault-free rows, each at most once, are correct.
   */
  static List<AnswerMutation> historyKeys(JsonNode runsAnswer) {
    List<AnswerMutation> out = new ArrayList<>();
    for (String value : new String[] {"null", "\"text\"", "\"{\\\"lastStep\\\":5}\"", "\"{\"",
        "42", "true", "[]", "{}", "{\"lastStep\":null}", "{\"lastStep\":\"159\"}",
        "{\"lastStep\":-5}", "{\"lastStep\":1.5}", "{\"lastStep\":5000}", "{\"lastStep\":1e400}",
        "{\"lastStep\":[159]}", "{\"lastStep\":{}}", "{\"keys\":42,\"lastStep\":20}",
        "{\"keys\":{\"train/loss\":{\"typeCounts\":\"x\"}},\"lastStep\":20}",
        "{\"__typename\":\"Unknown\",\"lastStep\":20}",
        "{\"lastStep\":" + Long.MAX_VALUE + "}"}) {
      ObjectNode copy = runsAnswer.deepCopy();
      for (JsonNode edge : RunsAnswerMutations.edges(copy)) {
        ((ObjectNode) edge.get("node")).set("historyKeys", parse(value));
      }
      out.add(subset("historyKeys -> " + value, "Runs", text(copy), null));
    }
    return out;
  }

  private static AnswerMutation subset(String label, String operation, String body,
      Object mayMiss) {
    return new AnswerMutation(label, operation, List.of(body), Expect.SUBSET, mayMiss, Set.of(),
        Set.of(), true);
  }

  /** The columns a logged key feeds: its own (if the statement has one) and {@code row}. */
  private static Set<String> fed(String key, List<String> columns) {
    Set<String> fed = new HashSet<>(Set.of("row"));
    switch (key) {
      case "_step" -> fed.add("step");
      case "_timestamp" -> fed.add("logged_at");
      case "_runtime" -> fed.add("runtime_seconds");
      default -> {
        if (columns.contains(key)) {
          fed.add(key);
        }
        if (columns.contains("system." + key)) {
          fed.add("system." + key);
        }
      }
    }
    return fed;
  }

  /** The row's JSON text with {@code key} set to the raw (possibly non-standard) value. */
  private static String setRaw(ObjectNode row, String key, String raw) {
    ObjectNode copy = row.deepCopy();
    String marker = "__raw_value_marker__";
    copy.put(key, marker);
    return text(copy).replace("\"" + marker + "\"", raw);
  }

  private static String withRowText(JsonNode answer, String field, int i, String rowText) {
    return withRow(answer, field, i, JSON.textNode(rowText));
  }

  private static String withRow(JsonNode answer, String field, int i, JsonNode item) {
    ObjectNode copy = answer.deepCopy();
    list(copy, field).set(i, item);
    return text(copy);
  }

  static ObjectNode run(JsonNode answer) {
    return (ObjectNode) answer.get("data").get("project").get("run");
  }

  static ArrayNode list(JsonNode answer, String field) {
    return (ArrayNode) run(answer).get(field);
  }

  static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "… (" + s.length() + " chars)";
  }
}
