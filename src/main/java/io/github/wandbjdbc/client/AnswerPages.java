package io.github.wandbjdbc.client;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.wandbjdbc.client.WandbApiException.Kind;
import io.github.wandbjdbc.model.Page;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the parts of W&B's answers that every operation of {@link WandbClient} has: the project
 * the answer must name, and connections (edges with a page's cursor) read into {@link Page}s. A
 * broken answer is a {@link Kind#MALFORMED_RESPONSE}, never rows silently dropped. Apart from
 * the client so that it keeps to one method an operation.
 */
final class AnswerPages {
  private AnswerPages() {}

  /** The answer's {@code project}; fails with NOT_FOUND when the key cannot read it. */
  static JsonNode requireProject(JsonNode data, String entity, String project) {
    JsonNode node = data.get("project");
    if (node == null || node.isNull()) {
      throw new WandbApiException(Kind.NOT_FOUND, "Project '" + project + "' not found in entity '"
          + entity + "', or the API key cannot read it. Check the project and entity properties;"
          + " DatabaseMetaData.getSchemas() lists the projects you can read.");
    }
    return node;
  }

  /** One page of a connection, each edge's {@code node} read by {@code reader}. */
  static <T> Page<T> page(JsonNode connection, Function<JsonNode, T> reader, String what) {
    if (connection == null || !connection.isObject() || !connection.path("edges").isArray()) {
      throw malformed("the " + what + " connection has no edges");
    }
    List<T> items = new ArrayList<>();
    String lastCursor = null;
    for (JsonNode edge : connection.get("edges")) {
      JsonNode node = edge.get("node");
      if (node == null || node.isNull()) {
        // W&B's schema makes edges and their nodes non-null ([RunEdge!]!, node: Run!): a null
        // one is a broken answer. Skipping it silently dropped a row (found by the bad-input
        // corpus, a Runs answer with one edge set to null).
        throw malformed("the " + what + " connection has a null edge or node");
      }
      items.add(readOrMalformed(node, reader, what));
      lastCursor = textOrNull(edge.get("cursor"));
    }
    JsonNode pageInfo = connection.path("pageInfo");
    String endCursor = textOrNull(pageInfo.get("endCursor"));
    boolean hasNext = pageInfo.path("hasNextPage").asBoolean(false);
    if (hasNext && endCursor == null && lastCursor == null) {
      throw malformed("the " + what + " connection has a next page but no cursor");
    }
    return new Page<>(items, endCursor != null ? endCursor : lastCursor, hasNext);
  }

  /** Like {@link #page}, for connections whose edges carry data beside the node. */
  static <T> Page<T> edgePage(JsonNode connection, Function<JsonNode, T> edgeReader,
      String what) {
    if (connection == null || !connection.isObject() || !connection.path("edges").isArray()) {
      throw malformed("the " + what + " connection has no edges");
    }
    List<T> items = new ArrayList<>();
    for (JsonNode edge : connection.get("edges")) {
      if (!edge.hasNonNull("node")) {
        // As in page(): a null edge or node is a broken answer, not a row to drop.
        throw malformed("the " + what + " connection has a null edge or node");
      }
      items.add(readOrMalformed(edge, edgeReader, what));
    }
    JsonNode pageInfo = connection.path("pageInfo");
    String endCursor = textOrNull(pageInfo.get("endCursor"));
    boolean hasNext = pageInfo.path("hasNextPage").asBoolean(false);
    if (hasNext && endCursor == null) {
      throw malformed("the " + what + " connection has a next page but no end cursor");
    }
    return new Page<>(items, endCursor, hasNext);
  }

  /** {@code reader}'s value of {@code node}; what it cannot read is a malformed answer. */
  static <T> T readOrMalformed(JsonNode node, Function<JsonNode, T> reader, String what) {
    try {
      return reader.apply(node);
    } catch (IllegalArgumentException e) {
      throw malformed("W&B sent " + what + " the driver cannot read: " + e.getMessage());
    }
  }

  static WandbApiException malformed(String detail) {
    return new WandbApiException(Kind.MALFORMED_RESPONSE, 200, "Unexpected answer from W&B: "
        + detail + ". If this persists, report it with your W&B server version.", null);
  }

  static String requiredText(JsonNode node, String field) {
    String text = textOrNull(node.get(field));
    if (text == null) {
      throw new IllegalArgumentException("no " + field);
    }
    return text;
  }

  static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
