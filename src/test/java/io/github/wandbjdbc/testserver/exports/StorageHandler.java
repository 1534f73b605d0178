package io.github.wandbjdbc.testserver.exports;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storage endpoint of the test server: serves {@code GET /exports/<id>?X-Expires=…&X-Signature=…}
 * like a bucket serves presigned URLs. No key is needed, nor wanted: every request is recorded
 * ({@link #requests()}) so that tests can assert that none carries an {@code Authorization}
 * header or the API key. An expired or tampered URL answers 403 with an XML error, as cloud
 * storage does; an unknown object 404; a damaged run's file as {@link ExportOptions.Damage} says.
 */
public final class StorageHandler implements HttpHandler {
  private static final String EXPIRED = "<?xml version='1.0' encoding='UTF-8'?><Error>"
      + "<Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>";

  private final ExportStore store;
  private final long latencyMillis;
  private final AtomicLong bytesSent = new AtomicLong();
  private final List<StorageRequest> requests = Collections.synchronizedList(new ArrayList<>());

  /** {@code latencyMillis}: how long each answer waits, like the GraphQL endpoint's latency. */
  public StorageHandler(ExportStore store, long latencyMillis) {
    this.store = store;
    this.latencyMillis = latencyMillis;
  }

  /** The requests answered so far, in arrival order. */
  public List<StorageRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public void clearRequests() {
    requests.clear();
    bytesSent.set(0);
  }

  /** The bytes of the bodies answered since the last {@link #clearRequests()}. */
  public long bytesSent() {
    return bytesSent.get();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    int status;
    try (exchange) {
      status = answer(exchange);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    requests.add(new StorageRequest(exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null
            ? "" : "?" + exchange.getRequestURI().getRawQuery()), headers, status));
  }

  private int answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    if (latencyMillis > 0) {
      try {
        Thread.sleep(latencyMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String path = exchange.getRequestURI().getPath();
    if (!exchange.getRequestMethod().equals("GET") || !path.startsWith("/exports/")) {
      return send(exchange, 405, "<Error><Code>MethodNotAllowed</Code></Error>");
    }
    String id = path.substring("/exports/".length());
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    long expires;
    try {
      expires = Long.parseLong(query.getOrDefault("X-Expires", ""));
    } catch (NumberFormatException e) {
      return send(exchange, 403, EXPIRED);
    }
    Optional<ExportStore.StoredFile> file = store.file(id, expires,
        query.getOrDefault("X-Signature", ""));
    if (file.isEmpty()) {
      return store.knows(id) ? send(exchange, 403, EXPIRED)
          : send(exchange, 404, "<Error><Code>NoSuchKey</Code></Error>");
    }
    byte[] bytes = store.bytes(file.get());
    Optional<ExportOptions.Damage> damage = store.damageOf(file.get());
    if (damage.isPresent()) {
      switch (damage.get()) {
        case NOT_PARQUET -> {
          return send(exchange, 200, "<html><body>Service temporarily unavailable</body></html>");
        }
        case CUT -> bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        case SERVER_ERROR -> {
          return send(exchange, 500, "<Error><Code>InternalError</Code></Error>");
        }
        case MISSING -> {
          return send(exchange, 404, "<Error><Code>NoSuchKey</Code></Error>");
        }
      }
    }
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    bytesSent.addAndGet(bytes.length);
    return 200;
  }

  private int send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    bytesSent.addAndGet(bytes.length);
    return status;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return params;
  }
}
