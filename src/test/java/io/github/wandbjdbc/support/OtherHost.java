package io.github.wandbjdbc.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A second local HTTP server, standing for a host other than {@code baseUrl} (where a redirect
 * points, a storage bucket): it records whatever reaches it, with its Authorization header, and
 * answers {@code status}. Tests assert that nothing does.
 */
public final class OtherHost implements AutoCloseable {
  private final HttpServer server;
  private final List<String> reached = new CopyOnWriteArrayList<>();

  public OtherHost(int status) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      reached.add(exchange.getRequestMethod() + " " + exchange.getRequestURI()
          + " Authorization=" + exchange.getRequestHeaders().getFirst("Authorization"));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Every request that reached it: method, URI and Authorization header. */
  public List<String> reached() {
    return List.copyOf(reached);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
