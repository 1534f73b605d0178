package io.github.wandbjdbc.client;

import java.net.URI;
import java.time.Duration;
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
 */
public record ClientOptions(
    URI baseUrl,
    ApiKey apiKey,
    Duration connectTimeout,
    Duration requestTimeout,
    RetryPolicy retry,
    String userAgent) {

  public ClientOptions {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(userAgent, "userAgent");
  }

  /** {@code {baseUrl}/graphql}. */
  public URI graphqlEndpoint() {
    String base = baseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/graphql");
  }
}
