package io.github.wandbjdbc.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.wandbjdbc.model.ParquetHistory;
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
          node.has("systemMetrics") ? object(node, "systemMetrics") : null,
          parquetHistory(node));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("run '" + name + "': " + e.getMessage(), e);
    }
  }

  /**
   * {@code parquetHistory { parquetUrls liveData }} when selected: URLs as text, live rows as
   * embedded JSON objects (a {@code JSON} list; a row sent as a JSON string is parsed).
   */
  private static ParquetHistory parquetHistory(JsonNode node) {
    JsonNode history = node.get("parquetHistory");
    if (history == null) {
      return null;
    }
    if (!history.isObject()) {
      throw new IllegalArgumentException("parquetHistory is " + history.getNodeType()
          + ", not an object");
    }
    List<String> urls = new ArrayList<>();
    for (JsonNode url : array(history, "parquetUrls")) {
      if (!url.isTextual()) {
        throw new IllegalArgumentException("parquetHistory.parquetUrls holds " + url.getNodeType());
      }
      urls.add(url.asText());
    }
    List<ObjectNode> live = new ArrayList<>();
    for (JsonNode row : array(history, "liveData")) {
      JsonNode parsed = row.isTextual() ? WandbJson.parseJsonString(row.asText()) : row;
      if (parsed == null || !parsed.isObject()) {
        throw new IllegalArgumentException("parquetHistory.liveData holds a row that is not an"
            + " object");
      }
      live.add((ObjectNode) parsed);
    }
    return new ParquetHistory(urls, live);
  }

  private static JsonNode array(JsonNode parent, String field) {
    JsonNode list = parent.get(field);
    if (list == null || list.isNull()) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException("parquetHistory." + field + " is not a list");
    }
    return list;
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
