package io.github.wandbjdbc.testserver.exports;

import java.util.List;
import java.util.Map;

/** One request the storage endpoint answered: its method, path and query, headers, status. */
public record StorageRequest(String method, String pathAndQuery, Map<String, List<String>> headers,
    int status) {
  public StorageRequest {
    headers = Map.copyOf(headers);
  }

  /** Whether any header, or the URL, holds {@code secret} (case-insensitive names). */
  public boolean carries(String secret) {
    return pathAndQuery.contains(secret) || headers.values().stream()
        .flatMap(List::stream).anyMatch(v -> v.contains(secret));
  }

  public boolean hasHeader(String name) {
    return headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(name));
  }
}
