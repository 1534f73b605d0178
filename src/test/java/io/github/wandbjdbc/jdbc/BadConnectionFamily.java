package io.github.wandbjdbc.jdbc;

import io.github.wandbjdbc.support.CorpusTally;
import io.github.wandbjdbc.support.SqlRows;
import io.github.wandbjdbc.support.TestServerExtension;

import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.config.CalciteConnectionProperty;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

/**
 * The URL and properties family: bad property names and values, URL garbage, bad base URLs and
 * Calcite's own property names, through {@code DriverManager} and {@code WandbDriver.connect}.
 * A connection that opens must answer {@code COUNT(*)} of runs as a connection with the test's
 * own properties does.
 *
 * <p>No input may send the API key anywhere but the test server or reach the real network:
 * every input carries a base URL (in its properties or, as a fallback, in its URL pointing at a
 * closed port on 127.0.0.1), and {@link #unsafe} refuses to run an input whose base URL the driver
 * would accept for a host other than the loopback interface. Inputs without a key in their
 * properties go through a driver with an empty environment and home, never the developer's.
 */
public final class BadConnectionFamily {
  static final long SEED = 20_240_612L;

  private record ConnectionInput(String label, String url, Properties props) {}

  private final TestServerExtension server;
  private final CorpusTally tally;
  private final WandbDriver isolatedDriver;
  private final int closedPort;
  private final String closedBaseUrl;
  private final Map<String, Long> runCounts = new HashMap<>();

