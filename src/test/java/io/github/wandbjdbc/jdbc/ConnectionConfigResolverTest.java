package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wandbjdbc.client.ApiKey;

import org.apache.calcite.config.CalciteConnectionProperty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/** Each configuration source and their precedence, with a temporary HOME. */
class ConnectionConfigResolverTest {
  private static final String KEY_PROPS = "key-from-properties-0000000000000000000000000";
  private static final String KEY_URL = "key-from-url-00000000000000000000000000000000";
  private static final String KEY_ENV = "key-from-env-00000000000000000000000000000000";
  private static final String KEY_NETRC = "key-from-netrc-000000000000000000000000000000";

  @TempDir
  Path home;

  private final Map<String, String> env = new HashMap<>();

  private ConnectionConfig resolve(Properties url, Properties info) throws SQLException {
    return new ConnectionConfigResolver(new Environment(env, home)).resolve(url, info);
  }

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  private void netrc(String text) throws IOException {
    Files.writeString(home.resolve(".netrc"), text);
  }

  @Test
  void apiKeyPrecedencePropertiesUrlEnvironmentNetrc() throws Exception {
    netrc("machine api.wandb.ai login user password " + KEY_NETRC + "\n");
    assertEquals(new ApiKey(KEY_NETRC), resolve(props(), props()).apiKey());
    assertTrue(resolve(props(), props()).apiKeySource().contains(".netrc"));

    env.put("WANDB_API_KEY", KEY_ENV);
    assertEquals(new ApiKey(KEY_ENV), resolve(props(), props()).apiKey());
    assertEquals("WANDB_API_KEY", resolve(props(), props()).apiKeySource());

    assertEquals(new ApiKey(KEY_URL), resolve(props("apiKey", KEY_URL), props()).apiKey());
    assertEquals(new ApiKey(KEY_PROPS),
        resolve(props("apiKey", KEY_URL), props("apiKey", KEY_PROPS)).apiKey());
  }

  @Test
  void passwordIsAnAliasAndApiKeyWinsAtTheSameLevel() throws Exception {
    assertEquals(new ApiKey(KEY_PROPS), resolve(props(), props("password", KEY_PROPS)).apiKey());
    assertEquals(new ApiKey(KEY_URL),
        resolve(props(), props("password", KEY_PROPS, "apiKey", KEY_URL)).apiKey());
    assertEquals(new ApiKey(KEY_PROPS),
        resolve(props("apiKey", KEY_URL), props("password", KEY_PROPS)).apiKey());
  }

  @Test
  void blankValuesCountAsAbsentAsToolsSendThemForEmptyFields() throws Exception {
    env.put("WANDB_API_KEY", KEY_ENV);
    ConnectionConfig c = resolve(props(), props("user", "", "password", "", "entity", " "));
    assertEquals(new ApiKey(KEY_ENV), c.apiKey());
    assertEquals(Optional.empty(), c.entity());
  }

  @Test
  void netrcEntryIsChosenByTheBaseUrlsHostAndPort() throws Exception {
    netrc("machine api.wandb.ai password " + KEY_NETRC + "\n"
        + "machine localhost:9999 password " + KEY_ENV + "\n");
    assertEquals(new ApiKey(KEY_ENV),
        resolve(props("baseUrl", "http://localhost:9999"), props()).apiKey());
  }

  @Test
  void netrcLocationFromNetrcVariable() throws Exception {
    Path elsewhere = home.resolve("elsewhere-netrc");
    Files.writeString(elsewhere, "machine api.wandb.ai password " + KEY_NETRC);
    env.put("NETRC", elsewhere.toString());
    assertEquals(new ApiKey(KEY_NETRC), resolve(props(), props()).apiKey());
  }

