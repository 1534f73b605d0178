package io.github.wandbjdbc.client;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach W&B: where, as whom, and how patiently.
 *
 * @param baseUrl the W&B server, e.g. {@code https://api.wandb.ai}; GraphQL is at {@code /graphql}
 * @param apiKey the credentials, sent only to {@code baseUrl}
 * @param connectTimeout limit for opening a TCP/TLS connection
 * @param requestTimeout limit for one attempt waiting for an answer
 * @param retry when and how to retry
 * @param userAgent the User-Agent header
 * @param parallelism most requests in flight at once, over all statements of the connection
 */
public record ClientOptions(
    URI baseUrl,
    ApiKey apiKey,
    Duration connectTimeout,
    Duration requestTimeout,
    RetryPolicy retry,
    String userAgent,
    int parallelism) {
  /** Requests one connection may have in flight when nothing else is said. */
  public static final int DEFAULT_PARALLELISM = 8;
  /** The most a connection may have in flight; also the size of its HTTP connection pool. */
  public static final int MAX_PARALLELISM = 32;

  public ClientOptions {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("parallelism must be 1.." + MAX_PARALLELISM);
    }
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(userAgent, "userAgent");
  }

  public ClientOptions(URI baseUrl, ApiKey apiKey, Duration connectTimeout,
      Duration requestTimeout, RetryPolicy retry, String userAgent) {
    this(baseUrl, apiKey, connectTimeout, requestTimeout, retry, userAgent, DEFAULT_PARALLELISM);
  }

  /** {@code {baseUrl}/graphql}. */
  public URI graphqlEndpoint() {
    String base = baseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/graphql");
  }

  /**
   * Whether {@code host} is this machine ({@code localhost}, {@code 127.x.y.z} or {@code ::1},
   * bracketed or not): where plain {@code http} is allowed without {@code allowInsecureHttp}, for
   * the base URL and for storage URLs alike.
   */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    h = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
