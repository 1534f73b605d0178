package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.client.ApiKey;
import io.github.wandbjdbc.client.ClientOptions;
import io.github.wandbjdbc.client.RetryPolicy;
import io.github.wandbjdbc.source.exports.HistorySourceMode;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a connection needs, resolved from properties, the URL, the environment and the
 * wandb client's files (see {@link ConnectionConfigResolver}). Immutable.
 *
 * @param entity the entity, or empty to ask W&B for the key's default entity
 * @param project the default schema, if any
 * @param baseUrl the W&B server
 * @param apiKey the credentials
 * @param apiKeySource where the key came from, named for error messages
 * @param pushdown whether to push query parts to W&B
 * @param pageSize runs per request when no LIMIT bounds a scan
 * @param columnSampleSize runs read to discover dynamic columns
 * @param connectTimeout limit for opening a connection
 * @param requestTimeout limit for one request
 * @param retry retry policy
 * @param parallelism most requests in flight at once
 * @param progress whether to show statements' fetch progress on standard error
 */
public record ConnectionConfig(
    Optional<String> entity,
    Optional<String> project,
    URI baseUrl,
    ApiKey apiKey,
    String apiKeySource,
    boolean pushdown,
    int pageSize,
    int columnSampleSize,
    Duration connectTimeout,
    Duration requestTimeout,
    RetryPolicy retry,
    int parallelism,
    boolean progress,
    boolean allowInsecureHttp,
    HistorySourceMode historySource) {

  public ConnectionConfig {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(apiKeySource, "apiKeySource");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(historySource, "historySource");
  }

  public ClientOptions clientOptions(String userAgent) {
    return new ClientOptions(baseUrl, apiKey, connectTimeout, requestTimeout, retry, userAgent,
        parallelism);
  }
}