  @Test
  void entityAndProjectFromPropertiesUrlOrEnvironment() throws Exception {
    env.put("WANDB_API_KEY", KEY_ENV);
    ConnectionConfig none = resolve(props(), props());
    assertEquals(Optional.empty(), none.entity());
    assertEquals(Optional.empty(), none.project());

    env.put("WANDB_ENTITY", "env-team");
    env.put("WANDB_PROJECT", "env-project");
    assertEquals(Optional.of("env-team"), resolve(props(), props()).entity());
    assertEquals(Optional.of("env-project"), resolve(props(), props()).project());

    ConnectionConfig url = resolve(props("entity", "url-team", "project", "url-project"), props());
    assertEquals(Optional.of("url-team"), url.entity());
    assertEquals(Optional.of("url-project"), url.project());

    ConnectionConfig info = resolve(props("entity", "url-team"), props("entity", "info-team"));
    assertEquals(Optional.of("info-team"), info.entity());
  }

  @Test
  void baseUrlPrecedencePropertyEnvironmentSettingsDefault() throws Exception {
    env.put("WANDB_API_KEY", KEY_ENV);
    assertEquals(URI.create("https://api.wandb.ai"), resolve(props(), props()).baseUrl());

    Path settings = home.resolve(".config/wandb/settings");
    Files.createDirectories(settings.getParent());
    Files.writeString(settings, "[default]\nbase_url = https://settings.example.com/\n");
    assertEquals(URI.create("https://settings.example.com"), resolve(props(), props()).baseUrl());

    env.put("WANDB_BASE_URL", "https://env.example.com");
    assertEquals(URI.create("https://env.example.com"), resolve(props(), props()).baseUrl());

    assertEquals(URI.create("https://prop.example.com"),
        resolve(props("baseUrl", "https://prop.example.com"), props()).baseUrl());
  }

  @Test
  void settingsFileLocationFromWandbConfigDir() throws Exception {
    env.put("WANDB_API_KEY", KEY_ENV);
    Path dir = Files.createDirectories(home.resolve("cfg"));
    Files.writeString(dir.resolve("settings"), "[default]\nbase_url=https://cfgdir.example.com\n");
    env.put("WANDB_CONFIG_DIR", dir.toString());
    assertEquals(URI.create("https://cfgdir.example.com"), resolve(props(), props()).baseUrl());
  }

  @Test
  void tuningPropertiesWithDefaultsAndNamesIgnoringCase() throws Exception {
    env.put("WANDB_API_KEY", KEY_ENV);
    ConnectionConfig d = resolve(props(), props());
    assertTrue(d.pushdown());
    assertEquals(1000, d.pageSize());
    assertEquals(8, d.parallelism());
    assertEquals(Duration.ofSeconds(30), d.requestTimeout());
    assertEquals(5, d.retry().maxRetries());

    ConnectionConfig c = resolve(props("PUSHDOWN", "false", "pagesize", "500"),
        props("maxRetries", "0", "retryBackoffMs", "5", "requestTimeoutMs", "1500"));
    assertFalse(c.pushdown());
    assertEquals(500, c.pageSize());
    assertEquals(0, c.retry().maxRetries());
    assertEquals(Duration.ofMillis(5), c.retry().initialBackoff());
    assertEquals(Duration.ofMillis(1500), c.requestTimeout());
  }

