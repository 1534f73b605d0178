package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.client.ApiKey;
import io.github.wandbjdbc.client.ClientOptions;
import io.github.wandbjdbc.client.RetryPolicy;
import io.github.wandbjdbc.source.exports.HistorySourceMode;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds a {@link ConnectionConfig} from, in order of precedence (docs/ARCHITECTURE.md, walk (b),
 * "The API key, from the URL to the Authorization header"): the {@code Properties} given to
 * {@code DriverManager}, the {@code jdbc:wandb:} URL, the {@code WANDB_*} environment variables,
 * then the wandb client's own files ({@code ~/.netrc} for the key, {@code ~/.config/wandb/settings}
 * for the base URL), then defaults. Pure apart from reading those two files from the given
 * {@link Environment}'s home.
 */
public final class ConnectionConfigResolver {
  private static final int MAX_SHOWN_VALUE = 80;

  private final Environment environment;

  public ConnectionConfigResolver(Environment environment) {
    this.environment = environment;
  }

  /**
   * Resolves a configuration.
   *
   * @param fromUrl properties parsed from the URL
   * @param fromInfo properties given to {@code connect}; they win over the URL
   */
  public ConnectionConfig resolve(Properties fromUrl, Properties fromInfo) throws SQLException {
    Map<ConnectionProperty, String> url = known(fromUrl, "the JDBC URL");
    Map<ConnectionProperty, String> info = known(fromInfo, "the connection properties");
    Map<ConnectionProperty, String> given = new EnumMap<>(ConnectionProperty.class);
    given.putAll(url);
    given.putAll(info);

    boolean allowInsecure = bool(given, ConnectionProperty.ALLOW_INSECURE_HTTP);
    URI baseUrl = baseUrl(given, allowInsecure);
    Credential credential = apiKey(url, info, baseUrl);
    int maxRetries = integer(given, ConnectionProperty.MAX_RETRIES, 0, 20);
    Duration backoff = millis(given, ConnectionProperty.RETRY_BACKOFF_MS, 0, 600_000);
    Duration maxWait = millis(given, ConnectionProperty.RETRY_MAX_WAIT_MS, 0, 3_600_000);
    return new ConnectionConfig(
        Optional.ofNullable(given.get(ConnectionProperty.ENTITY))
            .or(() -> environment.variable("WANDB_ENTITY")),
        Optional.ofNullable(given.get(ConnectionProperty.PROJECT))
            .or(() -> environment.variable("WANDB_PROJECT")),
        baseUrl,
        credential.key(),
        credential.source(),
        bool(given, ConnectionProperty.PUSHDOWN),
        integer(given, ConnectionProperty.PAGE_SIZE, 1, 1000),
        integer(given, ConnectionProperty.COLUMN_SAMPLE_SIZE, 1, 1000),
        millis(given, ConnectionProperty.CONNECT_TIMEOUT_MS, 1, 600_000),
        millis(given, ConnectionProperty.REQUEST_TIMEOUT_MS, 1, 3_600_000),
        new RetryPolicy(maxRetries, backoff, maxWait),
        integer(given, ConnectionProperty.PARALLELISM, 1, ClientOptions.MAX_PARALLELISM),
        bool(given, ConnectionProperty.PROGRESS),
        allowInsecure,
        historySource(given));
  }

  private static HistorySourceMode historySource(Map<ConnectionProperty, String> given)
      throws SQLException {
    String v = value(given, ConnectionProperty.HISTORY_SOURCE);
    Optional<HistorySourceMode> mode = HistorySourceMode.parse(v);
    if (mode.isEmpty()) {
      throw invalid(ConnectionProperty.HISTORY_SOURCE, v, "auto, parquet or graphql");
    }
    return mode.get();
  }

