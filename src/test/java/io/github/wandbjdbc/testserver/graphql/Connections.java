package io.github.wandbjdbc.testserver.graphql;

import io.github.wandbjdbc.testserver.semantics.Cursors;
import io.github.wandbjdbc.testserver.semantics.PageSize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Relay connections over fixed lists, as plain maps the default fetcher reads: {@code edges},
 * {@code pageInfo} and, where the type has it, {@code totalCount}. A cursor names a position in
 * the (filtered, ordered) list, so paging with the same arguments continues where it stopped.
 */
final class Connections {

  private Connections() {
  }

  /** One page of {@code items}: after the cursor {@code after} of {@code kind}, at most {@code first}. */
  static <T> Map<String, Object> page(List<T> items, String kind, String after, Integer first,
      boolean withTotalCount, Function<T, Map<String, Object>> edgeOf) {
    int start = after == null ? 0 : Math.min(items.size(), Cursors.decode(kind, after) + 1);
    int end = Math.min(items.size(), start + PageSize.resolve(first));
    List<Object> edges = new ArrayList<>();
    for (int i = start; i < end; i++) {
      Map<String, Object> edge = edgeOf.apply(items.get(i));
      edge.put("cursor", Cursors.encode(kind, i));
      edges.add(edge);
    }
    return connection(edges, end < items.size(), start > 0, withTotalCount ? items.size() : null);
  }

  /** A page whose edges hold just the node. */
  static <T> Map<String, Object> page(List<T> items, String kind, String after, Integer first,
      boolean withTotalCount) {
    return page(items, kind, after, first, withTotalCount, Connections::nodeEdge);
  }

  static Map<String, Object> nodeEdge(Object node) {
    Map<String, Object> edge = new LinkedHashMap<>();
    edge.put("node", node);
    return edge;
  }

  static Map<String, Object> edge(Object node, String cursor) {
    Map<String, Object> edge = nodeEdge(node);
    edge.put("cursor", cursor);
    return edge;
  }

  static Map<String, Object> connection(List<Object> edges, boolean hasNext, boolean hasPrevious,
      Integer totalCount) {
    Map<String, Object> pageInfo = new LinkedHashMap<>();
    pageInfo.put("hasNextPage", hasNext);
    pageInfo.put("hasPreviousPage", hasPrevious);
    pageInfo.put("startCursor", edges.isEmpty() ? null : ((Map<?, ?>) edges.get(0)).get("cursor"));
    pageInfo.put("endCursor", edges.isEmpty() ? null : ((Map<?, ?>) edges.get(edges.size() - 1)).get("cursor"));
    Map<String, Object> connection = new LinkedHashMap<>();
    connection.put("edges", edges);
    connection.put("pageInfo", pageInfo);
    if (totalCount != null) {
      connection.put("totalCount", totalCount);
    }
    return connection;
  }
}