  @Test
  void unknownPropertiesAreRejectedNamingTheAcceptedOnes() {
    env.put("WANDB_API_KEY", KEY_ENV);
    for (String name : new String[] {"model", "schemaFactory", "schema.x", "fun", "typeSystem",
        "parserFactory", "conformance", "lex", "entitty"}) {
      SQLException e = assertThrows(SQLException.class, () -> resolve(props(name, "x"), props()));
      assertEquals("HY092", e.getSQLState(), name);
      assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains("apiKey"),
          e.getMessage());
    }
  }

  /**
   * Every one of Calcite's own connection properties (models, schema factories, type systems,
   * parser factories, function libraries, conformance, …), by its camel-case and its plain name,
   * in the URL and in the properties: each is refused, so none can load a class or a file.
   */
  @Test
  void noneOfCalcitesConnectionPropertiesIsReachable() {
    env.put("WANDB_API_KEY", KEY_ENV);
    int tried = 0;
    for (CalciteConnectionProperty p : CalciteConnectionProperty.values()) {
      Set<String> names = new TreeSet<>(List.of(p.camelName(), p.name().toLowerCase(Locale.ROOT)));
      for (String name : names) {
        if (ConnectionProperty.byName(name).isPresent()) {
          continue; // one of ours with the same name (none today)
        }
        for (boolean inUrl : new boolean[] {true, false}) {
          Properties given = props(name, "org.example.Evil");
          SQLException e = assertThrows(SQLException.class,
              () -> resolve(inUrl ? given : props(), inUrl ? props() : given), name);
          assertEquals("HY092", e.getSQLState(), name);
          tried++;
        }
      }
    }
    assertTrue(tried >= 2 * CalciteConnectionProperty.values().length, "tried " + tried);
  }

  @Test
  void badValuesAreRejectedWithTheExpectedRange() {
    env.put("WANDB_API_KEY", KEY_ENV);
    SQLException e = assertThrows(SQLException.class, () -> resolve(props("pageSize", "0"), props()));
    assertEquals("HY024", e.getSQLState());
    assertTrue(e.getMessage().contains("from 1 to 1000"), e.getMessage());
    assertEquals("HY024", assertThrows(SQLException.class,
        () -> resolve(props("pushdown", "maybe"), props())).getSQLState());
    assertEquals("HY024", assertThrows(SQLException.class,
        () -> resolve(props("maxRetries", "lots"), props())).getSQLState());
  }

  @Test
  void baseUrlChecks() throws Exception {
    env.put("WANDB_API_KEY", KEY_ENV);
    for (String bad : new String[] {"ftp://x.example", "https://", "not a url", "https://app.wandb.ai",
        "http://api.wandb.ai", "http://wandb.corp.example", "https://x.example?a=b",
        "http://127.0.0.1:65536", "https://x.example:99999", "http://127.0.0.1:0"}) {
      SQLException e = assertThrows(SQLException.class,
          () -> resolve(props("baseUrl", bad), props()), bad);
      assertEquals("HY024", e.getSQLState(), bad);
    }
    assertTrue(assertThrows(SQLException.class, () -> resolve(props("baseUrl",
        "http://127.0.0.1:2147483647"), props())).getMessage().contains("between 1 and 65535"));
    assertEquals(URI.create("https://x.example:65535"),
        resolve(props("baseUrl", "https://x.example:65535"), props()).baseUrl());
    assertEquals(URI.create("http://wandb.corp.example"),
        resolve(props("baseUrl", "http://wandb.corp.example", "allowInsecureHttp", "true"), props())
            .baseUrl());
    assertEquals(URI.create("http://127.0.0.1:8080"),
        resolve(props("baseUrl", "http://127.0.0.1:8080/"), props()).baseUrl());
  }

  @Test
  void credentialsInTheBaseUrlAreRefusedWithoutBeingEchoed() {
    env.put("WANDB_API_KEY", KEY_ENV);
    SQLException e = assertThrows(SQLException.class,
        () -> resolve(props("baseUrl", "https://api:" + KEY_URL + "@api.wandb.ai"), props()));
    assertFalse(e.getMessage().contains(KEY_URL), e.getMessage());
  }

  @Test
  void missingKeySaysWhereToPutOne() {
    SQLException e = assertThrows(SQLException.class, () -> resolve(props(), props()));
    assertEquals("28000", e.getSQLState());
    assertTrue(e.getMessage().contains("WANDB_API_KEY") && e.getMessage().contains("wandb login"),
        e.getMessage());
  }

  @Test
  void configNeverPrintsTheKey() throws Exception {
    ConnectionConfig c = resolve(props(), props("apiKey", KEY_PROPS));
    assertFalse(c.toString().contains(KEY_PROPS), c.toString());
  }
}