  /** Maps names to properties, rejecting unknown ones; blank values count as absent. */
  private static Map<ConnectionProperty, String> known(Properties props, String where)
      throws SQLException {
    Map<ConnectionProperty, String> out = new EnumMap<>(ConnectionProperty.class);
    if (props == null) {
      return out;
    }
    for (String name : props.stringPropertyNames()) {
      ConnectionProperty p = ConnectionProperty.byName(name).orElseThrow(() -> new SQLException(
          "Unknown connection property '" + shown(name) + "' in " + where + ". wandb-jdbc accepts"
              + " only: " + ConnectionProperty.allNames() + ".", SqlStates.INVALID_ATTRIBUTE_NAME));
      String value = props.getProperty(name);
      // trim(), not isBlank(), decides: trim() also strips control characters such as NUL,
      // which isBlank() keeps, so "\0" used to pass as a value and become an empty API key
      // (IllegalArgumentException; found by the bad-input corpus, apiKey="\0").
      String trimmed = value == null ? "" : value.trim();
      if (!trimmed.isEmpty()) {
        out.put(p, trimmed);
      }
    }
    return out;
  }

  private URI baseUrl(Map<ConnectionProperty, String> given, boolean allowInsecure)
      throws SQLException {
    String raw = given.get(ConnectionProperty.BASE_URL);
    String source = "the baseUrl property";
    if (raw == null && environment.variable("WANDB_BASE_URL").isPresent()) {
      raw = environment.variable("WANDB_BASE_URL").get();
      source = "WANDB_BASE_URL";
    }
    if (raw == null) {
      Path settings = settingsFile();
      try {
        Optional<String> fromFile = WandbSettingsFile.read(settings).baseUrl();
        if (fromFile.isPresent()) {
          raw = fromFile.get();
          source = settings.toString();
        }
      } catch (IOException e) {
        throw new SQLException("Cannot read the wandb settings file " + settings + ": "
            + e.getMessage() + ". Fix its permissions, or set the baseUrl property.",
            SqlStates.INVALID_ATTRIBUTE_VALUE, e);
      }
    }
    if (raw == null) {
      raw = ConnectionProperty.BASE_URL.defaultValue();
    }
    return BaseUrls.validate(raw, allowInsecure, source);
  }

  private Path settingsFile() {
    return environment.variable("WANDB_CONFIG_DIR").map(Path::of)
        .orElse(environment.home().resolve(".config").resolve("wandb"))
        .resolve("settings");
  }

  private Path netrcFile() {
    return environment.variable("NETRC").map(Path::of)
        .orElse(environment.home().resolve(".netrc"));
  }

  private record Credential(ApiKey key, String source) {}

  private Credential apiKey(Map<ConnectionProperty, String> url,
      Map<ConnectionProperty, String> info, URI baseUrl) throws SQLException {
    Optional<String> fromInfo = credential(info);
    if (fromInfo.isPresent()) {
      return new Credential(new ApiKey(fromInfo.get()), "the connection properties");
    }
    Optional<String> fromUrl = credential(url);
    if (fromUrl.isPresent()) {
      return new Credential(new ApiKey(fromUrl.get()), "the JDBC URL");
    }
    Optional<String> fromEnv = environment.variable("WANDB_API_KEY");
    if (fromEnv.isPresent()) {
      return new Credential(new ApiKey(fromEnv.get()), "WANDB_API_KEY");
    }
    Path netrc = netrcFile();
    try {
      Optional<String> fromNetrc = Netrc.read(netrc).password(baseUrl.getHost(), baseUrl.getPort())
          .filter(s -> !s.isBlank());
      if (fromNetrc.isPresent()) {
        return new Credential(new ApiKey(fromNetrc.get()), netrc + " (machine " + baseUrl.getHost()
            + ")");
      }
    } catch (IOException e) {
      throw new SQLException("Cannot read " + netrc + " to find the W&B API key: " + e.getMessage()
          + ". Fix its permissions, or set the apiKey property.", SqlStates.INVALID_AUTHORIZATION, e);
    }
    throw new SQLException("No W&B API key found for " + baseUrl + ". Set the apiKey (or password)"
        + " property, the WANDB_API_KEY environment variable, or run `wandb login` (it writes"
        + " ~/.netrc). Get a key from your W&B user settings.", SqlStates.INVALID_AUTHORIZATION);
  }

