package io.github.wandbjdbc.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.model.WandbJson;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of a run's history and system metrics from W&B's answers, and writes the specs
 * of a {@code sampledHistory} request. Apart from {@link WandbClient} because these rows come as
 * lists of JSON text rather than as connections, and each needs parsing with NaN and Infinity.
 */
final class HistoryRows {
  private HistoryRows() {}

  /**
   * Adds the {@code specs} of {@code sampledHistory} to {@code vars}, one per key set: the rows
   * with {@code minStep <= _step < maxStep} (W&B's {@code maxStep} is inclusive), unsampled.
   */
  static void putSpecs(ObjectNode vars, List<List<String>> keySets, long minStep, long maxStep) {
    long window = maxStep - minStep;
    ArrayNode specs = vars.putArray("specs");
    for (List<String> keys : keySets) {
      ObjectNode spec = WandbJson.envelopeMapper().createObjectNode();
      keys.forEach(spec.putArray("keys")::add);
      spec.put("minStep", minStep).put("maxStep", maxStep - 1).put("samples", (int) window);
      specs.add(spec.toString());
    }
  }

  /**
   * The rows of each of {@code specs} specs of a {@code sampledHistory} answer's run; empty lists
   * when the run is null (no such run any more).
   */
  static List<List<ObjectNode>> sampled(JsonNode run, int specs) {
    JsonNode results = run == null ? null : run.get("sampledHistory");
    List<List<ObjectNode>> out = new ArrayList<>();
    for (int i = 0; i < specs; i++) {
      if (results == null || results.isNull()) {
        out.add(List.of());
        continue;
      }
      if (!results.isArray() || results.size() != specs) {
        throw AnswerPages.malformed("sampledHistory did not return one result per spec");
      }
      JsonNode result = results.get(i);
      // A JSON scalar may also arrive as the text of the array.
      JsonNode rows = result.isTextual()
          ? AnswerPages.readOrMalformed(result, n -> WandbJson.parseJsonString(n.asText()),
              "sampledHistory")
          : result;
      ObjectNode holder = WandbJson.envelopeMapper().createObjectNode();
      holder.set("rows", rows);
      out.add(rows(holder, "rows"));
    }
    return out;
  }

  /** A list of JSON-object strings (history, events) parsed with NaN/Infinity allowed. */
  static List<ObjectNode> rows(JsonNode run, String field) {
    if (run == null) {
      return List.of();
    }
    JsonNode list = run.get(field);
    if (list == null || list.isNull()) {
      // W&B's schema makes the list non-null ([String!]!); an absent run is handled above. A
      // null list read as "no rows" silently lost every row of the window (found by the
      // bad-input corpus, a RunHistory answer with "history": null, and RunEvents with
      // "events": null; the same holds for a null sampledHistory result).
      throw AnswerPages.malformed(field + " is missing or null");
    }
    if (!list.isArray()) {
      throw AnswerPages.malformed(field + " is not a list");
    }
    List<ObjectNode> rows = new ArrayList<>(list.size());
    for (JsonNode item : list) {
      JsonNode row = item.isTextual() ? AnswerPages.readOrMalformed(item,
          n -> WandbJson.parseJsonString(n.asText()), field + " rows") : item;
      if (row == null || !row.isObject()) {
        throw AnswerPages.malformed("a " + field + " row is not a JSON object");
      }
      rows.add((ObjectNode) row);
    }
    return rows;
  }
}
