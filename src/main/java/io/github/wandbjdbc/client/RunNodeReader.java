package io.github.wandbjdbc.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.model.RunNode;
import io.github.wandbjdbc.model.WandbJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads a GraphQL {@code Run} object, as selected by the Runs/Run documents, into a {@link RunNode}. */
final class RunNodeReader {
  private RunNodeReader() {}

  static RunNode read(JsonNode node) {
    String name = text(node, "name");
    if (name == null) {
      throw new IllegalArgumentException("a run without a name (its id)");
    }
    try {
      return new RunNode(
          name,
          text(node, "displayName"),
          text(node, "state"),
          date(node, "createdAt"),
          date(node, "heartbeatAt"),
          text(node, "group"),
          text(node, "jobType"),
          tags(node),
          node.has("user") ? text(node.get("user"), "username") : null,
          text(node, "host"),
          text(node, "sweepName"),
          text(node, "notes"),
          text(node, "commit"),
          node.hasNonNull("historyLineCount") ? node.get("historyLineCount").asLong() : null,
          config(node),
          summary(node),
          historyKeys(node),
          node.hasNonNull("eventsLineCount") ? node.get("eventsLineCount").asLong() : null,
          node.has("systemMetrics") ? object(node, "systemMetrics") : null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("run '" + name + "': " + e.getMessage(), e);
    }
  }

  /** {@code historyKeys} is embedded JSON (not a JSONString); null when W&B has none. */
  private static JsonNode historyKeys(JsonNode node) {
    if (!node.has("historyKeys")) {
      return null;
    }
    JsonNode keys = node.get("historyKeys");
    if (keys.isTextual()) {
      // Tolerate a server that sends it as a JSONString.
      keys = WandbJson.parseJsonString(keys.asText());
    }
    return keys == null || keys.isNull() ? JsonNodeFactory.instance.objectNode() : keys;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant date(JsonNode node, String field) {
    return WandbJson.parseDateTime(text(node, field));
  }

  /** Tags when selected; a run without tags has an empty list, whether W&B sends [] or null. */
  private static List<String> tags(JsonNode node) {
    if (!node.has("tags")) {
      return null;
    }
    List<String> tags = new ArrayList<>();
    node.get("tags").forEach(t -> {
      if (!t.isNull()) {
        tags.add(t.asText());
      }
    });
    return List.copyOf(tags);
  }

  private static ObjectNode config(JsonNode node) {
    String field = node.has("config") ? "config" : node.has("configSubset") ? "configSubset" : null;
    if (field == null) {
      return null;
    }
    return WandbJson.unwrapConfig(object(node, field));
  }

  private static ObjectNode summary(JsonNode node) {
    String field = node.has("summaryMetrics") ? "summaryMetrics"
        : node.has("summarySubset") ? "summarySubset" : null;
    return field == null ? null : object(node, field);
  }

  /** The object inside a JSONString field; an absent document counts as empty. */
  private static ObjectNode object(JsonNode node, String field) {
    JsonNode inner;
    try {
      inner = WandbJson.parseJsonString(text(node, field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not valid JSON (" + e.getMessage() + ")", e);
    }
    if (inner == null || inner.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!inner.isObject()) {
      throw new IllegalArgumentException(field + " is not a JSON object");
    }
    return (ObjectNode) inner;
  }
}