  /** The key given at one level: {@code apiKey} wins over {@code password}. */
  private static Optional<String> credential(Map<ConnectionProperty, String> level) {
    return Optional.ofNullable(level.get(ConnectionProperty.API_KEY))
        .or(() -> Optional.ofNullable(level.get(ConnectionProperty.PASSWORD)));
  }

  private static String value(Map<ConnectionProperty, String> given, ConnectionProperty p) {
    return given.getOrDefault(p, p.defaultValue());
  }

  private static boolean bool(Map<ConnectionProperty, String> given, ConnectionProperty p)
      throws SQLException {
    String v = value(given, p).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(p, v, "true or false");
    };
  }

  private static int integer(Map<ConnectionProperty, String> given, ConnectionProperty p, int min,
      int max) throws SQLException {
    String v = value(given, p);
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw invalid(p, v, "an integer from " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(p, v, "an integer from " + min + " to " + max);
    }
  }

  private static Duration millis(Map<ConnectionProperty, String> given, ConnectionProperty p,
      int min, int max) throws SQLException {
    return Duration.ofMillis(integer(given, p, min, max));
  }

  private static SQLException invalid(ConnectionProperty p, String value, String expected) {
    return new SQLException("Invalid value '" + shown(value) + "' for connection property "
        + p.propertyName() + ": expected " + expected + ".", SqlStates.INVALID_ATTRIBUTE_VALUE);
  }

  private static String shown(String s) {
    return s.length() <= MAX_SHOWN_VALUE ? s : s.substring(0, MAX_SHOWN_VALUE) + "…";
  }

  /** Checks of the base URL, as the official client's {@code validate_base_url} does. */
  static final class BaseUrls {
    private static final int MAX_PORT = 65_535;

    private BaseUrls() {}

    static URI validate(String given, boolean allowInsecure, String source) throws SQLException {
      // A URL with '@' may carry credentials (https://api:KEY@host) that a parse error would
      // otherwise echo, e.g. when the key holds a character a URL cannot.
      String raw = given.contains("@") ? "(hidden: it contains '@', perhaps credentials)" : given;
      String text = given.strip();
      while (text.endsWith("/")) {
        text = text.substring(0, text.length() - 1);
      }
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        throw bad(raw, source, "it is not a URL");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw bad(raw, source, "it must start with https:// (or http:// for a local server)");
      }
      String host = uri.getHost();
      if (host == null || host.isBlank()) {
        throw bad(raw, source, "it has no host");
      }
      if (uri.getPort() == 0 || uri.getPort() > MAX_PORT) {
        // java.net.URI parses any number of digits as the port; HttpClient would then refuse it
        // with an IllegalArgumentException ("failed unexpectedly").
        throw bad(raw, source, "its port must be between 1 and " + MAX_PORT);
      }
      if (uri.getRawUserInfo() != null) {
        throw bad("(hidden: it contains credentials)", source,
            "it must not contain credentials; set the apiKey property instead");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw bad(raw, source, "it must not have a query or fragment");
      }
      String h = host.toLowerCase(Locale.ROOT);
      if (h.equals("wandb.ai") || h.equals("app.wandb.ai")) {
        throw bad(raw, source, "that is W&B's web app; the API is at https://api.wandb.ai");
      }
      if (scheme.equals("http") && (h.equals("wandb.ai") || h.endsWith(".wandb.ai"))) {
        throw bad(raw, source, "W&B's cloud needs https://");
      }
      if (scheme.equals("http") && !ClientOptions.isLoopback(h) && !allowInsecure) {
        throw bad(raw, source, "plain http:// would send the API key unencrypted; use https://,"
            + " or set allowInsecureHttp=true if you accept that");
      }
      return uri;
    }

    private static SQLException bad(String raw, String source, String why) {
      return new SQLException("Invalid W&B base URL '" + shown(raw) + "' (from " + source + "): "
          + why + ".", SqlStates.INVALID_ATTRIBUTE_VALUE);
    }
  }
}
