package io.github.wandbjdbc.jdbc;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every property a {@code jdbc:wandb:} connection accepts, in the URL or in {@code Properties}.
 * Nothing else is accepted: an unknown name is an error, never silently ignored, and no Calcite
 * property (some of which load classes or files) can be set by a user.
 */
public enum ConnectionProperty {
  ENTITY("entity", null,
      "W&B entity (user or team) whose projects are the schemas. Default: WANDB_ENTITY, else the"
          + " API key's default entity."),
  PROJECT("project", null,
      "Default schema: a project of the entity. Default: WANDB_PROJECT, else none."),
  BASE_URL("baseUrl", "https://api.wandb.ai",
      "W&B server. Default: WANDB_BASE_URL, else base_url in ~/.config/wandb/settings, else"
          + " https://api.wandb.ai. Dedicated and self-managed servers: the instance URL."),
  API_KEY("apiKey", null,
      "W&B API key. Default: WANDB_API_KEY, else the ~/.netrc entry for the base URL's host"
          + " (written by `wandb login`). Sent only to baseUrl."),
  PASSWORD("password", null, "Same as apiKey, for tools that only have a password field."),
  USER("user", null,
      "Ignored: W&B authenticates with the API key alone. Accepted because tools always send it."),
  PUSHDOWN("pushdown", "true",
      "true: push filters, sorting, limits and column choices to W&B. false: fetch and evaluate"
          + " everything in the driver (same results, more requests; for comparison and"
          + " debugging)."),
  PAGE_SIZE("pageSize", "1000",
      "Runs per request when no LIMIT bounds a scan, 1 to 1000 (W&B's largest page). A LIMIT"
          + " sizes its pages itself."),
  PARALLELISM("parallelism", "8",
      "Most requests one connection has in flight at once, 1 to 32, shared by all its"
          + " statements: history and system metrics of several runs are read in parallel, and"
          + " the next page of runs while the current one is read. All of them pause together"
          + " when W&B rate-limits one (HTTP 429). 1 reads one request after another."),
  COLUMN_SAMPLE_SIZE("columnSampleSize", "100",
      "How many recent runs are read to discover the typed \"config.*\" and \"summary.*\""
          + " columns, 1 to 1000. Keys outside the sample stay reachable in the config and"
          + " summary JSON columns."),
  CONNECT_TIMEOUT_MS("connectTimeoutMs", "10000", "Limit for opening a connection to W&B, in ms."),
  REQUEST_TIMEOUT_MS("requestTimeoutMs", "30000",
      "Limit for one request to W&B to answer completely, in ms, however slowly the answer"
          + " arrives; a request past it is retried (Statement.setQueryTimeout bounds the whole"
          + " query)."),
  MAX_RETRIES("maxRetries", "5",
      "Retries of a request after HTTP 429, 5xx (except 501) or a network error, 0 to 20."),
  RETRY_BACKOFF_MS("retryBackoffMs", "1000",
      "Wait before the first retry in ms; doubles for each further retry, plus up to 25% jitter."),
  RETRY_MAX_WAIT_MS("retryMaxWaitMs", "60000",
      "Longest single wait between retries in ms, including waits W&B asks for with"
          + " Retry-After."),
  PROGRESS("progress", "false",
      "true: while a statement runs, show on standard error how many runs and rows it has fetched"
          + " (of how many, where W&B counts them), updated in place. For terminals; the SQL"
          + " shell turns it on when it runs in one."),
  ALLOW_INSECURE_HTTP("allowInsecureHttp", "false",
      "true allows a plain http:// baseUrl on a host other than localhost; the API key then"
          + " crosses the network unencrypted. It also allows history exports on such URLs."),
  HISTORY_SOURCE("historySource", "auto",
      "How history is read: auto reads W&B's parquet exports (as the official client does since"
          + " 0.27.1) with the steps not exported yet stitched on, and reads a run through GraphQL"
          + " windows, with a warning, where its exports cannot be read; parquet fails instead of"
          + " falling back; graphql reads only GraphQL windows.");

  private static final Map<String, ConnectionProperty> BY_LOWER_NAME = Arrays
      .stream(values())
      .collect(Collectors.toUnmodifiableMap(p -> p.propertyName.toLowerCase(Locale.ROOT),
          Function.identity()));

  private final String propertyName;
  private final String defaultValue;
  private final String description;

  ConnectionProperty(String propertyName, String defaultValue, String description) {
    this.propertyName = propertyName;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String propertyName() {
    return propertyName;
  }

  /** The default as text, or null when it comes from the environment or the server. */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The property of that name, ignoring case. */
  public static Optional<ConnectionProperty> byName(String name) {
    return Optional.ofNullable(BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT)));
  }

  /** Names of all properties, for error messages. */
  public static String allNames() {
    return Arrays.stream(values()).map(ConnectionProperty::propertyName)
        .collect(Collectors.joining(", "));
  }
}