  private BadConnectionFamily(TestServerExtension server) throws IOException {
    this.server = server;
    this.tally = new CorpusTally("URLs and properties", server.apiKey());
    this.isolatedDriver = new WandbDriver(new Environment(Map.of(),
        Files.createTempDirectory("bad-input-home")));
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      this.closedPort = socket.getLocalPort();
    }
    this.closedBaseUrl = "http://127.0.0.1:" + closedPort;
  }

  public static CorpusTally run(TestServerExtension server) throws IOException {
    BadConnectionFamily family = new BadConnectionFamily(server);
    family.runAll();
    return family.tally;
  }

  private void runAll() {
    Random random = new Random(SEED);
    List<ConnectionInput> inputs = new ArrayList<>();
    badValues(inputs);
    badNames(inputs, random);
    calciteNames(inputs);
    badUrls(inputs, random);
    badBaseUrls(inputs);
    for (int i = 0; i < inputs.size(); i++) {
      ConnectionInput input = inputs.get(i);
      Optional<String> unsafe = unsafe(input);
      if (unsafe.isPresent()) {
        tally.fail(input.label(), "not run, unsafe corpus entry: " + unsafe.get());
        continue;
      }
      boolean viaDriverManager = i % 2 == 0 && hasKey(input.props());
      tally.attempt(input.label() + (viaDriverManager ? " (DriverManager)" : " (WandbDriver)"),
          () -> connectAndCount(input, viaDriverManager));
    }
    foreignUrls();
  }

  /** Base properties for the small project, no retries, with the fallback base URL in the URL. */
  private Properties base() {
    Properties p = server.properties("project", TestServerExtension.SMALL_PROJECT,
        "maxRetries", "0");
    return p;
  }

  private String fallbackUrl() {
    return WandbDriver.PREFIX + "baseUrl=" + closedBaseUrl;
  }

  private void badValues(List<ConnectionInput> out) {
    String[] values = {"abc", "-1", "0", "1", "-2147483648", "2147483648",
        "99999999999999999999", "yes", "no", "TRUE", "1.5", "0x10", "+5", "1e3", "", " ", "\t",
        "x".repeat(10_000), "\u0661\u0662", "\uff11\uff10", "\u0000", "5\u0000", "\n5\n", "null",
        "' OR 1=1 --", "${jndi:ldap://127.0.0.1:" + "1/a}", "%00", "\ud83d\ude00", "\u202e1"};
    for (ConnectionProperty p : ConnectionProperty.values()) {
      for (String v : values) {
        Properties props = base();
        props.setProperty(p.propertyName(), v);
        out.add(new ConnectionInput(p.propertyName() + "=" + shown(v), fallbackUrl(), props));
      }
    }
  }

  private void badNames(List<ConnectionInput> out, Random random) {
    List<String> names = new ArrayList<>(List.of("", " ", "apikey ", "api_key", "base_url",
        "BaseURL", "APIKEY", "entity\u0000", "x".repeat(10_000), "\u00e9ntity", "\ud83d\ude00",
        "project.name", "baseUrl;", "=", ";", "'", "user ", "\t", "\u200bentity", "jdbc:wandb:"));
    for (int i = 0; i < 20; i++) {
      names.add(randomText(random, 1 + random.nextInt(30)));
    }
    for (String name : names) {
      Properties props = base();
      props.setProperty(name, "1");
      out.add(new ConnectionInput("property name " + shown(name), fallbackUrl(), props));
    }
  }

  /** Calcite's and Avatica's own properties, in the properties and in the URL: all refused. */
  private void calciteNames(List<ConnectionInput> out) {
    List<String> names = new ArrayList<>();
    for (CalciteConnectionProperty p : CalciteConnectionProperty.values()) {
      names.add(p.camelName());
    }
    for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
      names.add(p.camelName());
    }
    for (String name : names) {
      Properties props = base();
      props.setProperty(name, "x");
      out.add(new ConnectionInput("Calcite property " + name, fallbackUrl(), props));
      out.add(new ConnectionInput("Calcite property " + name + " in the URL",
          fallbackUrl() + ";" + name + "=x", base()));
    }
  }

  private void badUrls(List<ConnectionInput> out, Random random) {
    List<String> tails = new ArrayList<>(List.of(";;", ";=x", "=", "=x", ";entity", "entity=;",
        ";%zz", "%00", "entity='unterminated", "entity=\"unterminated", "entity='a''b'",
        "project=\"x\";project='y'", ";;;;;;;;;;", "\u0000", "\ud83d\ude00=\ud83d\ude00",
        "a=b=c", "  ;  =  ;", "entity=" + "e".repeat(10_000), "project=%2e%2e%2f",
        "\r\nHost: evil", "project=\u0000", "'", "\"", "\\", "entity=demo-team\\;x"));
    for (int i = 0; i < 25; i++) {
      tails.add(randomText(random, 1 + random.nextInt(40)));
    }
    for (String tail : tails) {
      out.add(new ConnectionInput("URL tail " + shown(tail), fallbackUrl() + ";" + tail, base()));
    }
  }

  private void badBaseUrls(List<ConnectionInput> out) {
    int port = server.server().port();
    String ok = "http://127.0.0.1:" + port;
    List<String> urls = List.of("127.0.0.1:" + port, "ftp://127.0.0.1:" + port,
        "javascript:alert(1)", "file:///etc/passwd", "http://example.com", "http://10.0.0.1",
        "http://127.0.0.1:99999", "http://127.0.0.1:65536", "http://127.0.0.1:0",
        "http://127.0.0.1:-1", "http://user:pass@127.0.0.1:" + port, "http://:x@127.0.0.1:" + port,
        "https://127.0.0.1:" + port, closedBaseUrl, "http://[::1]:" + closedPort,
        "http://localhost:" + closedPort, ok + "/nope", ok + "?x=1", ok + "#frag",
        "http://127.1:" + port, "http://2130706433:" + port, "http://127.0.0.1.nip.io",
        "http://\u00fcn\u00efcode", "HTTP://127.0.0.1:" + port, ok + "/", ok + "//",
        " " + ok + " ", ok + "/graphql", ok + "/%zz", "http://wandb.ai", "https://app.wandb.ai",
        "http://api.wandb.ai", "https:", "https://", "http:///x", "//127.0.0.1:" + port,
        ok + "\u0000", ok + "\r\nX-Injected: 1", "x".repeat(10_000),
        "http://" + "a".repeat(10_000) + ".localhost", "http://[::ffff:127.0.0.1]:" + closedPort,
        "http://127.0.0.1:" + port + "/" + "p".repeat(10_000), "http://[::1", "http://[zz]:1",
        "http://127.0.0.1:" + port + "/\ud83d\ude00", "http://127.0.0.1:port",
        "http://127.0.0.1:" + Integer.MAX_VALUE, "http://127.0.0.1:" + port + "@10.0.0.1");
    for (String url : urls) {
      Properties props = base();
      props.setProperty("baseUrl", url);
      out.add(new ConnectionInput("baseUrl " + shown(url), fallbackUrl(), props));
    }
    for (String url : List.of(closedBaseUrl, "http://localhost:" + closedPort, ok + "/nope",
        "https://127.0.0.1:" + port)) {
      Properties props = base();
      props.setProperty("baseUrl", url);
      props.setProperty("allowInsecureHttp", "true");
      out.add(new ConnectionInput("baseUrl " + url + " with allowInsecureHttp", fallbackUrl(),
          props));
    }
  }

  /** URLs of other drivers: not accepted, {@code connect} answers null, DriverManager 08001. */
  private void foreignUrls() {
    List<String> urls = new ArrayList<>(List.of("jdbc:wandbx:", "jdbc:WANDB:", "JDBC:wandb:",
        "jdbc:wandb", "jdbc:mysql://127.0.0.1:" + closedPort + "/x", "", " jdbc:wandb:",
        "jdbc:calcite:", "wandb:", "jdbc::wandb:", "\u0000jdbc:wandb:", "jdbc:wand:",
        "jdbc:wandb\u0000:", "jdbc:\ud83d\ude00:", "x".repeat(10_000)));
    for (String url : urls) {
      tally.attempt("foreign URL " + shown(url) + " (WandbDriver)", () -> {
        if (isolatedDriver.acceptsURL(url)) {
          return Optional.of("acceptsURL is true");
        }
        Connection c = isolatedDriver.connect(url, base());
        if (c != null) {
          c.close();
          return Optional.of("connect returned a connection, not null");
        }
        return Optional.empty();
      });
    }
    for (String url : urls.subList(0, 5)) {
      tally.attempt("foreign URL " + shown(url) + " (DriverManager)", () -> {
        try (Connection c = DriverManager.getConnection(url, base())) {
          return Optional.of("DriverManager found a driver for it: " + c);
        }
      });
    }
    tally.attempt("null URL (WandbDriver)", () -> isolatedDriver.acceptsURL(null)
        || isolatedDriver.connect(null, base()) != null
        ? Optional.of("a null URL was accepted") : Optional.empty());
  }

  private Optional<String> connectAndCount(ConnectionInput input, boolean viaDriverManager)
      throws SQLException {
    try (Connection c = viaDriverManager
        ? DriverManager.getConnection(input.url(), input.props())
        : isolatedDriver.connect(input.url(), input.props())) {
      if (c == null) {
        return Optional.of("connect returned null for a jdbc:wandb: URL");
      }
      String schema = Optional.ofNullable(c.getSchema()).orElse(TestServerExtension.SMALL_PROJECT);
      List<List<Object>> rows = SqlRows.query(c, "SELECT COUNT(*) FROM \"" + schema + "\".runs");
      long expected = expectedRuns(schema);
      if (rows.size() != 1 || !Long.valueOf(expected).equals(((Number) rows.get(0).get(0))
          .longValue())) {
        return Optional.of("COUNT(*) of " + schema + ".runs is " + rows + ", expected " + expected);
      }
      return Optional.empty();
    }
  }

  /** The count through a connection with the test's own, valid properties. */
  private long expectedRuns(String schema) throws SQLException {
    Long known = runCounts.get(schema);
    if (known == null) {
      try (Connection c = server.connect("project", schema)) {
        known = ((Number) SqlRows.query(c, "SELECT COUNT(*) FROM runs").get(0).get(0)).longValue();
      }
      runCounts.put(schema, known);
    }
    return known;
  }

  /**
   * Why running the input could send the key to a host other than this machine: its base URL
   * (from the properties, else the URL, as the driver resolves it) is missing, or one the driver
   * accepts for a non-loopback host. Empty when the input is safe to run.
   */
  private static Optional<String> unsafe(ConnectionInput input) {
    List<String> candidates = baseUrls(input.props());
    if (candidates.isEmpty()) {
      try {
        Properties fromUrl = ConnectStringParser.parse(input.url().substring(
            WandbDriver.PREFIX.length()));
        candidates = baseUrls(fromUrl);
      } catch (SQLException e) {
        return Optional.empty();
      }
    }
    if (candidates.isEmpty()) {
      return Optional.of("no base URL: the driver would use its default, W&B's cloud");
    }
    boolean allowInsecure = allowsInsecure(input);
    for (String raw : candidates) {
      URI uri;
      try {
        uri = ConnectionConfigResolver.BaseUrls.validate(raw, allowInsecure, "guard");
      } catch (SQLException refused) {
        continue;
      }
      if (!io.github.wandbjdbc.client.ClientOptions.isLoopback(uri.getHost())) {
        return Optional.of("base URL " + shown(raw) + " is accepted for a non-loopback host");
      }
    }
    return Optional.empty();
  }

  /** True when any allowInsecureHttp, in the properties or the URL, may read as true. */
  private static boolean allowsInsecure(ConnectionInput input) {
    List<String> values = new ArrayList<>();
    input.props().stringPropertyNames().stream().filter(n -> n.equalsIgnoreCase("allowInsecureHttp"))
        .forEach(n -> values.add(input.props().getProperty(n)));
    values.add(input.url());
    return values.stream().anyMatch(v -> v != null && v.toLowerCase(java.util.Locale.ROOT)
        .contains("true"));
  }

  /** Non-blank values of every property the driver reads as baseUrl (names match any case). */
  private static List<String> baseUrls(Properties props) {
    List<String> out = new ArrayList<>();
    for (String name : props.stringPropertyNames()) {
      String value = props.getProperty(name);
      if (name.equalsIgnoreCase("baseUrl") && value != null && !value.isBlank()) {
        out.add(value);
      }
    }
    return out;
  }

  private static boolean hasKey(Properties props) {
    String key = props.getProperty("apiKey");
    return key != null && !key.isBlank() && key.trim().length() == key.length();
  }

  private static String randomText(Random random, int length) {
    String alphabet = ";=\"' %\\\u0000ab\u00e9\u6f22{}[]:/@#\n\t";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (random.nextInt(8) == 0) {
        s.appendCodePoint(0x1F600 + random.nextInt(40));
      } else {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
    }
    return s.toString();
  }

  private static String shown(String s) {
    String visible = s.replace("\u0000", "\\0").replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t");
    return visible.length() <= 60 ? "'" + visible + "'" : "'" + visible.substring(0, 60) + "…' ("
        + s.length() + " chars)";
  }
}
